"""Safety plans and the prompt for one: a self-harm concern raises it, a plan since clears it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison.core import clock
from liaison.core.errors import Invalid, PermissionDenied
from liaison.core.events import EVENTS
from liaison.pathway.actions import entry_void, episode_note
from liaison.pathway.models import PathwayEvent
from liaison.pathway.transitions import take_step
from liaison.screening.actions import FindingInput, Informed, finding_decide, safety_plan_record, screening_record
from liaison.screening.selectors import safety_prompt_needed
from tests import factories
from tests.screening.suggested import pending_finding

SERGEANT = [Informed("custody_sergeant", "PS Khan")]


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)


def screen(network, episode, status="suspected", domain="self_harm"):
    return screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput(domain, status)],
        urgency="immediate",
        needs_assessment=True,
    )


def plan(network, episode, **overrides):
    fields = {
        "by": network.practitioner_a,
        "episode": episode,
        "plan": "Level 2 observations; cord and belt removed; healthcare review at 18:00",
        "informed": SERGEANT,
        "informed_at": clock.now() - timedelta(minutes=5),
    }
    fields.update(overrides)
    return safety_plan_record(**fields)


def test_a_plan_writes_one_event_with_who_was_told(network, episode):
    event = plan(network, episode)
    assert event.kind == "screening:safety_plan"
    assert event.data["informed"] == [{"role": "custody_sergeant", "name": "PS Khan"}]
    assert PathwayEvent.objects.filter(episode=episode).count() == 3
    episode.refresh_from_db()
    assert episode.stage == "identified"


def test_the_plan_holds_no_score(network, episode):
    event = plan(network, episode)
    assert set(event.data) == {"plan", "informed", "informed_at"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"plan": "  "}, "plan"),
        ({"informed": []}, "informed"),
        ({"informed": [Informed("janitor")]}, "informed"),
        ({"informed": [Informed("other", "")]}, "informed_other"),
        ({"informed_at": clock.now() + timedelta(days=1)}, "informed_at"),
    ],
)
def test_an_incomplete_plan_is_refused_and_nothing_is_written(network, episode, overrides, field):
    with pytest.raises(Invalid) as e:
        plan(network, episode, **overrides)
    assert field in e.value.errors
    assert PathwayEvent.objects.filter(episode=episode).count() == 2


def test_a_plan_with_no_time_of_telling_means_they_were_told_now(network, episode):
    before = clock.now()
    event = plan(network, episode, informed_at=None)
    assert event.data["informed_at"] >= before.isoformat()


def test_telling_them_before_the_person_was_identified_is_refused(network, episode):
    with pytest.raises(Invalid) as e:
        plan(network, episode, informed_at=episode.identified_at - timedelta(hours=1))
    assert "informed_at" in e.value.errors


def test_a_support_worker_cannot_record_a_plan(network, episode):
    with pytest.raises(PermissionDenied):
        plan(network, episode, by=network.support_worker_a)


def test_no_concern_needs_no_plan(network, episode):
    screen(network, episode, domain="mental_health")
    assert not safety_prompt_needed(episode)


def test_a_suspected_self_harm_finding_from_the_screening_form_needs_a_plan(network, episode):
    screen(network, episode)
    assert safety_prompt_needed(episode)


def test_a_self_harm_finding_ruled_out_needs_no_plan(network, episode):
    screen(network, episode, status="ruled_out")
    assert not safety_prompt_needed(episode)


def test_a_plan_recorded_since_clears_the_prompt(network, episode):
    screen(network, episode)
    plan(network, episode)
    assert not safety_prompt_needed(episode)


def test_a_new_concern_after_the_plan_raises_the_prompt_again(network, episode):
    screen(network, episode)
    plan(network, episode)
    screen(network, episode, status="confirmed")
    assert safety_prompt_needed(episode)


def test_the_same_concern_restated_after_the_plan_does_not_ask_for_the_plan_again(network, episode):
    screen(network, episode)
    plan(network, episode)
    screen(network, episode)  # the screening form records the suspicion the plan already answers
    assert not safety_prompt_needed(episode)


def test_a_voided_screening_raises_no_prompt(network, episode):
    event = screen(network, episode)
    entry_void(by=network.practitioner_a, episode=episode, event=event, reason="Wrong person")
    assert not safety_prompt_needed(episode)


def test_an_event_flagged_for_a_safety_prompt_needs_a_plan(network, episode):
    # As an instrument does when PHQ-9 item 9 is above 0.
    take_step(
        episode=episode,
        kind=EVENTS.get("screening:instrument"),
        by=network.practitioner_a,
        occurred_at=None,
        data={
            "instrument": "phq9",
            "title": "PHQ-9",
            "version": "1",
            "response_id": "00000000-0000-4000-8000-000000000001",
            "safety_prompt": True,
        },
    )
    assert safety_prompt_needed(episode)
    plan(network, episode)
    assert not safety_prompt_needed(episode)


def test_an_event_without_the_flag_needs_no_plan(network, episode):
    episode_note(by=network.practitioner_a, episode=episode, text="safety_prompt")
    assert not safety_prompt_needed(episode)


def test_a_rejected_self_harm_suggestion_needs_no_plan(network, episode):
    suggestion = pending_finding(episode=episode, by=network.practitioner_a, domain="self_harm")
    assert safety_prompt_needed(episode)
    finding_decide(by=network.practitioner_a, finding=suggestion, decision="rejected", note="Misread the answer")
    assert not safety_prompt_needed(episode)
