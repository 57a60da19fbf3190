"""The forms that move an episode on: each writes exactly one event, or nothing at all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core import clock
from liaison.core.events import EVENTS
from liaison.core.vocabulary import Vulnerability
from liaison.pathway.actions import episode_close, episode_note
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage
from liaison.referrals.models import Referral
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.models import Finding
from tests import factories
from tests.pathway.pages import events_of, html, signed_in
from tests.referrals import builders


@pytest.fixture
def episode(network) -> Episode:
    return factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)


@pytest.fixture
def screened(network, episode) -> Episode:
    screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="routine",
        needs_assessment=True,
    )
    return episode


@pytest.fixture
def closed(network, episode) -> Episode:
    episode_close(
        by=network.practitioner_a, episode=episode, justice_outcome="no_further_action", ld_outcome="declined"
    )
    return episode


def url(name: str, episode: Episode, *args: object) -> str:
    return reverse(f"pathway:{name}", args=[episode.pk, *args])


def post(client, network, name, episode, data, *args):
    return signed_in(client, network.practitioner_a).post(url(name, episode, *args), data)


def assert_one_event(response, episode: Episode, kind: str, before: int) -> PathwayEvent:
    assert response.status_code == 302
    assert response["Location"] == reverse("pathway:episode", args=[episode.pk])
    assert events_of(episode) == before + 1
    event = PathwayEvent.objects.filter(episode=episode).latest("recorded_at", "id")
    assert event.kind == kind
    return event


def assert_rejected(response, episode: Episode, before: int, message: str) -> None:
    page = html(response)
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page
    assert message in page
    assert events_of(episode) == before


# Every form page renders for a practitioner when the stage allows the step.


@pytest.mark.parametrize("name", ["screen", "close", "reenter", "note"])
def test_each_form_for_an_identified_episode_renders(client, network, episode, name):
    response = signed_in(client, network.practitioner_a).get(url(name, episode))
    page = html(response)
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert 'method="post"' in page


def test_the_referral_form_renders_once_screened(client, network, screened):
    assert signed_in(client, network.practitioner_a).get(url("refer", screened)).status_code == 200


def test_the_assessment_step_leads_to_the_structured_assessment(client, network, screened):
    response = signed_in(client, network.practitioner_a).get(url("assess", screened))
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:start", args=[screened.pk])


def test_the_reopen_form_renders_for_a_closed_episode(client, network, closed):
    assert signed_in(client, network.practitioner_a).get(url("reopen", closed)).status_code == 200


def test_the_void_form_renders_for_a_note(client, network, episode):
    note = episode_note(by=network.practitioner_a, episode=episode, text="Called the family")
    response = signed_in(client, network.practitioner_a).get(url("void", episode, note.pk))
    assert response.status_code == 200
    assert "Called the family" in html(response)


def test_the_screening_form_has_a_fieldset_for_every_domain(client, network, episode):
    page = html(signed_in(client, network.practitioner_a).get(url("screen", episode)))
    assert page.count('<fieldset class="nhsuk-fieldset"') >= len(Vulnerability) + 2
    assert "Raised at identification" in page
    assert page.index("Mental health") < page.index("Learning disability")


def test_a_form_for_a_step_the_stage_does_not_allow_sends_back_to_the_episode(client, network, closed):
    response = signed_in(client, network.practitioner_a).get(url("assess", closed), follow=True)
    assert response.redirect_chain[-1][0] == reverse("pathway:episode", args=[closed.pk])
    assert "does not allow: record assessment" in html(response)


# Happy paths: one action, one event, back to the episode with a message.


def test_screening_records_only_the_domains_given_a_status(client, network, episode):
    before = events_of(episode)
    data = {
        "status_mental_health": "suspected",
        "source_mental_health": "screening",
        "note_mental_health": "Hearing voices",
        "status_alcohol": "confirmed",
        "source_alcohol": "records",
        "status_drugs": "",
        "source_drugs": "screening",
        "urgency": "same_day",
        "needs_assessment": "yes",
        "note": "Seen in cell 4",
    }
    event = assert_one_event(post(client, network, "screen", episode, data), episode, "episode:screen", before)
    findings = {f.domain: f for f in Finding.objects.filter(event=event)}
    assert set(findings) == {"mental_health", "alcohol"}
    assert findings["alcohol"].source == "records"
    assert findings["mental_health"].note == "Hearing voices"
    assert event.data["urgency"] == "same_day"
    assert event.data["needs_assessment"] is True
    episode.refresh_from_db()
    assert episode.stage == Stage.SCREENED


def test_success_shows_a_message_on_the_episode_page(client, network, episode):
    c = signed_in(client, network.practitioner_a)
    response = c.post(url("note", episode), {"text": "Called the family"}, follow=True)
    assert "Note added" in html(response)


def test_referral_is_recorded(client, network, screened):
    """The refer step chooses a directory service; the referral's own page comes next."""
    to = builders.service(scheme=network.scheme_a, name="Community mental health team")
    before = events_of(screened)
    response = post(client, network, "refer", screened, {"service": to.pk, "urgency": "routine", "reason": ""})
    referral = Referral.objects.get(episode=screened)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:referral", args=[referral.pk])
    assert events_of(screened) == before + 1
    event = PathwayEvent.objects.filter(episode=screened).latest("recorded_at", "id")
    assert (event.kind, event.data["service"], event.data["referral_id"]) == (
        "episode:refer",
        "Community mental health team",
        referral.pk,
    )


