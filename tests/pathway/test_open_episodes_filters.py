"""Filtering, sorting and paging the open-episodes lists, in the database, from a GET form that
works without JavaScript; a bad value is refused with a message, never a 500."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from liaison.audit.models import AccessAudit
from liaison.organisations.models import PointOfContact
from liaison.pathway.stages import Step
from tests import factories
from tests.pathway.pages import html, row_with, signed_in
from tests.pathway.steps import take

URL = reverse("pathway:worklist")


def names_in(page: str) -> list[str]:
    """The people listed, in the order shown."""
    if '<tbody class="nhsuk-table__body"' not in page:
        return []
    table = page.split('<tbody class="nhsuk-table__body"')[1].split("</tbody>")[0]
    return re.findall(r'role="rowheader">.*?<a href="[^"]*">([^<]*)</a>', table)


@pytest.fixture
def mixed(network):
    """At custody: one over target and one screened; at court: one waiting within target."""
    by = network.practitioner_a
    late = factories.episode(by=by, site=network.custody_a, minutes_ago=300)
    screened = factories.episode(by=by, site=network.custody_a, minutes_ago=20)
    take(Step.SCREEN, episode=screened, by=by)
    court = factories.episode(by=by, site=network.court_a, minutes_ago=10)
    return late, screened, court


def test_the_form_is_a_get_form_with_every_filter(client, network, mixed):
    page = html(signed_in(client, network.practitioner_a).get(URL))
    form = page.split('<form method="get"')[1].split("</form>")[0]
    for name in ("site", "stage", "point_of_contact", "breached", "sort"):
        assert f'name="{name}"' in form
    assert network.custody_a.name in form and network.custody_b.name not in form


def test_it_filters_by_site(client, network, mixed):
    _, _, court = mixed
    page = html(signed_in(client, network.practitioner_a).get(URL, {"site": network.court_a.pk}))
    assert names_in(page) == [court.person.full_name]
    assert "1 open episode matching the filters</h2>" in page


def test_it_filters_by_stage(client, network, mixed):
    _, screened, _ = mixed
    page = html(signed_in(client, network.practitioner_a).get(URL, {"stage": "screened"}))
    assert names_in(page) == [screened.person.full_name]


def test_it_filters_by_point_of_contact(client, network, mixed):
    _, _, court = mixed
    point = PointOfContact(court.point_of_contact)
    page = html(signed_in(client, network.practitioner_a).get(URL, {"point_of_contact": point.value}))
    assert names_in(page) == [court.person.full_name]


def test_it_filters_to_the_episodes_over_their_target_counted_in_the_database(client, network, mixed):
    late, _, _ = mixed
    page = html(signed_in(client, network.practitioner_a).get(URL, {"breached": "on"}))
    assert names_in(page) == [late.person.full_name]
    assert "1 of 1 open episode is over the response-time target" in page


def test_filters_combine(client, network, mixed):
    c = signed_in(client, network.practitioner_a)
    page = html(c.get(URL, {"site": network.court_a.pk, "breached": "on"}))
    assert "No open episodes match these filters" in page
    assert "Clear the filters" in page


def test_the_form_shows_the_filters_applied(client, network, mixed):
    page = html(signed_in(client, network.practitioner_a).get(URL, {"stage": "screened", "breached": "on"}))
    assert '<option value="screened" selected>' in page
    assert 'name="breached" type="checkbox" value="on" checked' in page


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("", ["late", "court", "screened"]),  # breaches first, then those waiting
        ("longest", ["late", "screened", "court"]),
        ("newest", ["court", "screened", "late"]),
        ("oldest", ["late", "screened", "court"]),
    ],
)
def test_it_sorts(client, network, mixed, sort, order):
    named = dict(zip(("late", "screened", "court"), (e.person.full_name for e in mixed), strict=True))
    page = html(signed_in(client, network.practitioner_a).get(URL, {"sort": sort}))
    assert names_in(page) == [named[k] for k in order]


def test_it_sorts_by_family_name(client, network):
    by = network.practitioner_a
    for family in ("Young", "Abbott", "Mistry"):
        who = factories.person(by=by, scheme=network.scheme_a, family_name=family, date_of_birth=date(1990, 1, 1))
        factories.episode(by=by, site=network.custody_a, who=who)
    page = html(signed_in(client, by).get(URL, {"sort": "name"}))
    assert [n.split()[-1] for n in names_in(page)] == ["Abbott", "Mistry", "Young"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"site": "999999"}, "Select one of the sites in the list"),
        ({"site": "custody"}, "Select one of the sites in the list"),
        ({"stage": "closed"}, "Select a stage from the list"),
        ({"stage": "<script>"}, "Select a stage from the list"),
        ({"point_of_contact": "moon"}, "Select a point of contact from the list"),
        ({"sort": "DROP TABLE"}, "Select a sort order from the list"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_and_the_list_shown_without_it(client, network, mixed, query, message):
    response = signed_in(client, network.practitioner_a).get(URL, query)
    page = html(response)
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert "shown without the filters that could not be used" in page
    assert len(names_in(page)) == 3


def test_another_schemes_site_is_refused_and_shows_nothing_of_it(client, network):
    theirs = factories.episode(by=network.practitioner_b, site=network.custody_b)
    page = html(signed_in(client, network.practitioner_a).get(URL, {"site": network.custody_b.pk}))
    assert "Select one of the sites in the list" in page
    assert theirs.person.full_name not in page


def test_a_site_the_form_left_out_still_shows_nothing_of_another_scheme(network):
    from liaison.pathway.selectors import Filters, worklist

    factories.episode(by=network.practitioner_b, site=network.custody_b)
    assert worklist(user=network.practitioner_a, filters=Filters(site_id=network.custody_b.pk)).rows == []


def test_a_page_of_fifty_links_to_the_next_keeping_the_filters_and_sort(client, network):
    by = network.practitioner_a
    for n in range(52):
        factories.episode(by=by, site=network.custody_a, minutes_ago=n + 1)
    factories.episode(by=by, site=network.court_a)
    c = signed_in(client, by)
    first = html(c.get(URL, {"site": network.custody_a.pk, "sort": "newest"}))
    assert len(names_in(first)) == 50
    assert "52 open episodes matching the filters" in first
    assert "Showing 1 to 50 of 52, page 1 of 2." in first
    assert 'class="nhsuk-pagination nhsuk-pagination--numbered"' in first
    nxt = first.split('class="nhsuk-pagination__next"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert nxt == f"?site={network.custody_a.pk}&amp;sort=newest&amp;page=2#episodes"
    second = html(c.get(URL, {"site": network.custody_a.pk, "sort": "newest", "page": "2"}))
    assert len(names_in(second)) == 2
    assert "Showing 51 to 52 of 52, page 2 of 2." in second
    assert not set(names_in(first)) & set(names_in(second))
    assert 'aria-current="page">2</a>' in second


def test_only_the_people_on_the_page_shown_are_audited(client, network):
    by = network.practitioner_a
    episodes = [factories.episode(by=by, site=network.custody_a, minutes_ago=n + 1) for n in range(53)]
    signed_in(client, by).get(URL, {"sort": "newest", "page": "2"})
    audited = set(AccessAudit.objects.filter(user=by).values_list("episode_id", flat=True))
    assert audited == {e.pk for e in episodes[50:]}


@pytest.mark.parametrize("asked", ["0", "-1", "two", "\uff11", "99999999999999999999", "2.5"])
def test_a_page_number_that_is_not_one_shows_the_first_page(client, network, mixed, asked):
    response = signed_in(client, network.practitioner_a).get(URL, {"page": asked})
    assert response.status_code == 200
    assert len(names_in(html(response))) == 3


def test_a_page_past_the_end_shows_the_last(client, network, mixed):
    page = html(signed_in(client, network.practitioner_a).get(URL, {"page": "7"}))
    assert len(names_in(page)) == 3
    assert "nhsuk-pagination" not in page  # one page: no pagination


def test_the_schemes_open_episodes_filter_the_same_way(client, network, mixed):
    _, _, court = mixed
    url = reverse("pathway:scheme-open", args=[network.scheme_a.pk])
    page = html(signed_in(client, network.team_lead_a).get(url, {"site": network.court_a.pk}))
    assert names_in(page) == [court.person.full_name]
    assert "Target breached" not in row_with(page, court.person.full_name)


def test_the_schemes_open_episodes_refuse_another_schemes_site(client, network, mixed):
    url = reverse("pathway:scheme-open", args=[network.scheme_a.pk])
    response = signed_in(client, network.team_lead_a).get(url, {"site": network.custody_b.pk})
    assert response.status_code == 200
    assert "Select one of the sites in the list" in html(response)
    assert len(names_in(html(response))) == 3
