"""The worklist: open episodes at my sites."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from liaison.audit.models import AccessAction, AccessAudit
from liaison.organisations.models import Role
from liaison.pathway.actions import episode_close
from liaison.screening.actions import FindingInput, screening_record
from tests import factories
from tests.pathway.pages import html, row_with, signed_in

URL = reverse("pathway:worklist")


def test_it_flags_a_breach_for_an_episode_older_than_its_sites_target(client, network):
    late = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=190)
    page = html(signed_in(client, network.practitioner_a).get(URL))
    row = row_with(page, late.person.full_name)
    assert "Target breached" in row
    assert "Waiting 3 h 10 min (target 2 h)" in row


def test_it_does_not_flag_an_episode_within_its_sites_target(client, network):
    on_time = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=30)
    page = html(signed_in(client, network.practitioner_a).get(URL))
    row = row_with(page, on_time.person.full_name)
    assert "Target breached" not in row
    assert "Waiting 30 min (target 2 h)" in row


def test_it_lists_breaches_first(client, network):
    on_time = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=100)
    late = factories.episode(by=network.practitioner_a, site=network.court_a, minutes_ago=70)
    page = html(signed_in(client, network.practitioner_a).get(URL))
    assert page.index(late.person.full_name) < page.index(on_time.person.full_name)


def test_it_links_each_person_to_their_episode_and_shows_site_and_stage(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    row = row_with(html(signed_in(client, network.practitioner_a).get(URL)), e.person.full_name)
    assert reverse("pathway:episode", args=[e.pk]) in row
    assert network.custody_a.name in row
    assert "Police custody suite" in row
    assert "Identified" in row


def test_it_flags_a_young_person_and_the_urgency_of_the_last_screening(client, network):
    child = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, date_of_birth=date(date.today().year - 15, 1, 1)
    )
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, who=child)
    screening_record(
        by=network.practitioner_a,
        episode=e,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="immediate",
        needs_assessment=True,
    )
    row = row_with(html(signed_in(client, network.practitioner_a).get(URL)), child.full_name)
    assert "Young person" in row
    assert "Act: Immediate" in row
    assert "Screened after" in row


def test_it_leaves_out_closed_episodes_and_other_schemes(client, network):
    closed = factories.episode(by=network.practitioner_a, site=network.custody_a)
    episode_close(by=network.practitioner_a, episode=closed, justice_outcome="no_further_action", ld_outcome="declined")
    theirs = factories.episode(by=network.practitioner_b, site=network.custody_b)
    page = html(signed_in(client, network.practitioner_a).get(URL))
    assert closed.person.full_name not in page
    assert theirs.person.full_name not in page
    assert "There are no open episodes at your sites" in page


def test_a_site_member_sees_only_their_own_site(client, network):
    worker = factories.staff(role=Role.PRACTITIONER, site=network.court_a)
    custody = factories.episode(by=network.practitioner_a, site=network.custody_a)
    court = factories.episode(by=network.practitioner_a, site=network.court_a)
    page = html(signed_in(client, worker).get(URL))
    assert court.person.full_name in page
    assert custody.person.full_name not in page


def test_a_user_with_no_sites_is_told_so(client, network):
    # A team lead attached to a scheme with no active site: clinical, but nowhere to work today.
    lead = factories.staff(role=Role.TEAM_LEAD, scheme=factories.scheme())
    response = signed_in(client, lead).get(URL)
    assert response.status_code == 200
    assert "You are not attached to any site" in html(response)


def test_it_is_titled_for_what_it_shows_with_a_count(client, network):
    for minutes in (30, 60 * 24 * 3, 60 * 24 * 9):  # identified today, three and nine days ago
        factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=minutes)
    page = html(signed_in(client, network.practitioner_a).get(URL))
    assert "<title>Open episodes at my sites" in page
    assert "<h1>Open episodes at my sites</h1>" in page
    assert "3 open episodes</h2>" in page
    assert "Today" not in page


def test_a_single_episode_is_counted_in_the_singular(client, network):
    factories.episode(by=network.practitioner_a, site=network.custody_a)
    assert "1 open episode</h2>" in html(signed_in(client, network.practitioner_a).get(URL))


def test_the_menu_names_it_as_the_page_does(client, network):
    page = html(signed_in(client, network.practitioner_a).get(URL))
    assert f'href="{URL}">Open episodes at my sites</a>' in page


def test_everyone_on_it_is_audited_as_seen_in_the_worklist(client, network):
    shown = [factories.episode(by=network.practitioner_a, site=network.custody_a) for _ in range(3)]
    signed_in(client, network.practitioner_a).get(URL)
    rows = AccessAudit.objects.filter(user=network.practitioner_a)
    assert {(r.person_id, r.episode_id, r.action, r.what) for r in rows} == {
        (e.person_id, e.pk, AccessAction.LIST, "worklist") for e in shown
    }


def test_an_empty_worklist_audits_nothing(client, network):
    signed_in(client, network.practitioner_a).get(URL)
    assert not AccessAudit.objects.exists()
