from __future__ import annotations

from datetime import date

import pytest

from liaison.people.models import Person
from tests import factories
from tests.conftest import Network

NHS_NUMBER = "9990000018"


@pytest.fixture
def register(network: Network) -> dict[str, Person]:
    return small_register(network)


def small_register(network: Network) -> dict[str, Person]:
    """A small register: the person to find, people who look like them, and one of scheme B."""
    a, b = network.practitioner_a, network.practitioner_b
    return {
        "jordan": factories.person(
            by=a,
            scheme=network.scheme_a,
            given_name="Jordan",
            family_name="Ashworth",
            date_of_birth=date(1990, 5, 17),
            sex="1",
            postcode="LS6 2AB",
        ),
        "brother": factories.person(
            by=a,
            scheme=network.scheme_a,
            given_name="Jason",
            family_name="Ashworth",
            date_of_birth=date(1993, 1, 2),
            sex="1",
            postcode="LS6 2AB",
        ),
        "namesake": factories.person(
            by=a,
            scheme=network.scheme_a,
            given_name="Jordan",
            family_name="Ashworth",
            date_of_birth=date(1971, 11, 30),
            sex="1",
            postcode="PL4 8AA",
        ),
        "numbered": factories.person(
            by=a,
            scheme=network.scheme_a,
            given_name="Sam",
            family_name="Okafor",
            date_of_birth=date(1985, 3, 9),
            nhs_number=NHS_NUMBER,
        ),
        "elsewhere": factories.person(
            by=b,
            scheme=network.scheme_b,
            given_name="Robert",
            family_name="Kowalski",
            date_of_birth=date(1979, 8, 4),
            sex="1",
            postcode="B12 9QT",
        ),
    }
