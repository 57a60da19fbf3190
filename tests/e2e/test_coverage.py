"""A commissioner reads England's coverage on a date, map and tables, and it passes axe on a
desktop and on a phone, with the picker working without JavaScript."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.geography.models import LocalAuthority
from liaison.organisations.models import Footprint
from tests.e2e.axe import assert_accessible
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network

pytestmark = pytest.mark.browser


@pytest.fixture
def covered(network: Network) -> Network:
    for la in LocalAuthority.objects.filter(force_area__name__in=["Merseyside", "Sussex"]):
        Footprint.objects.create(scheme=network.scheme_a, local_authority=la, effective_from=date(2014, 4, 1))
    return network


MAP_ON_31_MARCH_2015 = "Coverage of England's police force areas on 31 March 2015"


def pick(page: Page, day: str, month: str, year: str) -> None:
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)
    page.get_by_role("button", name="Show").click()


def test_the_coverage_page_is_accessible_with_its_map(page: Page, covered: Network, expect: Expect) -> None:
    sign_in_as(page, covered.commissioner)
    page.get_by_role("link", name="Coverage of England").first.click()
    expect(page.get_by_role("heading", name="Coverage of England by liaison and diversion", level=1)).to_be_visible()
    pick(page, "31", "3", "2015")
    expect(page.get_by_role("img", name=MAP_ON_31_MARCH_2015)).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    pick(page, "31", "2", "2015")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)


def test_the_date_picker_works_without_javascript(nojs_page: Page, covered: Network, expect: Expect) -> None:
    sign_in_as(nojs_page, covered.commissioner)
    nojs_page.goto(reverse("network:coverage"))
    pick(nojs_page, "31", "3", "2015")
    expect(nojs_page.get_by_role("img", name=MAP_ON_31_MARCH_2015)).to_be_visible()
