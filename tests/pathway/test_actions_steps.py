"""The steps after identification: re-entry, assessment, referral, closure, reopening, notes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison.assessment.actions import assessment_summary_record
from liaison.core import clock
from liaison.core.errors import Invalid, PermissionDenied
from liaison.organisations.models import PointOfContact
from liaison.pathway.actions import (
    episode_close,
    episode_note,
    episode_reenter,
    episode_reopen,
)
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage, Step
from tests import factories
from tests.pathway.steps import bring_to, take


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=600)


def events(episode):
    return list(PathwayEvent.objects.filter(episode=episode).order_by("id"))


def reenter(network, episode, **overrides):
    fields = {
        "by": network.practitioner_a,
        "episode": episode,
        "site": network.court_a,
        "point_of_contact": PointOfContact.MAGISTRATES_COURT,
        "referral_source": "E2",
        "alerted_by": "Court duty solicitor",
        "concerns": ["alcohol"],
    }
    fields.update(overrides)
    return episode_reenter(**factories.with_alert(fields))


def test_reentry_joins_the_open_episode_and_moves_it_to_the_new_site(network, episode):
    take(Step.SCREEN, episode=episode, by=network.practitioner_a)

    event = reenter(network, episode)

    stored = Episode.objects.get(pk=episode.pk)
    assert (stored.stage, stored.current_site, stored.site) == (Stage.SCREENED, network.court_a, network.custody_a)
    assert Episode.objects.filter(person=episode.person).count() == 1
    assert (event.kind, event.site, event.data["concerns"]) == ("episode:reenter", network.court_a, ["alcohol"])


def test_reentry_at_court_reopens_a_closed_episode_there(network, episode):
    take(Step.CLOSE, episode=episode, by=network.practitioner_a)

    reenter(network, episode)

    stored = Episode.objects.get(pk=episode.pk)
    assert (stored.stage, stored.current_site, stored.closed_at) == (Stage.IDENTIFIED, network.court_a, None)


def test_reentry_at_another_schemes_site_is_refused(network, episode):
    with pytest.raises(Invalid) as refused:
        reenter(network, episode, site=network.custody_b)

    assert "site" in refused.value.errors
    assert len(events(episode)) == 2


@pytest.mark.parametrize(
    "overrides", [{"alerted_by": ""}, {"referral_source": "XX"}, {"concerns": ["nope"]}, {"point_of_contact": ""}]
)
def test_reentry_with_bad_details_is_refused(network, episode, overrides):
    with pytest.raises(Invalid):
        reenter(network, episode, **overrides)

    assert len(events(episode)) == 2
    assert Episode.objects.get(pk=episode.pk).current_site == network.custody_a


def close(network, episode, **overrides):
    fields = {
        "by": network.practitioner_a,
        "episode": episode,
        "justice_outcome": "sentenced",
        "sentence_type": "community_order_treatment",
        "ld_outcome": "diverted_within",
    }
    fields.update(overrides)
    return episode_close(**fields)


def test_closure_records_the_justice_and_ld_outcomes(network, episode):
    event = close(network, episode, note=" Sentenced at court ")

    stored = Episode.objects.get(pk=episode.pk)
    assert (stored.stage, stored.justice_outcome, stored.sentence_type, stored.ld_outcome) == (
        Stage.CLOSED,
        "sentenced",
        "community_order_treatment",
        "diverted_within",
    )
    assert stored.closed_at == event.occurred_at
    assert event.data["note"] == "Sentenced at court"


def test_a_sentence_needs_its_type(network, episode):
    with pytest.raises(Invalid) as refused:
        close(network, episode, sentence_type="")

    assert set(refused.value.errors) == {"sentence_type"}
    assert Episode.objects.get(pk=episode.pk).stage == Stage.IDENTIFIED


def test_a_sentence_type_is_refused_unless_the_outcome_is_sentenced(network, episode):
    with pytest.raises(Invalid) as refused:
        close(network, episode, justice_outcome="remanded", sentence_type="custodial")

    assert set(refused.value.errors) == {"sentence_type"}
    assert len(events(episode)) == 2


def test_unknown_outcomes_are_refused_together(network, episode):
    with pytest.raises(Invalid) as refused:
        close(network, episode, justice_outcome="hanged", ld_outcome="", sentence_type="")

    assert set(refused.value.errors) == {"justice_outcome", "ld_outcome"}


def test_reopening_needs_a_reason(network, episode):
    take(Step.CLOSE, episode=episode, by=network.practitioner_a)

    with pytest.raises(Invalid) as refused:
        episode_reopen(by=network.practitioner_a, episode=episode, reason="  ")

    assert "reason" in refused.value.errors
    assert Episode.objects.get(pk=episode.pk).stage == Stage.CLOSED


def test_an_assessment_needs_a_summary(network, episode):
    bring_to(Stage.SCREENED, episode=episode, by=network.practitioner_a)

    with pytest.raises(Invalid) as refused:
        assessment_summary_record(by=network.practitioner_a, episode=episode, summary=" ")

    assert "summary" in refused.value.errors
    assert Episode.objects.get(pk=episode.pk).assessed_at is None


def test_a_note_is_kept_with_its_text(network, episode):
    event = episode_note(by=network.practitioner_a, episode=episode, text="  Spoke to the sister  ")

    assert (event.kind, event.data, event.stage_after) == (
        "episode:note",
        {"text": "Spoke to the sister"},
        "identified",
    )


def test_an_empty_note_is_refused(network, episode):
    with pytest.raises(Invalid):
        episode_note(by=network.practitioner_a, episode=episode, text="\n")

    assert len(events(episode)) == 2


def test_the_first_time_of_each_step_is_kept_for_timeliness(network, episode):
    first = take(Step.SCREEN, episode=episode, by=network.practitioner_a, at=clock.now() - timedelta(minutes=90))
    take(Step.SCREEN, episode=episode, by=network.practitioner_a)

    assert Episode.objects.get(pk=episode.pk).screened_at == first.occurred_at


@pytest.mark.parametrize("step", [Step.SCREEN, Step.CLOSE, Step.NOTE, Step.REENTER])
def test_a_step_dated_before_identification_is_refused(network, episode, step):
    with pytest.raises(Invalid) as refused:
        take(step, episode=episode, by=network.practitioner_a, at=episode.identified_at - timedelta(minutes=1))

    assert refused.value.errors == {"occurred_at": "The date and time must be after the person was identified"}
    assert len(events(episode)) == 2


@pytest.mark.parametrize("step", [Step.SCREEN, Step.CLOSE, Step.NOTE])
def test_a_step_dated_in_the_future_is_refused(network, episode, step):
    with pytest.raises(Invalid) as refused:
        take(step, episode=episode, by=network.practitioner_a, at=clock.now() + timedelta(hours=2))

    assert "occurred_at" in refused.value.errors
    assert len(events(episode)) == 2


def test_a_step_dated_before_the_step_it_follows_is_refused(network, episode):
    screened = take(Step.SCREEN, episode=episode, by=network.practitioner_a, at=clock.now() - timedelta(minutes=60))

    with pytest.raises(Invalid) as refused:
        take(Step.CLOSE, episode=episode, by=network.practitioner_a, at=screened.occurred_at - timedelta(minutes=5))

    assert refused.value.errors["occurred_at"].startswith("The date and time must be after the last step (")
    assert Episode.objects.get(pk=episode.pk).stage == Stage.SCREENED


def test_a_note_may_be_dated_before_the_last_step(network, episode):
    screened = take(Step.SCREEN, episode=episode, by=network.practitioner_a)

    note = take(Step.NOTE, episode=episode, by=network.practitioner_a, at=screened.occurred_at - timedelta(minutes=30))

    assert note.occurred_at < screened.occurred_at


@pytest.mark.parametrize("step", [Step.SCREEN, Step.CLOSE, Step.NOTE, Step.REENTER])
@pytest.mark.parametrize("who", ["support_worker_a", "commissioner", "analyst", "practitioner_b", "team_lead_b"])
def test_only_recording_staff_of_the_scheme_can_take_a_step(network, episode, step, who):
    with pytest.raises(PermissionDenied) as refused:
        take(step, episode=episode, by=getattr(network, who))

    assert refused.value.code == "scheme_not_allowed"
    assert len(events(episode)) == 2
    assert Episode.objects.get(pk=episode.pk).stage == Stage.IDENTIFIED


def test_a_team_lead_can_take_a_step(network, episode):
    assert take(Step.SCREEN, episode=episode, by=network.team_lead_a).actor == network.team_lead_a


def test_an_event_records_who_where_and_when(network, episode):
    event = take(Step.NOTE, episode=episode, by=network.practitioner_a)

    assert (event.actor, event.site) == (network.practitioner_a, network.custody_a)
    assert event.recorded_at >= event.occurred_at
