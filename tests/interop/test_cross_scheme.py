"""Scheme A's practitioner gets 404 for scheme B's records on every API route that takes an id.

The routes come from the API itself, so a new id-taking route fails here until it is covered.
"""

import json
import uuid

import pytest

from liaison.assessment.models import Assessment
from liaison.audit.models import AccessAudit
from liaison.core import clock
from liaison.interop.api import api
from liaison.pathway.actions import episode_note
from liaison.pathway.models import Episode, PathwayEvent
from liaison.referrals.models import Referral
from tests import factories
from tests.interop.conftest import sharing_records, valid_body
from tests.referrals import builders
from tests.screening.suggested import pending_finding

# The id-taking operations; their bodies are valid, so that only the scope can refuse them.
ID_ROUTES = [
    ("GET", "/api/v1/people/{person_id}"),
    ("PATCH", "/api/v1/people/{person_id}"),
    ("POST", "/api/v1/people/{person_id}/aliases"),
    ("GET", "/api/v1/episodes/{episode_id}"),
    ("GET", "/api/v1/episodes/{episode_id}/events"),
    ("POST", "/api/v1/episodes/{episode_id}/screen"),
    ("POST", "/api/v1/episodes/{episode_id}/assess"),
    ("POST", "/api/v1/episodes/{episode_id}/refer"),
    ("POST", "/api/v1/episodes/{episode_id}/close"),
    ("POST", "/api/v1/episodes/{episode_id}/reopen"),
    ("POST", "/api/v1/episodes/{episode_id}/reenter"),
    ("POST", "/api/v1/episodes/{episode_id}/notes"),
    ("POST", "/api/v1/episodes/{episode_id}/events/{event_id}/void"),
    ("GET", "/api/v1/episodes/{episode_id}/consents"),
    ("POST", "/api/v1/episodes/{episode_id}/consents"),
    ("POST", "/api/v1/consents/{consent_id}/withdraw"),
    ("GET", "/api/v1/episodes/{episode_id}/shares"),
    ("POST", "/api/v1/episodes/{episode_id}/shares"),
    ("GET", "/api/v1/shares/{share_id}"),
    ("GET", "/api/v1/shares/{share_id}/report.pdf"),
    ("GET", "/api/v1/episodes/{episode_id}/findings"),
    ("POST", "/api/v1/episodes/{episode_id}/findings/{finding_id}/decision"),
    ("POST", "/api/v1/episodes/{episode_id}/safety-plans"),
    ("GET", "/api/v1/episodes/{episode_id}/assessments"),
    ("POST", "/api/v1/episodes/{episode_id}/assessments"),
    ("GET", "/api/v1/episodes/{episode_id}/assessments/{assessment_id}"),
    ("PUT", "/api/v1/episodes/{episode_id}/assessments/{assessment_id}"),
    ("POST", "/api/v1/episodes/{episode_id}/assessments/{assessment_id}/complete"),
    ("POST", "/api/v1/episodes/{episode_id}/assessments/{assessment_id}/amend"),
    ("GET", "/api/v1/services/{service_id}"),
    ("POST", "/api/v1/episodes/{episode_id}/referrals"),
    ("GET", "/api/v1/episodes/{episode_id}/referrals"),
    ("GET", "/api/v1/referrals/{referral_id}"),
    ("POST", "/api/v1/referrals/{referral_id}/transitions"),
    ("POST", "/api/v1/referrals/{referral_id}/support"),
    ("POST", "/api/v1/episodes/{episode_id}/support-contacts"),
    ("GET", "/api/v1/episodes/{episode_id}/support-contacts"),
    ("POST", "/api/v1/episodes/{episode_id}/screenings"),
    ("GET", "/api/v1/episodes/{episode_id}/screenings"),
    ("GET", "/api/v1/episodes/{episode_id}/screenings/{response_id}"),
    ("GET", "/api/v1/schemes/{scheme_id}/sites"),
    ("GET", "/api/v1/schemes/{scheme_id}/support-workers"),
    ("GET", "/api/v1/schemes/{scheme_id}/sharing-approvers"),
]
# Path parameters that name a record, so a route taking one is counted as id-taking.
ID_PARAMETERS = (
    "{person_id}",
    "{episode_id}",
    "{consent_id}",
    "{share_id}",
    "{referral_id}",
    "{service_id}",
    "{scheme_id}",
)


