from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from liaison.audit.models import AccessAction, AccessAudit
from liaison.pathway.actions import episode_close
from liaison.pathway.models import Episode
from liaison.people.models import Alias, LocalIdentifier
from tests import factories
from tests.pathway.pages import row_with


def url(person_id):
    return reverse("people:person", args=[person_id])


def person_with_history(network, closed):
    """A person with `closed` earlier episodes in scheme A, each closed before the next opened,
    and one open now."""
    who = factories.person(by=network.practitioner_a, scheme=network.scheme_a, given_name="Casey")
    for i in range(closed):
        e = factories.episode(
            by=network.practitioner_a, site=network.court_a, who=who, minutes_ago=60 * 24 * (closed - i + 1)
        )
        episode_close(
            by=network.practitioner_a,
            episode=e,
            justice_outcome="no_further_action",
            ld_outcome="no_further_ld_action",
            occurred_at=e.identified_at + timedelta(hours=2),
        )
    return factories.episode(by=network.practitioner_a, site=network.custody_a, who=who)


def test_it_shows_identity_and_episodes(client, network, episode_a):
    person = episode_a.person
    Alias.objects.create(person=person, given_name="Jay", family_name="Ash")
    LocalIdentifier.objects.create(person=person, scheme=network.scheme_a, system="custody_record", value="CR-9")
    client.force_login(network.practitioner_a)
    response = client.get(url(person.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert "<h1>Jordan Ashworth</h1>" in html
    assert "Jay Ash" in html
    assert "17 May 1990 (age " in html
    assert "999 000 0018" in html
    assert '<strong class="nhsuk-tag nhsuk-tag--yellow">Not verified</strong>' in html
    assert "Custody record number: CR-9 (Scheme A)" in html
    assert reverse("pathway:episode", args=[episode_a.pk]) in html
    assert network.custody_a.name in html
    assert "Police custody suite" in html
    assert "Who has looked at this record" not in html


def test_another_schemes_practitioner_gets_404(client, network, episode_a):
    client.force_login(network.practitioner_b)
    assert client.get(url(episode_a.person_id)).status_code == 404
    assert not AccessAudit.objects.filter(action=AccessAction.VIEW).exists()


def test_commissioners_get_404_for_identifiable_records(client, network, episode_a):
    client.force_login(network.commissioner)
    assert client.get(url(episode_a.person_id)).status_code == 404


def test_each_view_writes_one_audit_row(client, network, episode_a):
    client.force_login(network.practitioner_a)
    client.get(url(episode_a.person_id))
    client.get(url(episode_a.person_id))
    rows = AccessAudit.objects.filter(person=episode_a.person)
    assert rows.count() == 2
    assert {(r.user, r.action, r.what) for r in rows} == {(network.practitioner_a, AccessAction.VIEW, "person page")}


def test_a_team_lead_of_the_holding_scheme_sees_who_has_looked(client, network, episode_a):
    client.force_login(network.practitioner_a)
    client.get(url(episode_a.person_id))
    client.force_login(network.team_lead_a)
    html = client.get(url(episode_a.person_id)).content.decode()
    assert "<h2>Who has looked at this record</h2>" in html
    assert str(network.practitioner_a) in html
    assert 'aria-hidden="true">Did </span><span>Opened the record</span></td>' in html
    assert 'aria-hidden="true">Where or what </span><span>person page</span></td>' in html


def test_the_access_log_tells_a_sighting_in_a_list_from_an_opening(client, network, episode_a):
    client.force_login(network.practitioner_a)
    for _ in range(3):
        client.get(reverse("pathway:worklist"))
    client.get(reverse("pathway:episode", args=[episode_a.pk]))
    client.force_login(network.team_lead_a)
    html = client.get(url(episode_a.person_id)).content.decode()
    log = html.split("<h2>Who has looked at this record</h2>")[1]
    assert "Seen in a list, 3 times" in row_with(log, ">worklist<")
    assert "Opened the record" in row_with(log, ">episode page<")


def test_who_has_looked_is_shown_a_page_at_a_time_and_any_page_asked_for_is_served(client, network, episode_a):
    client.force_login(network.practitioner_a)
    for _ in range(30):
        client.get(url(episode_a.person_id))
    client.force_login(network.team_lead_a)
    first = client.get(url(episode_a.person_id)).content.decode().split("<h2>Who has looked at this record</h2>")[1]
    assert first.count("Opened the record") == 25
    assert "Showing 1 to 25 of 31 lines, most recent first." in first
    assert 'href="?looked=2#looked"' in first
    second = client.get(url(episode_a.person_id) + "?looked=2").content.decode()
    # 32 lines now: the first page's own opening is the newest.
    assert second.split("<h2>Who has looked at this record</h2>")[1].count("Opened the record") == 7
    for nonsense in ("abc", "-1", "99999999999", "2%00"):
        assert client.get(url(episode_a.person_id), {"looked": nonsense}).status_code == 200


def test_a_team_lead_of_another_scheme_cannot_open_the_record(client, network, episode_a):
    client.force_login(network.team_lead_b)
    assert client.get(url(episode_a.person_id)).status_code == 404


def test_it_lists_episodes_most_recent_first(client, network):
    current = person_with_history(network, 2)
    client.force_login(network.practitioner_a)
    html = client.get(url(current.person_id)).content.decode()
    links = [html.index(reverse("pathway:episode", args=[e.pk])) for e in Episode.objects.order_by("-identified_at")]
    assert links == sorted(links)
    assert html.count("nhsuk-tag--grey") >= 2


def test_the_page_runs_a_bounded_number_of_queries(client, network, django_assert_max_num_queries):
    current = person_with_history(network, 6)
    LocalIdentifier.objects.create(person=current.person, scheme=network.scheme_a, system="prison", value="A1234BC")
    client.force_login(network.team_lead_a)
    client.get(reverse("pathway:worklist"))  # a sighting in a list, folded in the access log
    client.get(url(current.person_id))  # and an opening of the record
    # The access log is three queries at most (openings, sightings folded by list and day, and
    # their users), one more than when it was one row per look; the corrections and whether the
    # user may make one are two more.
    with django_assert_max_num_queries(19):
        response = client.get(url(current.person_id))
    html = response.content.decode()
    assert html.count('href="/episodes/') == 7
    assert "Who has looked at this record" in html
