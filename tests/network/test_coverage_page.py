"""The coverage page: the date picked (or today), England's share in words, the tile map of the
39 force areas with the figures beside it, the regions, the rollout and the published claims."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from liaison.core import clock
from liaison.geography.models import LocalAuthority
from liaison.organisations.models import Footprint
from tests import factories

URL = reverse("network:coverage")


@pytest.fixture
def merseyside(network):
    for la in LocalAuthority.objects.filter(force_area__name="Merseyside"):
        Footprint.objects.create(scheme=network.scheme_a, local_authority=la, effective_from=date(2014, 4, 1))
    return network


def on(day: date) -> dict[str, str]:
    return {"on_0": str(day.day), "on_1": str(day.month), "on_2": str(day.year)}


def test_it_says_how_much_of_england_is_covered_on_the_date(client, merseyside):
    client.force_login(merseyside.commissioner)
    page = client.get(URL, on(date(2015, 3, 31))).content.decode()
    assert "On 31 March 2015, 1,456,562 of England's 57,690,323 people (2.5%) lived where" in page
    assert "ONS mid-2023 population estimates; none are loaded for 2015 or before" in page


def test_the_map_has_a_tile_for_each_force_area_and_the_table_every_figure(client, merseyside):
    client.force_login(merseyside.commissioner)
    page = client.get(URL, on(date(2015, 3, 31))).content.decode()
    svg = re.search(r'<svg [^>]*class="liaison-coverage-map".*?</svg>', page, re.S).group(0)
    assert 'role="img"' in svg and "aria-labelledby" in svg
    assert svg.count("<g><title>") == 39
    assert "<title>Merseyside: 100.0% covered</title>" in svg
    assert "1 all covered, 0 half or more, 0 under half, 38 not covered" in svg
    assert '<th class="nhsuk-table__header" scope="row">Merseyside</th>' in page
    assert "100.0%" in page and "North West" in page


def test_it_shows_the_rollout_and_each_published_claim_beside_the_figure_worked_out(client, merseyside):
    client.force_login(merseyside.commissioner)
    page = client.get(URL).content.decode()
    assert "1 April 2014" in page  # the one step of this footprint
    assert "Public Sector Executive, reporting NHS England (2015)" in page
    assert "NHS England, Liaison and Diversion: frequently asked questions" in page


def test_without_a_date_it_is_today(client, merseyside):
    client.force_login(merseyside.commissioner)
    assert client.get(URL).context["coverage"].on == clock.today()


def test_an_impossible_date_is_an_error_on_the_form_not_a_failure(client, merseyside):
    client.force_login(merseyside.commissioner)
    response = client.get(URL, {"on_0": "31", "on_1": "2", "on_2": "2015"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Date must be a real date" in page
    assert "liaison-coverage-map" not in page


def test_every_signed_in_role_may_see_it_and_no_one_else(client, merseyside):
    worker = factories.staff(role="support_worker", site=merseyside.custody_a)
    for user in (merseyside.practitioner_a, merseyside.analyst, worker):
        client.force_login(user)
        assert client.get(URL).status_code == 200
    client.logout()
    assert client.get(URL).status_code == 302
