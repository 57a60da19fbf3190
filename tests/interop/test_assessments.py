"""The assessment API: create a draft, update it, complete it, amend it, read it."""

from __future__ import annotations

import json

import pytest

from liaison.assessment.models import Assessment
from liaison.pathway.models import PathwayEvent
from liaison.screening.actions import FindingInput, screening_record
from tests import factories

FULL = {
    "history": "Known to CMHT",
    "presentation": "Low mood",
    "needs": {"mental_health": "CMHT review"},
    "formulation": "Depressive episode",
    "court": ["report_to_court"],
    "treatment_requirements": ["mental_health"],
}


@pytest.fixture
def episode(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)
    screening_record(
        by=network.practitioner_a,
        episode=e,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="routine",
        needs_assessment=True,
    )
    return e


def put(api, path, body):
    return api.client.put(f"/api/v1{path}", data=json.dumps(body), content_type="application/json")


def events(episode) -> int:
    return PathwayEvent.objects.filter(episode=episode).count()


def test_the_whole_lifecycle(network, api_as, episode):
    api = api_as(network.practitioner_a)
    r = api.post(f"/episodes/{episode.pk}/assessments", {"history": "Known"})
    assert r.status_code == 201, r.json()
    draft = r.json()
    assert (draft["status"], draft["version"], draft["event_id"]) == ("draft", 1, None)
    one = f"/episodes/{episode.pk}/assessments/{draft['id']}"
    assert events(episode) == 3

    r = put(api, one, FULL)
    assert r.status_code == 200, r.json()
    assert r.json()["needs"] == {"mental_health": "CMHT review"}

    r = api.post(f"{one}/complete", {})
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "completed" and r.json()["event_id"]
    assert events(episode) == 4

    r = api.post(f"{one}/amend", {**FULL, "reason": "Wrong need"})
    assert r.status_code == 201, r.json()
    amended = r.json()
    assert (amended["version"], amended["replaces"], amended["amend_reason"]) == (2, draft["id"], "Wrong need")
    assert events(episode) == 5

    old = api.get(one).json()
    assert old["superseded_by"] == amended["id"]
    assert [a["version"] for a in api.get(f"/episodes/{episode.pk}/assessments").json()] == [1, 2]


def test_completing_an_incomplete_draft_is_422(network, api_as, episode):
    api = api_as(network.practitioner_a)
    draft = api.post(f"/episodes/{episode.pk}/assessments", {"history": "Known"}).json()
    r = api.post(f"/episodes/{episode.pk}/assessments/{draft['id']}/complete", {})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"presentation", "formulation"}
    assert events(episode) == 3


def test_another_practitioner_cannot_update_the_draft(network, api_as, episode):
    draft = api_as(network.practitioner_a).post(f"/episodes/{episode.pk}/assessments", {"history": "Known"}).json()
    r = put(api_as(network.team_lead_a), f"/episodes/{episode.pk}/assessments/{draft['id']}", FULL)
    assert (r.status_code, r.json()["code"]) == (403, "not_the_author")
    assert Assessment.objects.get().history == "Known"


def test_updating_a_completed_assessment_is_409(network, api_as, episode):
    api = api_as(network.practitioner_a)
    draft = api.post(f"/episodes/{episode.pk}/assessments", FULL).json()
    one = f"/episodes/{episode.pk}/assessments/{draft['id']}"
    api.post(f"{one}/complete", {})
    r = put(api, one, {**FULL, "history": "Changed"})
    assert (r.status_code, r.json()["code"]) == (409, "assessment_locked")


def test_a_second_draft_is_409_naming_the_first(network, api_as, episode):
    api = api_as(network.practitioner_a)
    draft = api.post(f"/episodes/{episode.pk}/assessments", FULL).json()
    r = api.post(f"/episodes/{episode.pk}/assessments", FULL)
    assert (r.status_code, r.json()["code"], r.json()["assessment_id"]) == (409, "draft_exists", draft["id"])


def test_unknown_codes_are_422(network, api_as, episode):
    r = api_as(network.practitioner_a).post(
        f"/episodes/{episode.pk}/assessments", {**FULL, "needs": {"astrology": "x"}, "court": ["x"]}
    )
    assert r.status_code == 422
    assert {"needs", "court"} <= set(r.json()["errors"])
    assert not Assessment.objects.exists()


def test_an_amendment_without_a_reason_is_422(network, api_as, episode):
    api = api_as(network.practitioner_a)
    draft = api.post(f"/episodes/{episode.pk}/assessments", FULL).json()
    one = f"/episodes/{episode.pk}/assessments/{draft['id']}"
    api.post(f"{one}/complete", {})
    r = api.post(f"{one}/amend", {**FULL, "reason": ""})
    assert r.status_code == 422
    assert Assessment.objects.count() == 1


def test_an_assessment_of_another_episode_is_404(network, api_as, episode):
    api = api_as(network.practitioner_a)
    draft = api.post(f"/episodes/{episode.pk}/assessments", FULL).json()
    other = factories.episode(by=network.practitioner_a, site=network.court_a)
    r = api.get(f"/episodes/{other.pk}/assessments/{draft['id']}")
    assert (r.status_code, r.json()["code"]) == (404, "not_found")