def call(api, method: str, url: str, body):
    if method == "GET":
        return api.get(url)
    if method in ("PUT", "PATCH"):
        return api.client.generic(method, f"/api/v1{url}", data=json.dumps(body or {}), content_type="application/json")
    return api.post(url, body)


def draft_of(episode, by):
    """A draft assessment made directly: starting one through its action needs a screened episode."""
    now = clock.now()
    return Assessment.objects.create(episode=episode, author=by, history="Theirs", created_at=now, updated_at=now)


def id_taking_operations():
    doc = api.get_openapi_schema(path_prefix="/api/v1")
    return sorted(
        (method.upper(), path)
        for path, ops in doc["paths"].items()
        for method in ops
        if any(p in path for p in ID_PARAMETERS)
    )


def test_every_id_taking_route_is_covered():
    assert id_taking_operations() == sorted(ID_ROUTES)


@pytest.fixture
def theirs(network):
    e = factories.episode(by=network.practitioner_b, site=network.custody_b)
    note = episode_note(by=network.practitioner_b, episode=e, text="Theirs")
    # A suggestion and a draft of B's, so the routes taking their ids have something real to refuse.
    pending_finding(episode=e, by=network.practitioner_b)
    draft_of(e, network.practitioner_b)
    # A consent and a share on it, and a referral to a directory service, for the routes taking their ids.
    shared = sharing_records(e)
    referral = builders.referral(episode=e, by=network.practitioner_b)
    return e, note, shared, referral


@pytest.mark.parametrize(("method", "path"), ID_ROUTES, ids=[f"{m} {p}" for m, p in ID_ROUTES])
def test_another_schemes_record_is_not_found(network, api_as, theirs, method, path):
    e, note, shared, referral = theirs
    finding, draft = e.findings.get(suggested_by__gt=""), e.assessments.get()
    url = path.removeprefix("/api/v1").format(
        person_id=e.person_id,
        episode_id=e.id,
        event_id=note.pk,
        finding_id=finding.pk,
        assessment_id=draft.pk,
        consent_id=shared.consent_id,
        share_id=shared.pk,
        referral_id=referral.pk,
        service_id=referral.service_id,
        response_id=uuid.uuid4(),
        scheme_id=e.scheme_id,
    )
    events = PathwayEvent.objects.filter(episode=e).count()
    r = call(api_as(network.practitioner_a), method, url, valid_body(network, method, path))
    assert r.status_code == 404, r.json()
    assert r.json()["code"] == "not_found"
    assert PathwayEvent.objects.filter(episode=e).count() == events
    assert Episode.objects.get(pk=e.pk).stage == "referred"
    assert Referral.objects.get(pk=referral.pk).status == "made"
    assert not AccessAudit.objects.filter(user=network.practitioner_a).exists()


@pytest.mark.parametrize(("method", "path"), ID_ROUTES, ids=[f"{m} {p}" for m, p in ID_ROUTES])
def test_an_id_that_is_not_a_uuid_is_not_found(network, api_as, method, path):
    url = path.removeprefix("/api/v1").format(
        person_id="42",
        episode_id="not-a-uuid",
        event_id="x",
        finding_id="x",
        assessment_id="x",
        consent_id="x",
        share_id="x",
        referral_id="x",
        service_id="-1",
        response_id="x",
        scheme_id="x",
    )
    r = call(api_as(network.practitioner_a), method, url, valid_body(network, method, path))
    assert (r.status_code, r.json()["code"]) == (404, "not_found")


def test_identifying_another_schemes_person_is_not_found(network, api_as, theirs):
    e, _, _, _ = theirs
    body = {"person_id": str(e.person_id), "site": network.custody_a.code, "referral_source": "E1", "alerted_by": "x"}
    r = api_as(network.practitioner_a).post("/episodes", body)
    assert (r.status_code, r.json()["code"]) == (404, "not_found")
    assert Episode.objects.count() == 1


def test_another_schemes_episodes_are_not_listed(network, api_as, theirs):
    assert api_as(network.practitioner_a).get("/episodes").json()["count"] == 0
