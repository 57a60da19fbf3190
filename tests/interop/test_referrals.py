"""The directory, referrals and support contacts through the API: same actions as the pages."""

from __future__ import annotations

import pytest

from liaison.pathway.models import PathwayEvent
from liaison.referrals.models import Referral, Service, SupportContact
from tests import factories
from tests.interop.conftest import CONSENT_BODY, SHARE_BODY
from tests.referrals import builders


@pytest.fixture
def screened(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=120)
    return builders.screened(e, network.practitioner_a)


def test_services_are_listed_and_searched(network, api_as):
    builders.service(scheme=network.scheme_a, name="Crisis team", service_type="crisis", min_age=18)
    builders.service(scheme=network.scheme_a, name="Youth offending", service_type="youth_offending", max_age=17)
    builders.service(scheme=network.scheme_b, name="Theirs")
    api = api_as(network.practitioner_a)
    assert api.get("/services").json()["count"] == 2
    found = api.get("/services", age=15).json()["items"]
    assert [(s["name"], s["team_type_code"]) for s in found] == [("Youth offending", "C07")]
    assert api.get("/services", q="crisis").json()["items"][0]["scheme"] == "A"


def test_a_service_search_with_a_nul_character_is_refused_not_a_server_error(network, api_as):
    r = api_as(network.practitioner_a).get("/services", q="\x00")
    assert r.status_code == 422


def test_a_team_lead_creates_a_service(network, api_as):
    body = {"name": "Sefton talking therapies", "service_type": "talking_therapies", "min_age": 16}
    r = api_as(network.team_lead_a).post("/services", body)
    assert r.status_code == 201, r.json()
    assert (r.json()["team_type_code"], r.json()["scheme"]) == ("", "A")


def test_a_practitioner_cannot_create_a_service(network, api_as):
    r = api_as(network.practitioner_a).post("/services", {"name": "X", "service_type": "other"})
    assert (r.status_code, r.json()["code"]) == (403, "role_not_allowed")
    assert not Service.objects.exists()


def test_a_service_with_a_problem_is_422_with_field_errors(network, api_as):
    r = api_as(network.team_lead_a).post("/services", {"name": "X", "service_type": "other", "email": "nope"})
    assert (r.status_code, r.json()["code"]) == (422, "invalid")
    assert "email" in r.json()["errors"]


def test_commissioners_cannot_read_the_directory(network, api_as):
    assert api_as(network.commissioner).get("/services").status_code == 403


def test_the_refer_step_uses_a_directory_service(network, api_as, screened):
    to = builders.service(scheme=network.scheme_a)
    r = api_as(network.practitioner_a).post(f"/episodes/{screened.id}/refer", {"service_id": to.pk})
    assert r.status_code == 201, r.json()
    assert (r.json()["kind"], r.json()["stage_after"]) == ("episode:refer", "referred")
    assert r.json()["data"]["referral_id"] == Referral.objects.get(episode=screened).pk


def test_another_schemes_service_id_is_refused(network, api_as, screened):
    theirs = builders.service(scheme=network.scheme_b)
    r = api_as(network.practitioner_a).post(f"/episodes/{screened.id}/referrals", {"service_id": theirs.pk})
    assert (r.status_code, r.json()["code"]) == (422, "invalid")
    assert not Referral.objects.exists()


def test_a_referral_is_created_read_and_moved_on(network, api_as, screened):
    to = builders.service(scheme=network.scheme_a)
    api = api_as(network.practitioner_a)
    made = api.post(f"/episodes/{screened.id}/referrals", {"service_id": to.pk, "urgency": "urgent"})
    assert made.status_code == 201, made.json()
    rid = made.json()["id"]
    assert made.json()["allowed_transitions"] == ["acknowledge", "accept", "decline", "close"]
    r = api.post(f"/referrals/{rid}/transitions", {"transition": "accept", "note": "Letter arrived"})
    assert r.status_code == 201, r.json()
    assert r.json()["referral"]["status"] == "accepted"
    assert r.json()["event"]["data"]["status"] == "accepted"
    assert api.get(f"/referrals/{rid}").json()["status"] == "accepted"
    assert [x["id"] for x in api.get(f"/episodes/{screened.id}/referrals").json()] == [rid]