def test_closure_is_recorded_with_the_sentence_type_when_sentenced(client, network, screened):
    before = events_of(screened)
    data = {
        "justice_outcome": "sentenced",
        "sentence_type": "community_order_treatment",
        "ld_outcome": "diverted_within",
    }
    assert_one_event(post(client, network, "close", screened, data), screened, "episode:close", before)
    screened.refresh_from_db()
    assert (screened.stage, screened.sentence_type) == (Stage.CLOSED, "community_order_treatment")


def test_reopening_is_recorded(client, network, closed):
    before = events_of(closed)
    response = post(client, network, "reopen", closed, {"reason": "Closed by mistake"})
    assert_one_event(response, closed, "episode:reopen", before)
    closed.refresh_from_db()
    assert closed.is_open


def test_re_entry_at_court_is_recorded_at_the_chosen_site(client, network, closed):
    before = events_of(closed)
    data = {
        "site": network.court_a.pk,
        "point_of_contact": "magistrates_court",
        "referral_source": "E2",
        "alerted_by": "Court legal adviser",
        "concerns": ["mental_health", "housing"],
        "note": "First hearing",
    }
    event = assert_one_event(post(client, network, "reenter", closed, data), closed, "episode:reenter", before)
    assert event.site == network.court_a
    closed.refresh_from_db()
    assert closed.current_site == network.court_a
    assert closed.is_open


def test_re_entry_with_a_listed_role_of_who_alerted_needs_no_referral_source(client, network, closed):
    before = events_of(closed)
    data = {
        "site": network.court_a.pk,
        "point_of_contact": "magistrates_court",
        "referral_source": "",
        "alerted_by": "",
        "alerted_by_code": "solicitor",
    }
    event = assert_one_event(post(client, network, "reenter", closed, data), closed, "episode:reenter", before)
    assert (event.data["referral_source"], event.data["alerted_by"], event.data["alerted_by_code"]) == (
        "M6",
        "Solicitor",
        "solicitor",
    )


def test_re_entry_without_a_role_still_asks_for_the_referral_source_and_who_alerted(client, network, closed):
    data = {
        "site": network.court_a.pk,
        "point_of_contact": "magistrates_court",
        "referral_source": "",
        "alerted_by": "",
    }
    page = post(client, network, "reenter", closed, data).content.decode()
    assert "Select who referred the person (referral source)" in page
    assert "Enter who alerted the L&amp;D team" in page


def test_a_note_is_recorded_at_the_given_date_and_time(client, network, episode):
    before = events_of(episode)
    at = timezone.localtime(clock.now() - timedelta(minutes=20)).replace(second=0, microsecond=0)
    data = {
        "text": "Spoke to solicitor",
        "occurred_on_0": at.day,
        "occurred_on_1": at.month,
        "occurred_on_2": at.year,
        "occurred_time": at.strftime("%H:%M"),
    }
    event = assert_one_event(post(client, network, "note", episode, data), episode, "episode:note", before)
    assert event.occurred_at == at


