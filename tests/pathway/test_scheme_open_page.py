"""The team lead's view of every open episode in the scheme."""

from __future__ import annotations

from django.urls import reverse

from liaison.audit.actions import break_glass
from liaison.audit.models import AccessAction, AccessAudit
from liaison.organisations.models import Role
from liaison.pathway.actions import episode_close
from tests import factories
from tests.pathway.pages import html, row_with, signed_in


def url(scheme_id: int) -> str:
    return reverse("pathway:scheme-open", args=[scheme_id])


def test_it_shows_every_open_episode_with_a_count_of_breaches(client, network):
    late = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=300)
    later = factories.episode(by=network.practitioner_a, site=network.court_a, minutes_ago=90)
    on_time = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=20)
    response = signed_in(client, network.team_lead_a).get(url(network.scheme_a.pk))
    page = html(response)
    assert response.status_code == 200
    assert "2 of 3 open episodes are over the response-time target" in page
    assert "Target breached" in row_with(page, late.person.full_name)
    assert "Target breached" in row_with(page, later.person.full_name)
    assert "Target breached" not in row_with(page, on_time.person.full_name)
    assert page.index("over the response-time target") < page.index("<table")


def test_it_leaves_out_other_schemes_episodes(client, network):
    theirs = factories.episode(by=network.practitioner_b, site=network.custody_b)
    page = html(signed_in(client, network.team_lead_a).get(url(network.scheme_a.pk)))
    assert theirs.person.full_name not in page
    assert "There are no open episodes in this scheme" in page


def test_it_shows_who_broke_glass_into_the_schemes_records(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    break_glass(
        user=network.practitioner_b, person=e.person, scheme=network.scheme_a, reason="Arrested in our area tonight"
    )
    page = html(signed_in(client, network.team_lead_a).get(url(network.scheme_a.pk)))
    access = page.split("Access from other schemes")[1]
    row = row_with(access, "Arrested in our area tonight")
    assert str(network.practitioner_b) in row
    assert e.person.full_name in row


def test_it_says_when_no_one_has_broken_glass(client, network):
    page = html(signed_in(client, network.team_lead_a).get(url(network.scheme_a.pk)))
    assert "No one from another scheme has opened this scheme's records" in page


def test_a_scheme_manager_sees_it_too(client, network):
    manager = factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a)
    assert signed_in(client, manager).get(url(network.scheme_a.pk)).status_code == 200


def test_roles_without_oversight_get_the_403_page(client, network):
    for user in (network.practitioner_a, network.support_worker_a, network.commissioner, network.analyst):
        response = signed_in(client, user).get(url(network.scheme_a.pk))
        assert response.status_code == 403, user
        assert "You cannot do this" in html(response)


def test_another_schemes_team_lead_gets_the_403_page(client, network):
    assert signed_in(client, network.team_lead_b).get(url(network.scheme_a.pk)).status_code == 403


def test_an_unknown_scheme_is_not_found(client, network):
    assert signed_in(client, network.team_lead_a).get(url(999999)).status_code == 404


def test_the_menu_links_team_leads_to_their_schemes_open_episodes(client, network):
    page = html(signed_in(client, network.team_lead_a).get(reverse("pathway:worklist")))
    assert f'href="{url(network.scheme_a.pk)}">My scheme\'s open episodes' in page


def test_the_menu_has_no_such_link_for_practitioners(client, network):
    page = html(signed_in(client, network.practitioner_a).get(reverse("pathway:worklist")))
    assert "open episodes</a>" not in page
    assert url(network.scheme_a.pk) not in page


def test_everyone_on_it_is_audited_as_seen_in_the_schemes_list(client, network):
    shown = [factories.episode(by=network.practitioner_a, site=site) for site in (network.custody_a, network.court_a)]
    signed_in(client, network.team_lead_a).get(url(network.scheme_a.pk))
    rows = AccessAudit.objects.filter(user=network.team_lead_a)
    assert {(r.person_id, r.action, r.what) for r in rows} == {
        (e.person_id, AccessAction.LIST, "scheme's open episodes") for e in shown
    }


def test_the_people_named_in_its_break_glass_list_are_audited(client, network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    episode_close(by=network.practitioner_a, episode=e, justice_outcome="no_further_action", ld_outcome="declined")
    break_glass(user=network.practitioner_b, person=e.person, scheme=network.scheme_a, reason="Arrested here tonight")
    signed_in(client, network.team_lead_a).get(url(network.scheme_a.pk))
    row = AccessAudit.objects.get(user=network.team_lead_a)
    assert (row.person_id, row.action, row.what) == (e.person_id, AccessAction.LIST, "break glass into the scheme")
