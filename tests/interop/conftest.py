from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from liaison.accounts.actions import api_token_create
from liaison.accounts.models import User
from liaison.assessment.models import Assessment
from liaison.core import clock
from liaison.pathway.actions import episode_note
from liaison.screening.instruments.actions import instrument_record
from liaison.sharing.actions import ConsentDetails, ShareDetails, consent_record, share_create
from tests import factories
from tests.referrals import builders
from tests.screening.answers import gad7
from tests.screening.suggested import pending_finding


class Api:
    """A token-holding API client: `api.get("/people", q="x")`, `api.post("/episodes", {...})`."""

    def __init__(self, token: str | None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(f"/api/v1{path}", data=data, content_type="application/json")

    def patch(self, path: str, body: Any) -> Any:
        return self.client.patch(f"/api/v1{path}", data=json.dumps(body), content_type="application/json")


CONSENT_BODY: dict[str, Any] = {
    "scope": "share",
    "agency": "magistrates_court",
    "purpose": "sentencing",
    "decision": "given",
    "method": "verbal",
}
SHARE_BODY: dict[str, Any] = {
    "agency": "magistrates_court",
    "recipient_name": "Legal adviser",
    "purpose": "sentencing",
    "lawful_basis_6": "6_1_e",
    "lawful_basis_9": "9_2_h",
    "channel": "report",
    "summary": "Needs a mental health assessment",
}


def valid_body(network: Any, method: str, path: str, *, person_id: str = "") -> Any:
    """A body each operation accepts (given a record at a stage that allows it)."""
    bodies: dict[tuple[str, str], Any] = {
        ("POST", "/api/v1/people"): {"given_name": "Sam", "family_name": "Okafor"},
        ("PATCH", "/api/v1/people/{person_id}"): {"family_name": "Okafor", "reason": "Misspelt"},
        ("POST", "/api/v1/people/{person_id}/aliases"): {"family_name": "Oka", "reason": "Gave this name"},
        ("POST", "/api/v1/episodes"): {
            "person_id": person_id,
            "site": network.custody_a.code,
            "referral_source": "E1",
            "alerted_by": "Custody sergeant",
        },
        ("POST", "/api/v1/episodes/{episode_id}/screen"): {
            "findings": [{"domain": "mental_health", "status": "suspected"}],
            "urgency": "routine",
        },
        ("POST", "/api/v1/episodes/{episode_id}/assess"): {"summary": "Seen"},
        ("POST", "/api/v1/episodes/{episode_id}/refer"): {"service_id": 1},
        ("POST", "/api/v1/episodes/{episode_id}/referrals"): {"service_id": 1, "urgency": "urgent"},
        ("POST", "/api/v1/services"): {"name": "Sefton talking therapies", "service_type": "talking_therapies"},
        ("POST", "/api/v1/referrals/{referral_id}/transitions"): {"transition": "accept"},
        ("POST", "/api/v1/referrals/{referral_id}/support"): {"worker_id": 1},
        ("POST", "/api/v1/episodes/{episode_id}/support-contacts"): {
            "contact_type": "phone",
            "duration_minutes": 10,
            "outcome": "Reminded of the appointment",
        },
        ("POST", "/api/v1/episodes/{episode_id}/close"): {
            "justice_outcome": "no_further_action",
            "ld_outcome": "no_further_ld_action",
        },
        ("POST", "/api/v1/episodes/{episode_id}/reopen"): {"reason": "Closed in error"},
        ("POST", "/api/v1/episodes/{episode_id}/reenter"): {
            "site": network.court_a.code,
            "referral_source": "E2",
            "alerted_by": "Court usher",
        },
        ("POST", "/api/v1/episodes/{episode_id}/notes"): {"text": "Solicitor informed"},
        ("POST", "/api/v1/episodes/{episode_id}/events/{event_id}/void"): {"reason": "Entered in error"},
        ("POST", "/api/v1/episodes/{episode_id}/findings/{finding_id}/decision"): {"decision": "confirmed"},
        ("POST", "/api/v1/episodes/{episode_id}/safety-plans"): {
            "plan": "Level 2 observations; cord and belt removed",
            "informed": [{"role": "custody_sergeant", "name": "PS Khan"}],
            "informed_at": clock.now().isoformat(),
        },
        ("POST", "/api/v1/episodes/{episode_id}/assessments"): {"history": "Known to CMHT"},
        ("PUT", "/api/v1/episodes/{episode_id}/assessments/{assessment_id}"): {"history": "Known to CMHT"},
        ("POST", "/api/v1/episodes/{episode_id}/assessments/{assessment_id}/complete"): {},
        ("POST", "/api/v1/episodes/{episode_id}/assessments/{assessment_id}/amend"): {
            "reason": "Wrong history",
            "history": "Known to CMHT",
            "presentation": "Calm",
            "formulation": "Low mood after bereavement",
        },
        ("POST", "/api/v1/episodes/{episode_id}/consents"): CONSENT_BODY,
        ("POST", "/api/v1/consents/{consent_id}/withdraw"): {"note": "Told us by phone"},
        ("POST", "/api/v1/episodes/{episode_id}/shares"): SHARE_BODY,
        ("POST", "/api/v1/episodes/{episode_id}/screenings"): {
            "instrument": "phq9",
            "answers": {str(n): "0" for n in range(1, 10)},
        },
    }
    return bodies.get((method, path))


@pytest.fixture
def api_as(db: None) -> Callable[[User], Api]:
    def make(user: User) -> Api:
        return Api(api_token_create(user=user, name="tests")[1])

    return make


def sharing_records(episode: Any) -> Any:
    """A consent to share with the magistrates' court and a share made on it, in the episode."""
    consent_record(by=episode.created_by, episode=episode, details=ConsentDetails(**CONSENT_BODY))
    return share_create(by=episode.created_by, episode=episode, details=ShareDetails(**SHARE_BODY))


@pytest.fixture
def ids(network: Any) -> dict[str, list[str]]:
    """Records of every kind an API path names, in the practitioner of scheme A's scope (and one
    episode of scheme B's), by path parameter: what the fuzzers put into paths."""
    mine = factories.episode(by=network.practitioner_a, site=network.custody_a)
    theirs = factories.episode(by=network.practitioner_b, site=network.custody_b)
    note = episode_note(by=network.practitioner_a, episode=mine, text="Note")
    new = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    # A suggestion to decide and a draft to update, complete and amend, so junk reaches those actions.
    finding = pending_finding(episode=mine, by=network.practitioner_a)
    now = clock.now()
    draft = Assessment.objects.create(
        episode=mine, author=network.practitioner_a, history="Known to CMHT", created_at=now, updated_at=now
    )
    response = instrument_record(by=network.practitioner_a, episode=mine, instrument="gad7", answers=gad7())
    shared = sharing_records(mine)
    referred = factories.episode(by=network.practitioner_a, site=network.custody_a)
    referral = builders.referral(episode=referred, by=network.practitioner_a)
    return {
        "person_id": [str(mine.person_id), str(theirs.person_id), str(new.id)],
        "episode_id": [str(mine.id), str(theirs.id), str(referred.id)],
        "event_id": [str(note.pk)],
        "finding_id": [str(finding.pk)],
        "assessment_id": [str(draft.pk)],
        "consent_id": [str(shared.consent_id)],
        "share_id": [str(shared.pk)],
        "referral_id": [str(referral.pk)],
        "service_id": [str(referral.service_id)],
        "response_id": [str(response.pk)],
        "instrument": ["phq9", "ldsq", "ld-core"],
        "scheme_id": [str(network.scheme_a.pk), str(network.scheme_b.pk)],
        "scheme_code": ["A", "B"],
        "month": ["2025-03", "2025-13", "1999-01"],
    }
