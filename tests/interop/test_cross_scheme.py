"""Scheme A's practitioner gets 404 for scheme B's records on every API route that takes an id.

The routes come from the API itself, so a new id-taking route fails here until it is covered.
"""

import pytest

from liaison.audit.models import AccessAudit
from liaison.interop.api import api
from liaison.pathway.actions import episode_note
from liaison.pathway.models import Episode, PathwayEvent
from liaison.referrals.models import Referral
from tests import factories
from tests.interop.conftest import valid_body
from tests.referrals import builders

# The id-taking operations; their bodies are valid, so that only the scope can refuse them.
ID_ROUTES = [
    ("GET", "/api/v1/people/{person_id}"),
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
    ("GET", "/api/v1/services/{service_id}"),
    ("POST", "/api/v1/episodes/{episode_id}/referrals"),
    ("GET", "/api/v1/episodes/{episode_id}/referrals"),
    ("GET", "/api/v1/referrals/{referral_id}"),
    ("POST", "/api/v1/referrals/{referral_id}/transitions"),
    ("POST", "/api/v1/referrals/{referral_id}/support"),
    ("POST", "/api/v1/episodes/{episode_id}/support-contacts"),
    ("GET", "/api/v1/episodes/{episode_id}/support-contacts"),
]
ID_NAMES = ("{person_id}", "{episode_id}", "{referral_id}", "{service_id}")


def id_taking_operations():
    doc = api.get_openapi_schema(path_prefix="/api/v1")
    return sorted(
        (method.upper(), path)
        for path, ops in doc["paths"].items()
        for method in ops
        if any(name in path for name in ID_NAMES)
    )


def test_every_id_taking_route_is_covered():
    assert id_taking_operations() == sorted(ID_ROUTES)


@pytest.fixture
def theirs(network):
    e = factories.episode(by=network.practitioner_b, site=network.custody_b)
    note = episode_note(by=network.practitioner_b, episode=e, text="Theirs")
    referral = builders.referral(episode=e, by=network.practitioner_b)
    return e, note, referral


@pytest.mark.parametrize(("method", "path"), ID_ROUTES, ids=[f"{m} {p}" for m, p in ID_ROUTES])
def test_another_schemes_record_is_not_found(network, api_as, theirs, method, path):
    e, note, referral = theirs
    url = path.removeprefix("/api/v1").format(
        person_id=e.person_id,
        episode_id=e.id,
        event_id=note.pk,
        referral_id=referral.pk,
        service_id=referral.service_id,
    )
    before = PathwayEvent.objects.filter(episode=e).count()
    api = api_as(network.practitioner_a)
    r = api.get(url) if method == "GET" else api.post(url, valid_body(network, method, path))
    assert r.status_code == 404, r.json()
    assert r.json()["code"] == "not_found"
    assert PathwayEvent.objects.filter(episode=e).count() == before
    assert Episode.objects.get(pk=e.pk).stage == "referred"
    assert Referral.objects.get(pk=referral.pk).status == "made"
    assert not AccessAudit.objects.filter(user=network.practitioner_a).exists()


@pytest.mark.parametrize(("method", "path"), ID_ROUTES, ids=[f"{m} {p}" for m, p in ID_ROUTES])
def test_an_id_that_is_not_a_uuid_is_not_found(network, api_as, method, path):
    url = path.removeprefix("/api/v1").format(
        person_id="42", episode_id="not-a-uuid", event_id="x", referral_id="x", service_id="-1"
    )
    api = api_as(network.practitioner_a)
    r = api.get(url) if method == "GET" else api.post(url, valid_body(network, method, path))
    assert (r.status_code, r.json()["code"]) == (404, "not_found")


def test_identifying_another_schemes_person_is_not_found(network, api_as, theirs):
    e, _, _ = theirs
    body = {"person_id": str(e.person_id), "site": network.custody_a.code, "referral_source": "E1", "alerted_by": "x"}
    r = api_as(network.practitioner_a).post("/episodes", body)
    assert (r.status_code, r.json()["code"]) == (404, "not_found")
    assert Episode.objects.count() == 1


def test_another_schemes_episodes_are_not_listed(network, api_as, theirs):
    assert api_as(network.practitioner_a).get("/episodes").json()["count"] == 0
