"""The episode page: summary, timeliness, findings, the timeline and the next allowed steps."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.assessment.actions import assessment_summary_record
from liaison.core import clock
from liaison.core.events import EVENTS
from liaison.pathway.actions import entry_void, episode_close, episode_note
from liaison.pathway.models import PathwayEvent
from liaison.pathway.selectors import TIMELINE_PAGE
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
    timeline = html(signed_in(client, network.practitioner_a).get(url(e))).split(">Timeline</h2>")[1]
    assert timeline.index(">Identified") < timeline.index(">Screened") < timeline.index(">Assessed")
    for text in ("Mental health: suspected (L&amp;D screening)", "Same day", "Low mood, no plan", "GP review"):
        assert text in timeline
    assert str(network.practitioner_a) in timeline
    assert network.custody_a.name in timeline


def test_the_timeline_shows_a_voided_entry_with_its_reason(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    note = episode_note(by=network.practitioner_a, episode=e, text="Wrong person's note")
    entry_void(by=network.practitioner_a, episode=e, event=note, reason="Written on the wrong record")
    timeline = html(signed_in(client, network.practitioner_a).get(url(e))).split(">Timeline</h2>")[1]
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
    timeline = html(signed_in(client, network.practitioner_a).get(url(e))).split(">Timeline</h2>")[1]
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


def _queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _more_history(e, by, *, notes, referrals, instruments):
    for n in range(notes):
        episode_note(by=by, episode=e, text=f"Note {n}")
    for _ in range(referrals):
        referral = builders.referral(episode=e, by=by)
        support_contact_log(
            by=by,
            episode=e,
            referral=referral,
            details=ContactDetails(contact_type="phone", duration_minutes=5, outcome="Reminded"),
        )
    for _ in range(instruments):
        instrument_record(by=by, episode=e, instrument="phq9", answers=phq9(1, 1, 1, 1, 1, 1, 1, 1, 1))


def test_its_queries_do_not_grow_with_the_history(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    event = screen(e, network.practitioner_a)
    entry_void(by=network.practitioner_a, episode=e, event=event, reason="Wrong person")
    screen(e, network.practitioner_a)
    assessment_summary_record(by=network.practitioner_a, episode=e, summary="Summary")
    _more_history(e, network.practitioner_a, notes=1, referrals=1, instruments=1)
    c = signed_in(client, network.practitioner_a)
    c.get(url(e))  # the session's first renewal is a write of its own
    small = _queries_of(c, url(e))
    _more_history(e, network.practitioner_a, notes=TIMELINE_PAGE + 10, referrals=3, instruments=3)
    # The session, the user and their scope (memberships, sites, break-glass), the episode and
    # its audit row (with its transaction), a page of the timeline with its voids, and each
    # section's own: findings and safety events, instruments, assessment versions, referrals
    # and contacts, consents and shares. None of them grows with the history.
    assert _queries_of(c, url(e)) == small == 19
    earlier = _queries_of(c, url(e) + f"?before={PathwayEvent.objects.filter(episode=e).order_by('-id')[5].pk}")
    assert earlier == small + 1  # the entry the page starts before


def test_the_step_that_moves_the_episode_on_is_the_primary_button(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screen(e, network.practitioner_a)
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    primary = [a for a in page.split("<a ") if 'class="nhsuk-button"' in a]
    assert len(primary) == 1
    assert reverse("pathway:assess", args=[e.pk]) in primary[0]


def _notes(episode, by, n):
    return [episode_note(by=by, episode=episode, text=f"Note {i}") for i in range(n)]


def test_a_long_timeline_shows_its_latest_entries_with_a_link_to_earlier_ones(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    notes = _notes(e, network.practitioner_a, TIMELINE_PAGE + 5)
    page = html(signed_in(client, network.practitioner_a).get(url(e)))
    timeline = page.split(">Timeline</h2>")[1]
    assert f"{TIMELINE_PAGE} entries, the latest, oldest first" in timeline
    assert f'id="entry-{notes[-1].pk}"' in timeline and f'id="entry-{notes[5].pk}"' in timeline
    assert f'id="entry-{notes[4].pk}"' not in timeline
    assert f'href="?before={notes[5].pk}#timeline"' in timeline
    assert "Later entries" not in timeline


def test_earlier_entries_lead_back_to_later_ones(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    notes = _notes(e, network.practitioner_a, TIMELINE_PAGE + 5)
    c = signed_in(client, network.practitioner_a)
    earlier = html(c.get(url(e) + f"?before={notes[5].pk}")).split(">Timeline</h2>")[1]
    # The identification, the service consent and the first five notes.
    assert f'id="entry-{notes[4].pk}"' in earlier and f'id="entry-{notes[5].pk}"' not in earlier
    assert "Earlier entries" not in earlier
    assert f'href="?after={notes[4].pk}#timeline"' in earlier
    later = html(c.get(url(e) + f"?after={notes[4].pk}")).split(">Timeline</h2>")[1]
    assert f'id="entry-{notes[5].pk}"' in later and f'id="entry-{notes[-1].pk}"' in later
    assert "Later entries" not in later


def test_a_short_timeline_has_no_pages(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    timeline = html(signed_in(client, network.practitioner_a).get(url(e))).split(">Timeline</h2>")[1]
    assert "Oldest first." in timeline
    assert "Earlier entries" not in timeline and "Later entries" not in timeline


def test_a_page_of_the_timeline_from_another_episodes_entry_is_not_found(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    other = factories.episode(by=network.practitioner_a, site=network.custody_a)
    theirs = episode_note(by=network.practitioner_a, episode=other, text="Elsewhere")
    c = signed_in(client, network.practitioner_a)
    assert c.get(url(e) + f"?before={theirs.pk}").status_code == 404
    assert c.get(url(e) + "?after=not-an-entry").status_code == 404
