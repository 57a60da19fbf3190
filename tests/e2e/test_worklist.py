"""The worklist's filters, sort and pages in the browser: axe-clean on a desktop and at 390 px,
and the same form works with JavaScript off."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from tests import factories
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from liaison.pathway.models import Episode
    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


@pytest.fixture
def open_episodes(network: Network) -> dict[str, Episode]:
    """Fifty-one waiting at custody (one over target), one at court: two pages at custody."""
    by = network.practitioner_a
    made = {"late": factories.episode(by=by, site=network.custody_a, minutes_ago=400)}
    for n in range(50):
        factories.episode(by=by, site=network.custody_a, minutes_ago=n + 1)
    made["court"] = factories.episode(by=by, site=network.court_a, minutes_ago=5)
    return made


def rows(page: Page) -> int:
    return page.locator("table.nhsuk-table tbody tr").count()


def fits_the_width(page: Page) -> bool:
    """Nothing makes the page itself scroll sideways (a wide table scrolls in its container)."""
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))


def test_filtering_sorting_and_paging_the_worklist(
    open_episodes: dict[str, Episode], practitioner_page: Page, network: Network, axe: AxeAudit, expect: Expect
) -> None:
    # Signed in before axe watches: the sign-in pages are checked in their own tests.
    page = practitioner_page
    expect(page.get_by_role("heading", name="Open episodes at my sites", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="52 open episodes", level=2)).to_be_visible()
    axe.check()

    page.get_by_label("Site").select_option(label=network.custody_a.name)
    page.get_by_label("Sort by").select_option(label="Newest first")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="51 open episodes matching the filters")).to_be_visible()
    assert rows(page) == 50
    axe.check()

    page.get_by_role("navigation", name="Pages of open episodes").get_by_role("link", name="Page 2").click()
    expect(page.get_by_text("Showing 51 to 51 of 51, page 2 of 2.")).to_be_visible()
    expect(page.get_by_label("Site")).to_have_value(str(network.custody_a.pk))
    expect(page.get_by_label("Sort by")).to_have_value("newest")
    expect(page.get_by_role("link", name=open_episodes["late"].person.full_name)).to_be_visible()
    axe.check()

    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_label("Only episodes over the response-time target").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 open episode matching the filters")).to_be_visible()
    assert fits_the_width(page)
    axe.check()

    page.get_by_role("link", name="Clear the filters").first.click()
    expect(page.get_by_role("heading", name="52 open episodes", level=2)).to_be_visible()
    assert fits_the_width(page)
    axe.check()


def test_a_bad_filter_in_the_address_is_explained_on_an_accessible_page(
    open_episodes: dict[str, Episode], practitioner_page: Page, network: Network, axe: AxeAudit, expect: Expect
) -> None:
    # Signed in before axe watches: the sign-in pages are checked in their own tests.
    page = practitioner_page
    page.goto(reverse("pathway:worklist") + f"?site={network.custody_b.pk}&stage=nonsense")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Select one of the sites in the list")
    expect(summary).to_contain_text("Select a stage from the list")
    expect(page.get_by_role("heading", name="52 open episodes", level=2)).to_be_visible()
    axe.check()


def test_the_filters_work_without_javascript(
    nojs_page: Page, network: Network, open_episodes: dict[str, Episode], expect: Expect
) -> None:
    sign_in_as(nojs_page, network.practitioner_a)
    nojs_page.get_by_label("Site").select_option(label=network.court_a.name)
    nojs_page.get_by_role("button", name="Apply filters").click()
    expect(nojs_page.get_by_role("heading", name="1 open episode matching the filters")).to_be_visible()
    expect(nojs_page.get_by_role("link", name=open_episodes["court"].person.full_name)).to_be_visible()
