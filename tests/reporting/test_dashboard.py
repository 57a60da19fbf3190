"""The reporting dashboard over a small real store: who sees what, and nothing published in 1-7."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core import clock
from liaison.geography.models import LocalAuthority
from liaison.organisations.models import Footprint, Membership, Role
from liaison.reporting.actions import return_submit
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.returns import month_label, previous_month
from liaison.reporting.store import LONDON
from tests import factories
from tests.pathway.pages import html, signed_in

URL = reverse("reporting:dashboard")


@pytest.fixture(autouse=True)
def analytics(settings, tmp_path, monkeypatch):
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    monkeypatch.setenv("LIAISON_PSEUDONYM_KEY", "a test key")
    return settings.ANALYTICS_DIR


def month_start(months_ago: int):
    start = clock.now().astimezone(LONDON).replace(day=1, hour=12, minute=0, second=0, microsecond=0)
    for _ in range(months_ago):
        start = (start - timedelta(days=1)).replace(day=1)
    return start.replace(day=10)


@pytest.fixture
def store(network):
    """Scheme A: 4 episodes two months ago and 5 last month (9 in all); scheme B: 3 last month."""
    for months_ago, count, by, site in ((2, 4, "a", "custody_a"), (1, 5, "a", "custody_a"), (1, 3, "b", "custody_b")):
        noon = month_start(months_ago)
        for h in range(count):
            factories.episode(
                by=getattr(network, f"practitioner_{by}"),
                site=getattr(network, site),
                occurred_at=noon + timedelta(hours=h),
            )
    refresh_in_turn()
    return network


def figures_in_charts(page: str) -> list[str]:
    """Every cell of every chart's table, and every figure drawn in a chart (not its scale)."""
    charts = re.findall(r'<div class="liaison-chart-figure.*?</table>', page, flags=re.S)
    cells = [c for chart in charts for c in re.findall(r'nhsuk-table__cell--numeric">([^<]*)<', chart)]
    drawn = [t for chart in charts for t in re.findall(r"<text (?![^>]*axis)[^>]*>([^<]*)</text>", chart)]
    return cells + drawn


def counts(figures: list[str]) -> list[int]:
    return [int(f.replace(",", "")) for f in figures if re.fullmatch(r"[\d,]+", f)]


def test_the_commissioner_sees_england_as_it_is(client, store):
    page = html(signed_in(client, store.commissioner).get(URL))
    assert "<h1>Dashboard: England</h1>" in page
    assert "Not for publication" not in page
    # England is published as it is: 9 + 3 identified over the period.
    assert re.search(r'scope="row">Identified</th>\s*<td[^>]*>12</td>', page)


@pytest.mark.parametrize("area", ["scheme:A", "region"])
def test_no_figure_below_england_on_the_commissioners_page_is_1_to_7(client, store, area):
    if area == "region":
        area = f"region:{store.scheme_a.region.code}"
    page = html(signed_in(client, store.commissioner).get(URL, {"area": area}))
    shown = counts(figures_in_charts(page))
    assert shown, "the page shows no counts at all"
    assert all(n == 0 or (n >= 8 and n % 5 == 0) for n in shown), [n for n in shown if (n and n < 8) or n % 5]
    assert "*" in figures_in_charts(page)  # the months of 4 and 5 episodes are suppressed


def test_a_period_total_is_the_sum_of_true_counts_published_once(client, store):
    page = html(signed_in(client, store.commissioner).get(URL, {"area": "scheme:A"}))
    # Each month alone (4 and 5) is suppressed; the period's 9 is published as 10, never 0 + 0.
    assert re.search(r'scope="row">Identified</th>\s*<td[^>]*>10</td>', page)


def test_the_analyst_sees_published_figures_too(client, store):
    page = html(signed_in(client, store.analyst).get(URL, {"area": "scheme:A"}))
    assert "<h1>Dashboard: Scheme A</h1>" in page
    assert "Not for publication" not in page
    assert re.search(r'scope="row">Identified</th>\s*<td[^>]*>10</td>', page)
    # Benchmarked against England: rates over the period, the median of the last month.
    assert "Scheme A beside England" in page and "Median minutes to first screening, " in page