def test_voiding_marks_the_entry_and_keeps_it(client, network, episode):
    note = episode_note(by=network.practitioner_a, episode=episode, text="Wrong person")
    before = events_of(episode)
    response = post(client, network, "void", episode, {"reason": "Written on the wrong record"}, note.pk)
    event = assert_one_event(response, episode, "entry:void", before)
    assert event.voids == note
    assert PathwayEvent.objects.filter(pk=note.pk).exists()


# Rejected input: the error summary, the message, and nothing written.


def test_screening_with_no_findings_is_rejected(client, network, episode):
    before = events_of(episode)
    response = post(client, network, "screen", episode, {"urgency": "routine", "needs_assessment": "no"})
    assert_rejected(response, episode, before, "Record a finding for at least one vulnerability domain")


def test_screening_without_urgency_is_rejected(client, network, episode):
    before = events_of(episode)
    data = {"status_mental_health": "suspected", "needs_assessment": "no"}
    assert_rejected(
        post(client, network, "screen", episode, data), episode, before, "Select how soon L&amp;D needs to act"
    )
    assert Finding.objects.filter(episode=episode).count() == 0


def test_screening_keeps_what_was_entered_when_rejected(client, network, episode):
    data = {"status_alcohol": "confirmed", "note_alcohol": "Drinks daily", "needs_assessment": "no"}
    page = html(post(client, network, "screen", episode, data))
    assert 'value="confirmed" checked' in page
    assert 'value="Drinks daily"' in page


def test_screening_with_an_unknown_status_is_rejected(client, network, episode):
    before = events_of(episode)
    data = {"status_mental_health": "maybe", "urgency": "routine", "needs_assessment": "no"}
    assert_rejected(
        post(client, network, "screen", episode, data), episode, before, "Select a status for mental health"
    )


def test_the_old_one_box_assessment_posted_anyway_records_nothing(client, network, screened):
    before = events_of(screened)
    response = post(client, network, "assess", screened, {"summary": "Low mood", "recommendations": "GP"})
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:start", args=[screened.pk])
    assert events_of(screened) == before


def test_referral_without_a_service_is_rejected(client, network, screened):
    builders.service(scheme=network.scheme_a)
    before = events_of(screened)
    response = post(client, network, "refer", screened, {"service": "", "urgency": "routine"})
    assert_rejected(response, screened, before, "Select the service to refer the person to")


def test_closure_as_sentenced_needs_the_sentence_type(client, network, screened):
    before = events_of(screened)
    data = {"justice_outcome": "sentenced", "sentence_type": "", "ld_outcome": "diverted_within"}
    assert_rejected(post(client, network, "close", screened, data), screened, before, "Select the type of sentence")


def test_closure_with_a_sentence_type_but_no_sentence_is_rejected(client, network, screened):
    before = events_of(screened)
    data = {"justice_outcome": "remanded", "sentence_type": "fine", "ld_outcome": "diverted_within"}
    assert_rejected(
        post(client, network, "close", screened, data),
        screened,
        before,
        "Only give a sentence type when the outcome is sentenced",
    )


def test_closure_without_outcomes_is_rejected(client, network, screened):
    before = events_of(screened)
    response = post(client, network, "close", screened, {})
    assert_rejected(response, screened, before, "Select the justice outcome")
    assert "Select the L&amp;D outcome" in html(response)


def test_reopening_without_a_reason_is_rejected(client, network, closed):
    before = events_of(closed)
    assert_rejected(
        post(client, network, "reopen", closed, {"reason": ""}), closed, before, "Enter why you are reopening"
    )


def test_re_entry_at_another_schemes_site_is_rejected(client, network, episode):
    before = events_of(episode)
    data = {
        "site": network.custody_b.pk,
        "point_of_contact": "custody",
        "referral_source": "E1",
        "alerted_by": "Sergeant",
    }
    assert_rejected(
        post(client, network, "reenter", episode, data), episode, before, "Select one of this scheme&#x27;s sites"
    )


def test_re_entry_without_who_alerted_is_rejected(client, network, episode):
    before = events_of(episode)
    data = {"site": network.court_a.pk, "point_of_contact": "magistrates_court", "referral_source": "E2"}
    assert_rejected(
        post(client, network, "reenter", episode, data), episode, before, "Enter who alerted the L&amp;D team"
    )


def test_an_empty_note_is_rejected(client, network, episode):
    before = events_of(episode)
    assert_rejected(post(client, network, "note", episode, {"text": ""}), episode, before, "Enter the note")


