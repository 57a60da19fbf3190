"""The API for deciding suggested findings and recording safety plans."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison.audit.models import AccessAudit
from liaison.core import clock
from liaison.pathway.models import PathwayEvent
from liaison.screening.models import Decision
from tests import factories
from tests.screening.suggested import pending_finding


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)


@pytest.fixture
def suggestion(network, episode):
    return pending_finding(episode=episode, by=network.practitioner_a)


def decision_path(episode, finding) -> str:
    return f"/episodes/{episode.pk}/findings/{finding.pk}/decision"


def test_confirming_answers_201_with_the_event(network, api_as, episode, suggestion):
    r = api_as(network.practitioner_a).post(decision_path(episode, suggestion), {"decision": "confirmed"})
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["kind"] == "finding:decide"
    assert body["data"]["finding_id"] == suggestion.pk
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.CONFIRMED


def test_a_change_without_a_reason_is_422_and_changes_nothing(network, api_as, episode, suggestion):
    r = api_as(network.practitioner_a).post(
        decision_path(episode, suggestion), {"decision": "changed", "status": "ruled_out"}
    )
    assert (r.status_code, r.json()["code"]) == (422, "invalid")
    assert "note" in r.json()["errors"]
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.PENDING
    assert PathwayEvent.objects.filter(episode=episode).count() == 2


def test_deciding_twice_is_409(network, api_as, episode, suggestion):
    api = api_as(network.practitioner_a)
    api.post(decision_path(episode, suggestion), {"decision": "confirmed"})
    r = api.post(decision_path(episode, suggestion), {"decision": "rejected", "reason": "No"})
    assert (r.status_code, r.json()["code"]) == (409, "finding_not_pending")


def test_a_finding_of_another_episode_is_404(network, api_as, episode, suggestion):
    other = factories.episode(by=network.practitioner_a, site=network.court_a)
    r = api_as(network.practitioner_a).post(decision_path(other, suggestion), {"decision": "confirmed"})
    assert (r.status_code, r.json()["code"]) == (404, "not_found")


def test_a_support_worker_is_403(network, api_as, episode, suggestion):
    # Support workers see the scheme's episodes but may record support only.
    r = api_as(network.support_worker_a).post(decision_path(episode, suggestion), {"decision": "confirmed"})
    assert r.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.PENDING


def test_a_safety_plan_answers_201(network, api_as, episode):
    body = {
        "plan": "Constant observation",
        "informed": [{"role": "custody_sergeant", "name": "PS Khan"}, {"role": "healthcare_professional"}],
        "informed_at": (clock.now() - timedelta(minutes=2)).isoformat(),
    }
    r = api_as(network.practitioner_a).post(f"/episodes/{episode.pk}/safety-plans", body)
    assert r.status_code == 201, r.json()
    assert r.json()["kind"] == "screening:safety_plan"
    assert r.json()["data"]["informed"][1] == {"role": "healthcare_professional", "name": ""}


def test_a_safety_plan_with_nobody_told_is_422(network, api_as, episode):
    body = {"plan": "Constant observation", "informed": [], "informed_at": clock.now().isoformat()}
    r = api_as(network.practitioner_a).post(f"/episodes/{episode.pk}/safety-plans", body)
    assert r.status_code == 422
    assert "informed" in r.json()["errors"]
    assert PathwayEvent.objects.filter(episode=episode).count() == 2


def test_the_episodes_findings_carry_the_ids_decisions_take(network, api_as, episode, suggestion):
    api = api_as(network.practitioner_a)
    r = api.get(f"/episodes/{episode.pk}/findings")
    assert r.status_code == 200
    [listed] = r.json()
    assert (listed["id"], listed["decision"], listed["suggested_by"]) == (suggestion.pk, "pending", "phq9")
    assert (listed["shareable"], listed["voided"], listed["decided_at"]) == (False, False, None)
    assert api.post(decision_path(episode, suggestion), {"decision": "confirmed"}).status_code == 201
    [decided] = api.get(f"/episodes/{episode.pk}/findings").json()
    assert (decided["decision"], decided["shareable"]) == ("confirmed", True)
    assert decided["decided_at"]


def test_a_rejected_suggestion_is_listed_but_not_shareable(network, api_as, episode, suggestion):
    api = api_as(network.practitioner_a)
    api.post(decision_path(episode, suggestion), {"decision": "rejected", "reason": "Seen by the GP last week"})
    [rejected] = api.get(f"/episodes/{episode.pk}/findings").json()
    assert (rejected["decision"], rejected["shareable"]) == ("rejected", False)


def test_the_episode_carries_its_findings_ids_too(network, api_as, episode, suggestion):
    findings = api_as(network.practitioner_a).get(f"/episodes/{episode.pk}").json()["findings"]
    assert [f["id"] for f in findings] == [suggestion.pk]


def test_reading_the_findings_is_audited(network, api_as, episode, suggestion):
    api_as(network.practitioner_a).get(f"/episodes/{episode.pk}/findings")
    row = AccessAudit.objects.get(user=network.practitioner_a)
    assert (row.episode, row.channel, row.what) == (episode, "api", "api: findings")