def test_a_referral_carries_the_event_a_share_takes(network, api_as, screened):
    to = builders.service(scheme=network.scheme_a, name="Wirral talking therapies")
    api = api_as(network.practitioner_a)
    made = api.post(f"/episodes/{screened.id}/referrals", {"service_id": to.pk}).json()
    assert made["event_id"] == Referral.objects.get(pk=made["id"]).event_id
    api.post(f"/episodes/{screened.id}/consents", CONSENT_BODY)
    r = api.post(f"/episodes/{screened.id}/shares", {**SHARE_BODY, "referral_event_ids": [made["event_id"]]})
    assert r.status_code == 201, r.json()
    assert "Wirral talking therapies" in str(r.json()["content"])


def test_a_transition_not_allowed_is_409_and_changes_nothing(network, api_as, screened):
    referral = builders.referral(episode=screened, by=network.practitioner_a)
    before = PathwayEvent.objects.count()
    r = api_as(network.practitioner_a).post(f"/referrals/{referral.pk}/transitions", {"transition": "engage"})
    assert (r.status_code, r.json()["code"]) == (409, "transition_not_allowed")
    assert r.json()["allowed"] == ["acknowledge", "accept", "decline", "close"]
    assert PathwayEvent.objects.count() == before
    referral.refresh_from_db()
    assert referral.status == "made"


def test_an_unknown_transition_is_422(network, api_as, screened):
    referral = builders.referral(episode=screened, by=network.practitioner_a)
    r = api_as(network.practitioner_a).post(f"/referrals/{referral.pk}/transitions", {"transition": "teleport"})
    assert (r.status_code, r.json()["code"]) == (422, "invalid")


def test_a_support_worker_is_assigned_and_logs_contacts(network, api_as, screened):
    referral = builders.referral(episode=screened, by=network.practitioner_a)
    r = api_as(network.practitioner_a).post(
        f"/referrals/{referral.pk}/support", {"worker_id": network.support_worker_a.pk}
    )
    assert r.status_code == 201, r.json()
    assert r.json()["referral"]["support_worker_id"] == network.support_worker_a.pk
    worker = api_as(network.support_worker_a)
    body = {
        "referral_id": referral.pk,
        "contact_type": "accompanied",
        "duration_minutes": 120,
        "outcome": "Went together",
    }
    c = worker.post(f"/episodes/{screened.id}/support-contacts", body)
    assert c.status_code == 201, c.json()
    assert c.json()["worker_id"] == network.support_worker_a.pk
    listed = worker.get(f"/episodes/{screened.id}/support-contacts").json()
    assert [x["id"] for x in listed] == [c.json()["id"]]


def test_a_support_worker_cannot_refer_through_the_api(network, api_as, screened):
    to = builders.service(scheme=network.scheme_a)
    r = api_as(network.support_worker_a).post(f"/episodes/{screened.id}/referrals", {"service_id": to.pk})
    assert r.status_code == 403
    assert not Referral.objects.exists()


def test_a_contact_about_another_episodes_referral_is_422(network, api_as, screened):
    other = builders.referral(
        episode=factories.episode(by=network.practitioner_a, site=network.custody_a), by=network.practitioner_a
    )
    body = {"referral_id": other.pk, "contact_type": "phone", "duration_minutes": 5, "outcome": "x"}
    r = api_as(network.support_worker_a).post(f"/episodes/{screened.id}/support-contacts", body)
    assert (r.status_code, r.json()["code"]) == (422, "invalid")
    assert not SupportContact.objects.exists()


def test_closing_with_active_support_is_409_until_confirmed(network, api_as, screened):
    builders.referral(episode=screened, by=network.practitioner_a)
    api = api_as(network.practitioner_a)
    body = {"justice_outcome": "no_further_action", "ld_outcome": "diverted_out"}
    r = api.post(f"/episodes/{screened.id}/close", body)
    assert (r.status_code, r.json()["code"]) == (409, "active_support")
    assert api.post(f"/episodes/{screened.id}/close", {**body, "confirm_active_support": True}).status_code == 201
