"""The episode page: summary, timeliness, findings, the timeline and the next allowed steps."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from liaison.assessment.actions import assessment_summary_record
from liaison.core import clock
from liaison.core.events import EVENTS
from liaison.pathway.actions import entry_void, episode_close, episode_note
from liaison.pathway.models import PathwayEvent
from liaison.referrals.actions import ContactDetails, support_contact_log
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.instruments.actions import instrument_record
from tests import factories
from tests.pathway.pages import html, row_with, signed_in
from tests.referrals import builders
from tests.screening.answers import phq9


def url(episode) -> str:
    return reverse("pathway:episode", args=[episode.pk])


def screen(episode, by, **kwargs):
    fields = {
        "findings": [FindingInput("mental_health", "suspected"), FindingInput("alcohol", "confirmed", "records")],
        "urgency": "same_day",
        "needs_assessment": True,
    }
    fields.update(kwargs)
    return screening_record(by=by, episode=episode, **fields)


def test_it_shows_the_summary_of_the_episode(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, concerns=["mental_health", "drugs"])
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    assert page.count("<h1") == 1
    assert reverse("people:person", args=[e.person.pk]) in page
    for text in (
        "Scheme A",
        network.custody_a.name,
        "Police custody suite",
        "Police (E1)",
        "Custody sergeant",
        "Drug misuse, Mental health",
        e.age_band,
        "Identified",
    ):
        assert text in page


def test_it_shows_the_wait_for_screening_against_the_target(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=150)
    row = row_with(html(signed_in(client, network.practitioner_a).get(url(e))), ">Screened<")
    assert "Waiting 2 h 30 min so far" in row
    assert "2 h" in row
    assert "Target breached" in row


def test_it_shows_minutes_to_each_step_once_reached(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=90)
    screen(e, network.practitioner_a)
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    screened = row_with(page, ">Screened<")
    assert "1 h 30 min" in screened
    assert "Within target" in screened
    assert "Not reached" in row_with(page, ">Assessed<")


def test_it_lists_findings_with_status_source_and_who_decided(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screen(e, network.practitioner_a)
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    row = row_with(page.split("<h2>Findings</h2>")[1], "Alcohol misuse")
    assert "Confirmed" in row
    assert "Health or care records" in row
    assert str(network.practitioner_a) in row


def test_it_shows_the_timeline_oldest_first_in_words(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screen(e, network.practitioner_a)
    assessment_summary_record(
        by=network.practitioner_a, episode=e, summary="Low mood, no plan", recommendations="GP review"
    )
    timeline = html(signed_in(client, network.practitioner_a).get(url(e))).split("<h2>Timeline</h2>")[1]
    assert timeline.index(">Identified") < timeline.index(">Screened") < timeline.index(">Assessed")
    for text in ("Mental health: suspected (L&amp;D screening)", "Same day", "Low mood, no plan", "GP review"):
        assert text in timeline
    assert str(network.practitioner_a) in timeline
    assert network.custody_a.name in timeline


def test_the_timeline_shows_a_voided_entry_with_its_reason(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    note = episode_note(by=network.practitioner_a, episode=e, text="Wrong person's note")
    entry_void(by=network.practitioner_a, episode=e, event=note, reason="Written on the wrong record")
    timeline = html(signed_in(client, network.practitioner_a).get(url(e))).split("<h2>Timeline</h2>")[1]
    entry = timeline.split(f'id="entry-{note.pk}"')[1].split("</li>")[0]
    assert "Voided" in entry
    assert "Written on the wrong record" in entry
    assert "Wrong person&#x27;s note" in entry
    assert "Void this entry" not in entry


def test_the_timeline_shows_when_an_entry_was_recorded_later(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=120)
    episode_note(
        by=network.practitioner_a, episode=e, text="Seen earlier", occurred_at=clock.now() - timedelta(hours=1)
    )
    timeline = html(signed_in(client, network.practitioner_a).get(url(e))).split("<h2>Timeline</h2>")[1]
    assert "(recorded " in timeline


def test_voided_findings_are_struck_through_with_the_reason(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    event = screen(e, network.practitioner_a)
    entry_void(by=network.practitioner_a, episode=e, event=event, reason="Screened the wrong person")
    findings = html(signed_in(client, network.practitioner_a).get(url(e))).split("<h2>Findings</h2>")[1]
    row = row_with(findings.split("<h2>")[0], "Alcohol misuse")
    assert "app-timeline__voided" in row
    assert "Voided:</strong> Screened the wrong person" in row


def test_voidable_entries_have_a_void_link_for_those_who_can_record(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    note = episode_note(by=network.practitioner_a, episode=e, text="Spoke to solicitor")
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    assert reverse("pathway:void", args=[e.pk, note.pk]) in page
    identify = PathwayEvent.objects.get(episode=e, kind=EVENTS.get("episode:identify"))
    assert reverse("pathway:void", args=[e.pk, identify.pk]) not in page


def test_it_offers_exactly_the_next_steps_the_stage_allows(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    for name in ("screen", "close", "reenter", "note"):
        assert reverse(f"pathway:{name}", args=[e.pk]) in page
    for name in ("assess", "refer", "reopen"):
        assert reverse(f"pathway:{name}", args=[e.pk]) not in page


def test_a_closed_episode_offers_reopening_and_not_screening(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    episode_close(
        by=network.practitioner_a, episode=e, justice_outcome="sentenced", sentence_type="fine", ld_outcome="declined"
    )
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    assert reverse("pathway:reopen", args=[e.pk]) in page
    assert reverse("pathway:screen", args=[e.pk]) not in page
    assert "Sentenced: Fine" in page


def test_a_support_worker_sees_the_episode_but_no_steps_or_void_links(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    episode_note(by=network.practitioner_a, episode=e, text="Spoke to solicitor")
    response = signed_in(client, network.support_worker_a).get(url(e))
    page = html(response)
    assert response.status_code == 200
    assert "What to do next" not in page
    assert "Void this entry" not in page
    assert "/screen/" not in page


def test_commissioners_and_analysts_cannot_open_it(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    for user in (network.commissioner, network.analyst):
        assert signed_in(client, user).get(url(e)).status_code == 404


def test_an_unknown_episode_is_not_found(client, network):
    response = signed_in(client, network.practitioner_a).get("/episodes/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_it_runs_a_bounded_number_of_queries(client, network, django_assert_max_num_queries):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    event = screen(e, network.practitioner_a)
    entry_void(by=network.practitioner_a, episode=e, event=event, reason="Wrong person")
    screen(e, network.practitioner_a)
    assessment_summary_record(by=network.practitioner_a, episode=e, summary="Summary")
    for n in range(5):
        episode_note(by=network.practitioner_a, episode=e, text=f"Note {n}")
    for _ in range(3):
        referral = builders.referral(episode=e, by=network.practitioner_a)
        support_contact_log(
            by=network.practitioner_a,
            episode=e,
            referral=referral,
            details=ContactDetails(contact_type="phone", duration_minutes=5, outcome="Reminded"),
        )
    for _ in range(3):
        instrument_record(
            by=network.practitioner_a, episode=e, instrument="phq9", answers=phq9(1, 1, 1, 1, 1, 1, 1, 1, 1)
        )
    c = signed_in(client, network.practitioner_a)
    # Session, user, memberships, sites, break-glass, episode, audit row, findings, events,
    # voids of events, assessment versions, consents and shares (2), referrals, voids of referral
    # entries, support contacts, instrument responses, session save (3): the same for any number
    # of entries.
    with django_assert_max_num_queries(20):
        response = c.get(url(e))
    assert response.status_code == 200


def test_the_step_that_moves_the_episode_on_is_the_primary_button(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screen(e, network.practitioner_a)
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    primary = [a for a in page.split("<a ") if 'class="nhsuk-button"' in a]
    assert len(primary) == 1
    assert reverse("pathway:assess", args=[e.pk]) in primary[0]
