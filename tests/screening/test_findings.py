"""Deciding suggested findings: confirm, change (with a reason) or reject (with a reason)."""

from __future__ import annotations

import pytest

from liaison.core.errors import Conflict, Invalid, PermissionDenied, StageNotAllowed
from liaison.pathway.actions import episode_close
from liaison.pathway.models import PathwayEvent
from liaison.screening.actions import DecisionInput, finding_decide, findings_decide
from liaison.screening.models import Decision, Finding
from tests import factories
from tests.screening.suggested import pending_finding


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


@pytest.fixture
def suggestion(network, episode) -> Finding:
    return pending_finding(episode=episode, by=network.practitioner_a)


def events(episode) -> int:
    return PathwayEvent.objects.filter(episode=episode).count()


def test_confirming_keeps_the_status_and_records_who_and_when(network, suggestion):
    event = finding_decide(by=network.team_lead_a, finding=suggestion, decision="confirmed")
    suggestion.refresh_from_db()
    assert (suggestion.decision, suggestion.status) == (Decision.CONFIRMED, "suspected")
    assert suggestion.decided_by == network.team_lead_a
    assert suggestion.decided_at == event.occurred_at
    assert event.kind == "finding:decide"
    assert event.data["finding_id"] == suggestion.pk


def test_a_decision_writes_exactly_one_event_and_leaves_the_stage(network, episode, suggestion):
    before = events(episode)
    finding_decide(by=network.practitioner_a, finding=suggestion, decision="rejected", note="Grief, not depression")
    episode.refresh_from_db()
    assert events(episode) == before + 1
    assert episode.stage == "identified"


def test_changing_sets_the_new_status_and_keeps_the_reason_on_the_event(network, suggestion):
    event = finding_decide(
        by=network.practitioner_a, finding=suggestion, decision="changed", status="confirmed", note="Known to CMHT"
    )
    suggestion.refresh_from_db()
    assert (suggestion.decision, suggestion.status) == (Decision.CHANGED, "confirmed")
    assert event.data["status_before"] == "suspected"
    assert event.data["status"] == "confirmed"
    assert event.data["reason"] == "Known to CMHT"


def test_changing_needs_a_reason(network, episode, suggestion):
    before = events(episode)
    with pytest.raises(Invalid) as e:
        finding_decide(by=network.practitioner_a, finding=suggestion, decision="changed", status="ruled_out")
    assert "note" in e.value.errors
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.PENDING
    assert events(episode) == before


def test_changing_needs_a_different_status(network, suggestion):
    with pytest.raises(Invalid) as e:
        finding_decide(by=network.practitioner_a, finding=suggestion, decision="changed", status="suspected", note="x")
    assert "status" in e.value.errors


def test_rejecting_needs_a_reason(network, suggestion):
    with pytest.raises(Invalid) as e:
        finding_decide(by=network.practitioner_a, finding=suggestion, decision="rejected", note="  ")
    assert "note" in e.value.errors


def test_pending_is_not_a_decision(network, suggestion):
    with pytest.raises(Invalid):
        finding_decide(by=network.practitioner_a, finding=suggestion, decision="pending")


def test_only_a_pending_suggestion_can_be_decided(network, episode, suggestion):
    finding_decide(by=network.practitioner_a, finding=suggestion, decision="confirmed")
    before = events(episode)
    with pytest.raises(Conflict) as e:
        finding_decide(by=network.practitioner_a, finding=suggestion, decision="rejected", note="Changed my mind")
    assert e.value.code == "finding_not_pending"
    assert events(episode) == before


def test_a_finding_recorded_by_hand_cannot_be_decided(network, episode, suggestion):
    suggestion.decision = ""
    suggestion.save(update_fields=["decision"])
    with pytest.raises(Conflict):
        finding_decide(by=network.practitioner_a, finding=suggestion, decision="confirmed")
    assert events(episode) == 2


def test_a_voided_suggestion_cannot_be_decided(network, suggestion):
    Finding.objects.filter(pk=suggestion.pk).update(voided_at=suggestion.recorded_at, void_reason="Wrong person")
    with pytest.raises(Conflict):
        finding_decide(by=network.practitioner_a, finding=suggestion, decision="confirmed")


def test_a_support_worker_is_refused(network, episode, suggestion):
    with pytest.raises(PermissionDenied):
        finding_decide(by=network.support_worker_a, finding=suggestion, decision="confirmed")
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.PENDING
    assert events(episode) == 2


def test_another_schemes_practitioner_is_refused(network, suggestion):
    with pytest.raises(PermissionDenied):
        finding_decide(by=network.practitioner_b, finding=suggestion, decision="confirmed")


def test_a_closed_episode_refuses_a_decision(network, episode, suggestion):
    episode_close(
        by=network.practitioner_a, episode=episode, justice_outcome="no_further_action", ld_outcome="declined"
    )
    with pytest.raises(StageNotAllowed):
        finding_decide(by=network.practitioner_a, finding=suggestion, decision="confirmed")


def test_several_decisions_are_all_written_or_none(network, episode, suggestion):
    other = pending_finding(episode=episode, by=network.practitioner_a, domain="alcohol")
    before = events(episode)
    with pytest.raises(Invalid) as e:
        findings_decide(
            by=network.practitioner_a,
            episode=episode,
            decisions=[DecisionInput(suggestion, "confirmed"), DecisionInput(other, "rejected")],
        )
    assert f"{other.pk}.note" in e.value.errors
    assert events(episode) == before
    assert set(Finding.objects.values_list("decision", flat=True)) == {Decision.PENDING}

    written = findings_decide(
        by=network.practitioner_a,
        episode=episode,
        decisions=[DecisionInput(suggestion, "confirmed"), DecisionInput(other, "rejected", note="Teetotal")],
    )
    assert len(written) == 2
    assert events(episode) == before + 2