def test_a_team_lead_starts_on_their_own_scheme_unrounded_and_labelled(client, store):
    page = html(signed_in(client, store.team_lead_a).get(URL))
    assert "<h1>Dashboard: Scheme A</h1>" in page
    assert "Not for publication" in page
    assert re.search(r'scope="row">Identified</th>\s*<td[^>]*>9</td>', page)


def test_a_team_lead_sees_england_published(client, store):
    page = html(signed_in(client, store.team_lead_a).get(URL, {"area": "england"}))
    assert "Not for publication" not in page


def test_nobody_sees_an_area_outside_their_scope(client, store):
    response = signed_in(client, store.commissioner).get(URL, {"area": "scheme:B"})
    assert response.status_code == 200
    page = html(response)
    assert "Choose an area from the list" in page
    assert "Scheme B" not in page


def test_a_wrong_period_is_a_clear_error_not_a_500(client, store):
    month = month_start(1).strftime("%Y-%m")
    earlier = month_start(2).strftime("%Y-%m")
    page = html(signed_in(client, store.commissioner).get(URL, {"start": month, "end": earlier}))
    assert "There is a problem" in page and "The last month must be the same as or after the first month" in page
    page = html(signed_in(client, store.commissioner).get(URL, {"start": "2019-13"}))
    assert "Choose the first month from the list" in page


def test_a_practitioner_gets_403_and_no_link(client, network):
    client = signed_in(client, network.practitioner_a)
    assert client.get(URL).status_code == 403
    assert 'href="/reporting/"' not in html(client.get(reverse("pathway:worklist")))


def test_commissioners_and_analysts_land_on_the_dashboard(client, network):
    for user in (network.commissioner, network.analyst):
        response = signed_in(client, user).get("/")
        assert response.status_code == 302 and response["Location"] == URL


def test_their_menu_has_the_dashboard_and_nothing_that_refuses_them(client, store):
    page = html(signed_in(client, store.commissioner).get(URL))
    menu = page.split('aria-label="Menu"')[1].split("</nav>")[0]
    links = re.findall(r'href="([^"]+)"', menu)
    assert URL in links
    for link in links:
        assert client.get(link).status_code == 200, link


def test_a_team_lead_keeps_the_worklist_and_gets_the_dashboard_link(client, network):
    response = signed_in(client, network.team_lead_a).get("/")
    assert response.status_code == 200
    assert f'href="{URL}"' in html(response)


def test_the_queries_do_not_grow_with_the_schemes_in_view(client, store):
    client = signed_in(client, store.commissioner)
    client.get(URL)  # the figures are computed once per store version, outside the count
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for _ in range(3):
        Membership.objects.create(user=store.commissioner, role=Role.COMMISSIONER, scheme=factories.scheme())
    with CaptureQueriesContext(connection) as four:
        assert client.get(URL).status_code == 200
    assert len(four) == len(one), [q["sql"] for q in four]


def test_the_return_status_shows_each_month_of_the_scheme(client, store):
    two_months_ago = month_start(2).strftime("%Y-%m")
    return_submit(scheme=store.scheme_a, month=two_months_ago, by=store.team_lead_a, expected_version=0)
    page = html(signed_in(client, store.commissioner).get(URL, {"area": "scheme:A"}))
    assert "Monthly returns of Scheme A" in page
    # Past its due date (the 15th of the next month) when it came in; three months ago never did.
    assert re.search(rf"{month_label(two_months_ago)}</th><td[^>]*><strong[^>]*>Submitted late<", page)
    three = month_label(previous_month(two_months_ago))
    assert re.search(rf"{three}</th><td[^>]*><strong[^>]*>Overdue<", page)


