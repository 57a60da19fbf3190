"""Giving feedback and recording what was done about it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection

from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.core.models import AppendOnlyError
from liaison.feedback import actions
from liaison.feedback.models import Action, FeedbackEvent, FeedbackResponse
from tests import factories


def test_feedback_keeps_the_answers_and_the_day_but_nothing_that_names_the_person(network):
    response = actions.feedback_give(
        scheme=network.scheme_a,
        site=network.custody_a,
        overall="good",
        answers={"listened": "yes", "understood": "a_bit"},
        what_could_be_better="More time to talk",
        helped_by="peer_worker",
    )
    stored = FeedbackResponse.objects.get(pk=response.pk)
    assert (stored.overall, stored.listened, stored.understood, stored.safe_to_talk) == ("good", "yes", "a_bit", "")
    assert stored.given_on == clock.today()
    names = {f.name for f in FeedbackResponse._meta.concrete_fields}
    assert not names & {"person", "episode", "name", "date_of_birth", "given_at", "address"}


def test_feedback_without_an_overall_answer_is_refused_naming_the_question(network):
    with pytest.raises(Invalid) as refused:
        actions.feedback_give(scheme=network.scheme_a, site=None, overall="")
    assert "overall" in refused.value.errors
    assert not FeedbackResponse.objects.exists()


def test_another_language_must_be_named(network):
    with pytest.raises(Invalid) as refused:
        actions.feedback_give(scheme=network.scheme_a, site=None, overall="good", language="other")
    assert refused.value.errors == {"language_other": "Tell us the language"}


def test_a_site_of_another_scheme_is_refused(network):
    with pytest.raises(Invalid) as refused:
        actions.feedback_give(scheme=network.scheme_a, site=network.custody_b, overall="good")
    assert "site" in refused.value.errors


def test_feedback_cannot_be_changed_or_deleted_even_in_sql(network):
    response = actions.feedback_give(scheme=network.scheme_a, site=None, overall="poor")
    with pytest.raises(AppendOnlyError):
        response.save()
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute("UPDATE feedback_feedbackresponse SET overall = 'very_good'")


def test_a_team_lead_records_you_said_we_did_with_its_event(network):
    action = actions.action_record(
        scheme=network.scheme_a,
        you_said="We waited a long time",
        we_did="A second practitioner now covers the evening",
        done_on=clock.today(),
        by=network.team_lead_a,
    )
    event = FeedbackEvent.objects.get(subject="action", subject_id=action.pk)
    assert event.kind == "feedback:action:record"
    assert event.actor == network.team_lead_a
    assert event.scheme_id == network.scheme_a.pk
    assert event.data["we_did"] == "A second practitioner now covers the evening"


@pytest.mark.parametrize("who", ["practitioner_a", "team_lead_b", "commissioner"])
def test_only_the_schemes_own_leads_and_managers_record_you_said_we_did(network, who):
    with pytest.raises(PermissionDenied):
        actions.action_record(
            scheme=network.scheme_a, you_said="x", we_did="y", done_on=clock.today(), by=getattr(network, who)
        )
    assert not Action.objects.exists()


def test_you_said_we_did_in_the_future_is_refused(network):
    with pytest.raises(Invalid) as refused:
        actions.action_record(
            scheme=network.scheme_a,
            you_said="x",
            we_did="y",
            done_on=clock.today() + timedelta(days=1),
            by=network.team_lead_a,
        )
    assert "done_on" in refused.value.errors


def test_withdrawing_keeps_the_record_and_says_why_once(network):
    action = actions.action_record(
        scheme=network.scheme_a, you_said="x", we_did="y", done_on=clock.today(), by=network.team_lead_a
    )
    actions.action_withdraw(action_id=action.pk, reason="Entered for the wrong scheme", by=network.team_lead_a)
    action.refresh_from_db()
    assert action.withdrawn_at is not None and action.withdrawn_reason == "Entered for the wrong scheme"
    with pytest.raises(Invalid):
        actions.action_withdraw(action_id=action.pk, reason="Again", by=network.team_lead_a)
    assert FeedbackEvent.objects.filter(kind="feedback:action:withdraw").count() == 1


def test_another_schemes_lead_cannot_find_an_action_to_withdraw(network):
    action = actions.action_record(
        scheme=network.scheme_a, you_said="x", we_did="y", done_on=clock.today(), by=network.team_lead_a
    )
    with pytest.raises(NotFound):
        actions.action_withdraw(action_id=action.pk, reason="Not mine", by=network.team_lead_b)


def test_a_national_group_is_the_commissioners_to_add(network):
    with pytest.raises(PermissionDenied):
        actions.group_add(scheme=None, name="Panel", kind="panel", started_on=clock.today(), by=network.team_lead_a)
    group = actions.group_add(
        scheme=None, name="National lived-experience panel", kind="panel", started_on=clock.today(),
        by=network.commissioner,
    )  # fmt: skip
    assert group.scheme is None


def test_a_meeting_cannot_have_more_people_with_lived_experience_than_took_part(network):
    group = actions.group_add(
        scheme=network.scheme_a, name="Forum", kind="forum", started_on=clock.today(), by=network.team_lead_a
    )
    with pytest.raises(Invalid) as refused:
        actions.meeting_record(
            group=group, held_on=clock.today(), attended=4, with_lived_experience=5, summary="Met",
            by=network.team_lead_a,
        )  # fmt: skip
    assert "with_lived_experience" in refused.value.errors


def test_a_decision_names_the_meeting_that_informed_it_and_cannot_come_before_it(network):
    group = actions.group_add(
        scheme=network.scheme_a, name="Forum", kind="forum", started_on=clock.today(), by=network.team_lead_a
    )
    meeting = actions.meeting_record(
        group=group, held_on=clock.today(), attended=6, with_lived_experience=4, summary="Leaflets",
        by=network.team_lead_a,
    )  # fmt: skip
    with pytest.raises(Invalid) as refused:
        actions.decision_record(
            meeting=meeting, area="information", decision="New leaflet", decided_by="Board",
            decided_on=clock.today() - timedelta(days=1), influence="Too many words", by=network.team_lead_a,
        )  # fmt: skip
    assert "decided_on" in refused.value.errors
    decision = actions.decision_record(
        meeting=meeting, area="information", decision="New leaflet", decided_by="Board",
        decided_on=clock.today(), influence="Too many words", by=network.team_lead_a,
    )  # fmt: skip
    assert FeedbackEvent.objects.get(kind="involvement:decision:record").data["meeting_id"] == meeting.pk
    assert decision.meeting == meeting


def test_a_scheme_not_yet_live_takes_no_feedback(db):
    from liaison.feedback.selectors import scheme_for_feedback

    later = factories.scheme(code="LATER")
    later.go_live = clock.today() + timedelta(days=30)
    later.save()
    with pytest.raises(NotFound):
        scheme_for_feedback("LATER")