def test_a_date_without_a_time_is_rejected(client, network, episode):
    before = events_of(episode)
    data = {"text": "Seen", "occurred_on_0": "1", "occurred_on_1": "2", "occurred_on_2": "2025"}
    assert_rejected(post(client, network, "note", episode, data), episode, before, "Enter both the date and the time")


def test_a_time_in_the_future_is_rejected_by_the_action(client, network, episode):
    before = events_of(episode)
    later = timezone.localtime(clock.now() + timedelta(days=2))
    data = {
        "text": "Seen",
        "occurred_on_0": later.day,
        "occurred_on_1": later.month,
        "occurred_on_2": later.year,
        "occurred_time": "10:00",
    }
    response = post(client, network, "note", episode, data)
    assert_rejected(response, episode, before, "The date and time must not be in the future")
    assert 'href="#id_occurred_on_0"' in html(response)


def test_an_impossible_date_is_rejected(client, network, episode):
    before = events_of(episode)
    data = {"text": "Seen", "occurred_on_0": "31", "occurred_on_1": "2", "occurred_on_2": "2025", "occurred_time": "9"}
    response = post(client, network, "note", episode, data)
    assert_rejected(response, episode, before, "Date must be a real date")
    assert "Enter a time in 24-hour format" in html(response)


def test_voiding_without_a_reason_is_rejected(client, network, episode):
    note = episode_note(by=network.practitioner_a, episode=episode, text="Wrong person")
    before = events_of(episode)
    response = post(client, network, "void", episode, {"reason": ""}, note.pk)
    assert_rejected(response, episode, before, "Enter why you are voiding this entry")


def test_voiding_an_entry_twice_is_rejected(client, network, episode):
    note = episode_note(by=network.practitioner_a, episode=episode, text="Wrong person")
    post(client, network, "void", episode, {"reason": "Wrong record"}, note.pk)
    before = events_of(episode)
    response = post(client, network, "void", episode, {"reason": "Wrong record again"}, note.pk)
    assert_rejected(response, episode, before, "That entry is already voided")


def test_voiding_the_identification_is_rejected(client, network, episode):
    identify = PathwayEvent.objects.get(episode=episode, kind=EVENTS.get("episode:identify"))
    before = events_of(episode)
    response = post(client, network, "void", episode, {"reason": "Not allowed"}, identify.pk)
    assert_rejected(response, episode, before, "This entry cannot be voided")


def test_voiding_another_episodes_entry_is_not_found(client, network, episode):
    other = factories.episode(by=network.practitioner_a, site=network.court_a)
    note = episode_note(by=network.practitioner_a, episode=other, text="Other person")
    before = events_of(other)
    c = signed_in(client, network.practitioner_a)
    assert c.get(url("void", episode, note.pk)).status_code == 404
    assert c.post(url("void", episode, note.pk), {"reason": "Crafted"}).status_code == 404
    assert events_of(other) == before


# A step the stage does not allow, posted anyway: the error summary, nothing changed.


def test_assessment_posted_to_a_closed_episode_changes_nothing(client, network, closed):
    before = events_of(closed)
    c = signed_in(client, network.practitioner_a)
    response = c.post(url("assess", closed), {"summary": "Crafted"}, follow=True)
    assert "does not allow: record assessment" in html(response)
    assert events_of(closed) == before
    closed.refresh_from_db()
    assert closed.stage == Stage.CLOSED


def test_screening_posted_to_a_closed_episode_changes_nothing(client, network, closed):
    before = events_of(closed)
    data = {"status_mental_health": "suspected", "urgency": "routine", "needs_assessment": "no"}
    assert_rejected(post(client, network, "screen", closed, data), closed, before, "does not allow: record screening")
    assert Finding.objects.filter(episode=closed).count() == 0


def test_reopening_an_open_episode_changes_nothing(client, network, episode):
    before = events_of(episode)
    response = post(client, network, "reopen", episode, {"reason": "Crafted"})
    assert_rejected(response, episode, before, "does not allow: reopen episode")


def test_unsupported_methods_are_refused_not_errors(client, network, episode):
    c = signed_in(client, network.practitioner_a)
    assert c.put(url("note", episode)).status_code == 405
    assert c.post(reverse("pathway:episode", args=[episode.pk])).status_code == 405
