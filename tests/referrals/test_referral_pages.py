"""Referral pages: refer from the directory, the referral with only its allowed next steps,
transition forms, support assignment, contacts, the caseload and the episode's section."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core import clock
from liaison.core.events import EVENTS
from liaison.pathway.models import PathwayEvent
from liaison.referrals.actions import support_assign
from liaison.referrals.directory import selectors as directory_selectors
from liaison.referrals.lifecycle import Transition
from liaison.referrals.models import Referral, SupportContact
from tests import factories
from tests.pathway.pages import events_of, html, signed_in
from tests.referrals import builders


@pytest.fixture
def screened(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=120)
    return builders.screened(e, network.practitioner_a)


@pytest.fixture
def referral(network, screened):
    return builders.referral(episode=screened, by=network.practitioner_a)


def update_url(r: Referral, transition: str) -> str:
    return f"{reverse('referrals:update', args=[r.pk])}?transition={transition}"


def test_the_refer_page_offers_only_services_for_the_persons_age(client, network, screened):
    builders.service(scheme=network.scheme_a, name="Adult crisis team", min_age=18)
    builders.service(scheme=network.scheme_a, name="Youth offending service", min_age=10, max_age=17)
    builders.service(scheme=network.scheme_b, name="Another scheme's team")
    page = html(signed_in(client, network.practitioner_a).get(reverse("pathway:refer", args=[screened.pk])))
    assert "Adult crisis team" in page
    assert "Youth offending service" not in page
    assert "Another scheme" not in page
    assert f"take people aged {directory_selectors.age_of(screened)}" in page


def test_the_refer_page_offers_a_man_no_womens_centre_unless_asked_to_show_all(client, network, screened):
    from liaison.people.models import Person

    Person.objects.filter(pk=screened.person_id).update(sex="1")
    builders.service(
        scheme=network.scheme_a, name="Sefton Women's Centre", service_type="womens_centre", open_to="women"
    )
    builders.service(scheme=network.scheme_a, name="Crisis team", service_type="crisis")
    c = signed_in(client, network.practitioner_a)
    page = html(c.get(reverse("pathway:refer", args=[screened.pk])))
    assert "Crisis team" in page and "Sefton Women&#x27;s Centre" not in page
    assert "and of the person's sex" in page
    every = html(c.get(reverse("pathway:refer", args=[screened.pk]) + "?all=1"))
    assert "Sefton Women&#x27;s Centre" in every and "Crisis team" in every


def test_a_woman_is_offered_the_womens_centre(client, network, screened):
    from liaison.people.models import Person

    Person.objects.filter(pk=screened.person_id).update(sex="2")
    builders.service(
        scheme=network.scheme_a, name="Sefton Women's Centre", service_type="womens_centre", open_to="women"
    )
    page = html(signed_in(client, network.practitioner_a).get(reverse("pathway:refer", args=[screened.pk])))
    assert "Sefton Women&#x27;s Centre" in page


def test_the_refer_page_filters_by_name(client, network, screened):
    builders.service(scheme=network.scheme_a, name="Adult crisis team")
    builders.service(scheme=network.scheme_a, name="Drug and alcohol service")
    page = html(
        signed_in(client, network.practitioner_a).get(reverse("pathway:refer", args=[screened.pk]), {"q": "drug"})
    )
    assert "Drug and alcohol service" in page
    assert "Adult crisis team" not in page


def test_a_service_from_another_scheme_cannot_be_posted(client, network, screened):
    theirs = builders.service(scheme=network.scheme_b)
    builders.service(scheme=network.scheme_a)
    before = events_of(screened)
    response = signed_in(client, network.practitioner_a).post(
        reverse("pathway:refer", args=[screened.pk]), {"service": theirs.pk, "urgency": "routine"}
    )
    assert response.status_code == 200
    assert "Select one of the services listed" in html(response)
    assert events_of(screened) == before


def test_the_referral_page_offers_only_the_allowed_next_steps(client, network, referral):
    page = html(signed_in(client, network.practitioner_a).get(reverse("referrals:referral", args=[referral.pk])))
    for t in (Transition.ACKNOWLEDGE, Transition.ACCEPT, Transition.DECLINE, Transition.CLOSE):
        assert f"?transition={t.value}" in page
    for t in (Transition.BOOK, Transition.ATTEND, Transition.ENGAGE, Transition.RESUBMIT):
        assert f"?transition={t.value}" not in page
    assert "<h2>History</h2>" in page and "Referred" in page


def test_a_transition_form_moves_the_referral_on(client, network, referral):
    before = events_of(referral.episode)
    c = signed_in(client, network.support_worker_a)
    assert c.get(update_url(referral, "accept")).status_code == 200
    response = c.post(reverse("referrals:update", args=[referral.pk]), {"transition": "accept", "note": "Letter"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert events_of(referral.episode) == before + 1


def test_booking_through_the_form(client, network, referral):
    c = signed_in(client, network.practitioner_a)
    c.post(reverse("referrals:update", args=[referral.pk]), {"transition": "accept"})
    day = timezone.localdate(clock.now()) + timedelta(days=3)
    data = {
        "transition": "book",
        "appointment_on_0": day.day,
        "appointment_on_1": day.month,
        "appointment_on_2": day.year,
        "appointment_time": "10:30",
        "place": "Hope Street clinic",
    }
    assert c.post(reverse("referrals:update", args=[referral.pk]), data).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "booked"
    assert timezone.localtime(referral.appointment_at).strftime("%H:%M") == "10:30"


def test_a_rejected_transition_form_changes_nothing(client, network, referral):
    before = events_of(referral.episode)
    response = signed_in(client, network.practitioner_a).post(
        reverse("referrals:update", args=[referral.pk]), {"transition": "decline", "reason": ""}
    )
    assert response.status_code == 200
    assert "Enter why the service declined the referral" in html(response)
    assert events_of(referral.episode) == before


def test_a_transition_not_allowed_now_is_refused(client, network, referral):
    c = signed_in(client, network.practitioner_a)
    response = c.get(update_url(referral, "engage"))
    assert response.status_code == 302
    before = events_of(referral.episode)
    response = c.post(reverse("referrals:update", args=[referral.pk]), {"transition": "engage"})
    assert response.status_code == 200
    assert "does not allow that" in html(response)
    assert events_of(referral.episode) == before


def test_an_unknown_transition_is_not_found(client, network, referral):
    assert signed_in(client, network.practitioner_a).get(update_url(referral, "teleport")).status_code == 404


def test_assigning_a_support_worker_through_the_page(client, network, referral):
    c = signed_in(client, network.practitioner_a)
    page = html(c.get(reverse("referrals:support", args=[referral.pk])))
    assert str(network.support_worker_a) in page
    assert str(network.practitioner_b) not in page
    response = c.post(reverse("referrals:support", args=[referral.pk]), {"worker": network.support_worker_a.pk})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.support_worker == network.support_worker_a


def test_a_support_worker_logs_a_contact_through_the_page(client, network, referral):
    c = signed_in(client, network.support_worker_a)
    url = reverse("referrals:contact", args=[referral.episode.pk])
    assert c.get(url, {"referral": referral.pk}).status_code == 200
    data = {
        "referral": referral.pk,
        "contact_type": "accompanied",
        "duration_minutes": "90",
        "outcome": "Went together",
    }
    response = c.post(url, data)
    assert response.status_code == 302
    contact = SupportContact.objects.get()
    assert (contact.worker, contact.referral, contact.duration_minutes) == (network.support_worker_a, referral, 90)


def test_a_rejected_contact_changes_nothing(client, network, referral):
    before = events_of(referral.episode)
    response = signed_in(client, network.support_worker_a).post(
        reverse("referrals:contact", args=[referral.episode.pk]), {"contact_type": "phone", "duration_minutes": "-3"}
    )
    page = html(response)
    assert response.status_code == 200
    assert "Enter the outcome of the contact" in page
    assert "must be a whole number from 0 to 1440" in page
    assert events_of(referral.episode) == before
    assert not SupportContact.objects.exists()


def test_a_support_worker_cannot_refer(client, network, screened):
    builders.service(scheme=network.scheme_a)
    c = signed_in(client, network.support_worker_a)
    assert c.get(reverse("pathway:refer", args=[screened.pk])).status_code == 403


def test_the_episode_page_shows_referrals_and_contacts(client, network, referral):
    c = signed_in(client, network.support_worker_a)
    c.post(
        reverse("referrals:contact", args=[referral.episode.pk]),
        {"contact_type": "phone", "duration_minutes": "5", "outcome": "Left a message"},
    )
    page = html(c.get(reverse("pathway:episode", args=[referral.episode.pk])))
    section = page.split('id="referrals"')[1].split(">Timeline</h2>")[0]
    assert referral.service.name in section
    assert "Made" in section
    assert "?transition=accept" in section
    assert "Left a message" in section
    # The timeline says it in words too.
    assert "Support contact" in page and "5 minutes" in page


def test_overdue_follow_ups_are_marked_on_the_workers_worklist(client, network, referral):
    support_assign(by=network.practitioner_a, referral=referral, worker=network.support_worker_a)
    referral.follow_up_due = timezone.localdate(clock.now()) - timedelta(days=2)
    referral.save(update_fields=["follow_up_due"])
    page = html(signed_in(client, network.support_worker_a).get(reverse("pathway:worklist")))
    assert "Follow-ups due" in page
    assert "Overdue" in page
    assert referral.episode.person.full_name in page.split("Follow-ups due")[1]


def test_the_caseload_lists_assigned_referrals_and_contacts(client, network, referral):
    support_assign(by=network.practitioner_a, referral=referral, worker=network.support_worker_a)
    page = html(signed_in(client, network.support_worker_a).get(reverse("referrals:caseload")))
    assert "My caseload" in page
    assert referral.service.name in page


def test_a_team_lead_opens_a_workers_caseload_but_not_another_schemes(client, network, referral):
    url = reverse("referrals:caseload")
    lead = signed_in(client, network.team_lead_a).get(url, {"worker": network.support_worker_a.pk})
    assert lead.status_code == 200
    assert f"Caseload of {network.support_worker_a}" in html(lead)
    other = signed_in(client, network.team_lead_b).get(url, {"worker": network.support_worker_a.pk})
    assert other.status_code == 404
    assert signed_in(client, network.practitioner_a).get(url, {"worker": "junk"}).status_code == 404


def test_closing_the_episode_warns_and_needs_the_confirmation(client, network, referral):
    c = signed_in(client, network.practitioner_a)
    url = reverse("pathway:close", args=[referral.episode.pk])
    assert "Support is continuing" in html(c.get(url))
    data = {"justice_outcome": "no_further_action", "ld_outcome": "diverted_out"}
    refused = c.post(url, data)
    assert refused.status_code == 200
    assert "confirm that you want to close the episode" in html(refused)
    assert c.post(url, {**data, "confirm_active_support": "on"}).status_code == 302
    assert PathwayEvent.objects.filter(episode=referral.episode, kind=EVENTS.get("episode:close")).exists()
