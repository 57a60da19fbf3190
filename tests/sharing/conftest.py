"""Sharing fixtures: a screened episode in scheme A with findings to choose from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from liaison.pathway.models import Episode
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.models import Finding
from liaison.sharing.actions import ConsentDetails, ShareDetails, consent_record, share_create
from liaison.sharing.models import Consent, InformationShare
from tests import factories
from tests.conftest import Network


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Case:
    episode: Episode
    mental_health: Finding
    drugs: Finding
    alcohol: Finding


def screened(network: Network, *, born: date = date(1990, 5, 17), site: Any = None) -> Case:
    by = network.practitioner_a
    site = site or network.court_a
    who = factories.person(by=by, scheme=site.scheme, date_of_birth=born, given_name="Casey", family_name="Sharetest")
    episode = factories.episode(by=by, site=site, who=who, minutes_ago=120)
    screening_record(
        by=by,
        episode=episode,
        findings=[
            FindingInput("mental_health", "suspected", note="Hearing voices since Tuesday"),
            FindingInput("drugs", "confirmed", "records", note="Daily heroin use, on methadone script"),
            FindingInput("alcohol", "ruled_out"),
        ],
        urgency="same_day",
        needs_assessment=False,
    )
    findings = {f.domain: f for f in Finding.objects.filter(episode=episode)}
    return Case(episode, findings["mental_health"], findings["drugs"], findings["alcohol"])


@pytest.fixture
def case(network: Network) -> Case:
    return screened(network)


def consent_to(
    network: Network,
    episode: Episode,
    *,
    agency: str = "magistrates_court",
    purpose: str = "sentencing",
    decision: str = "given",
    **kwargs: Any,
) -> Consent:
    return consent_record(
        by=network.practitioner_a,
        episode=episode,
        details=ConsentDetails(
            scope="share", agency=agency, purpose=purpose, decision=decision, method="verbal", **kwargs
        ),
    )


def share(network: Network, episode: Episode, **kwargs: Any) -> InformationShare:
    fields: dict[str, Any] = {
        "agency": "magistrates_court",
        "recipient_name": "Legal adviser, court 2",
        "purpose": "sentencing",
        "lawful_basis_6": "6_1_e",
        "lawful_basis_9": "9_2_h",
        "channel": "report",
        "summary": "Needs a mental health assessment in the community.",
    }
    fields.update(kwargs)
    at = fields.pop("occurred_at", None)
    return share_create(by=network.practitioner_a, episode=episode, details=ShareDetails(**fields), occurred_at=at)


# What an override records beside its kind, reason and approver (Caldicott principle 8).
TOLD = {
    "caldicott_consulted": False,
    "caldicott_not_consulted_reason": "Out of hours: the duty Guardian could not be reached in time",
    "person_informed": True,
}