def test_with_the_store_not_built_yet_the_page_says_so(client, network):
    page = html(signed_in(client, network.commissioner).get(URL))
    assert "The figures are not built yet" in page
    assert re.search(r'scope="row">Identified</th>\s*<td[^>]*>0</td>', page)


def test_a_team_lead_looking_at_england_sees_their_own_schemes_returns(client, store):
    page = html(signed_in(client, store.team_lead_a).get(URL, {"area": "england"}))
    assert "Whether Scheme A's return for each month is in" in page


def test_england_sets_the_ethnic_groups_identified_beside_the_census(client, network):
    noon = month_start(1)
    for n, code in enumerate(["A", "A", "H", "M"]):
        who = factories.person(by=network.practitioner_a, scheme=network.scheme_a, ethnicity=code)
        at = noon + timedelta(hours=n)
        factories.episode(by=network.practitioner_a, site=network.custody_a, who=who, occurred_at=at)
    refresh_in_turn()

    page = html(signed_in(client, network.commissioner).get(URL))

    assert "Ethnic group beside the population, England" in page
    # Of the four whose group is known, two are White: 50.0% beside England's census share.
    assert re.search(r'scope="row">White: identified</th>\s*<td[^>]*>50\.0%</td>', page)
    assert "White: population" in page and "Census 2021" in page


@pytest.fixture
def ages(network):
    """Scheme A covers Hartlepool and the Isles of Scilly and identified four people last month,
    aged about 20, 30, 30 and 70; scheme B covers nowhere and identified one, born in 1990."""
    for code in ("E06000001", "E06000053"):
        la = LocalAuthority.objects.get(code=code)
        Footprint.objects.create(scheme=network.scheme_a, local_authority=la, effective_from=date(2020, 1, 1))
    noon = month_start(1)
    for n, years in enumerate([20, 30, 30, 70]):
        born = date(noon.year - years, 1, 1)
        who = factories.person(by=network.practitioner_a, scheme=network.scheme_a, date_of_birth=born)
        factories.episode(
            by=network.practitioner_a, site=network.custody_a, who=who, occurred_at=noon + timedelta(hours=n)
        )
    factories.episode(by=network.practitioner_b, site=network.custody_b, occurred_at=noon)
    refresh_in_turn()
    return network


def test_the_schemes_own_dashboard_sets_its_age_bands_beside_its_residents_from_10(client, ages):
    page = html(signed_in(client, ages.team_lead_a).get(URL, {"area": "scheme:A"}))

    assert "Age band beside the population, Scheme A" in page
    # Two of the four were 25 to 34: 50.0%, beside 11,954 of the 86,736 residents aged 10 and over.
    assert re.search(r'scope="row">25-34: identified</th>\s*<td[^>]*>50\.0%</td>', page)
    assert re.search(r'scope="row">25-34: population</th>\s*<td[^>]*>13\.8%</td>', page)
    assert "The population share is of residents aged 10 and over." in page


def test_the_commissioner_sees_englands_age_bands_beside_englands_residents(client, ages):
    page = html(signed_in(client, ages.commissioner).get(URL))

    assert "Age band beside the population, England" in page
    # One of England's five was 65 or over.
    assert re.search(r'scope="row">65 and over: identified</th>\s*<td[^>]*>20\.0%</td>', page)
    assert "residents aged 10 and over (ONS mid-year estimates" in page


def test_the_age_bands_of_a_scheme_too_small_to_publish_are_not_set_beside_the_population(client, ages):
    page = html(signed_in(client, ages.commissioner).get(URL, {"area": "scheme:A"}))

    assert "Age band beside the population" not in page
    assert "Age bands are not set beside the population: some bands had too few episodes to publish." in page


def test_a_scheme_whose_population_by_age_is_not_known_says_so_instead_of_a_chart(client, ages):
    page = html(signed_in(client, ages.team_lead_b).get(URL, {"area": "scheme:B"}))

    assert "Age band beside the population" not in page
    assert "Age bands are not set beside the population: the area&#x27;s population by age is not known" in page
