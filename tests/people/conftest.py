from __future__ import annotations

from datetime import date

import pytest

from liaison.pathway.models import Episode
from tests import factories
from tests.conftest import Network

# 999 numbers pass the modulus-11 check but are never issued.
NHS_NUMBER = "9990000018"


@pytest.fixture
def episode_a(network: Network) -> Episode:
    """An open episode in scheme A, for a person with an NHS number."""
    who = factories.person(
        by=network.practitioner_a,
        scheme=network.scheme_a,
        given_name="Jordan",
        family_name="Ashworth",
        date_of_birth=date(1990, 5, 17),
        nhs_number=NHS_NUMBER,
    )
    return factories.episode(by=network.practitioner_a, site=network.custody_a, who=who)


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """Argon2 is deliberately slow; these tests sign in with force_login and never need it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
