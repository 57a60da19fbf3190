"""Outcomes by cohort, on the page and the API: published to commissioners, unrounded to the scheme's
own staff, and a window not yet closed shown as not yet known."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from liaison.pathway.actions import episode_close
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.returns import month_of
from tests import factories
from tests.pathway.pages import html, signed_in
from tests.reporting.test_dashboard import analytics, month_start  # noqa: F401 (analytics: an autouse fixture)

URL = reverse("reporting:cohorts")


@pytest.fixture
def cohort(network):
    """Nine people first met in scheme A five months ago; three of them closed as sentenced to
    custody and met again a month later; one more person met now (the latest event)."""
    by, site = network.practitioner_a, network.custody_a
    first = month_start(5)
    episodes = [factories.episode(by=by, site=site, occurred_at=first + timedelta(hours=h)) for h in range(9)]
    for e in episodes[:3]:
        episode_close(
            by=by,
            episode=e,
            justice_outcome="sentenced",
            sentence_type="custodial",
            ld_outcome="diverted_within",
            occurred_at=first + timedelta(days=2),
        )
        factories.episode(by=by, site=site, who=e.person, occurred_at=first + timedelta(days=30))
    factories.episode(by=by, site=site)
    refresh_in_turn()
    return month_of(first)


def row_of(page: str, label: str) -> list[str]:
    """The cells of a row of the cohort table (not the chart's table)."""
    table = page[page.index('aria-label="Outcomes by cohort"') :]
    found = re.search(rf'scope="row">{label}</th>(.*?)</tr>', table, flags=re.S)
    assert found, f"no row {label}"
    return re.findall(r'numeric">([^<]*)<', found.group(1))


def params(month, area="scheme:A"):
    return {"area": area, "start": month, "end": month}


def label(month):
    from liaison.reporting.returns import month_label

    return month_label(month)


def test_the_commissioner_sees_the_schemes_cohort_published_and_unknown_windows_as_not_yet_known(
    client, network, cohort
):
    page = html(signed_in(client, network.commissioner).get(URL, params(cohort)))

    assert "<h1>Outcomes by cohort: " in page and "Not for publication" not in page
    people, within_3, within_6, within_12, *_ = row_of(page, label(cohort))
    # 9 people publish as 10; 3 re-contacted is suppressed; 6 and 12 months have not passed.
    assert (people, within_3) == ("10", "*")
    assert within_6 == within_12 == "not yet known"
    assert "re-contact with liaison and diversion, which is not reoffending" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="liaison-chart" role="img"' in page


def test_england_is_shown_as_it_is(client, network, cohort):
    page = html(signed_in(client, network.commissioner).get(URL, params(cohort, "england")))

    people, within_3, *_ = row_of(page, label(cohort))
    assert (people, within_3) == ("9", "3 (33.3%)")


def test_the_schemes_team_lead_sees_it_unrounded_and_labelled_not_for_publication(client, network, cohort):
    page = html(signed_in(client, network.team_lead_a).get(URL, params(cohort)))

    assert "Not for publication" in page
    people, within_3, *rest = row_of(page, label(cohort))
    assert (people, within_3) == ("9", "3 (33.3%)")
    sentenced, custodial = rest[5], rest[6]
    assert (sentenced, custodial) == ("3", "3 (100.0%)")


def test_by_age_group_each_band_is_a_row(client, network, cohort):
    page = html(signed_in(client, network.team_lead_a).get(URL, params(cohort) | {"breakdown": "age_band"}))

    # Born in 1990: 35 to 44 at the episode.
    assert row_of(page, "35-44")[0] == "9"


def test_a_bad_period_is_a_form_error_not_a_500(client, network, cohort):
    response = signed_in(client, network.commissioner).get(URL, {"start": "2099-01", "end": "nonsense"})

    assert response.status_code == 200 and "Error: " in html(response)


def test_someone_without_a_reporting_role_is_refused(client, network):
    assert signed_in(client, network.practitioner_a).get(URL).status_code == 403
