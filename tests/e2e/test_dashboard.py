"""The commissioner signs in to the dashboard, and it passes axe on a desktop and on a phone."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.core import clock
from liaison.geography.reference import load_reference
from liaison.reporting.freshness import refresh_in_turn
from tests import factories
from tests.e2e.axe import assert_accessible
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network

pytestmark = pytest.mark.browser


@pytest.fixture
def store(settings, tmp_path, monkeypatch, network: Network) -> Network:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    monkeypatch.setenv("LIAISON_PSEUDONYM_KEY", "a test key")
    # The charts beside the population read the ONS reference data, which an earlier browser
    # test's flush of the database may have emptied (it is loaded only where missing).
    load_reference()
    last_month = clock.now().replace(day=1) - timedelta(days=12)
    for h in range(12):  # some months suppressed, some not, in both schemes' regions
        factories.episode(
            by=network.practitioner_a, site=network.custody_a, occurred_at=last_month - timedelta(days=h * 9)
        )
    refresh_in_turn()
    return network


def test_the_commissioner_lands_on_an_accessible_dashboard(page: Page, store: Network, expect: Expect) -> None:
    sign_in_as(page, store.commissioner)
    expect(page).to_have_url(reverse("reporting:dashboard"))
    expect(page.get_by_role("heading", name="Dashboard: England", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="The pathway, England")).to_be_visible()
    expect(page.get_by_role("img", name="Age band beside the population, England")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Area").select_option(label="Scheme: Scheme A")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Dashboard: Scheme A", level=1)).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    expect(page.get_by_role("img", name="The pathway, Scheme A")).to_be_visible()


def test_the_pickers_work_without_javascript(nojs_page: Page, store: Network, expect: Expect) -> None:
    sign_in_as(nojs_page, store.commissioner)
    nojs_page.get_by_label("Area").select_option(label=f"Region: {store.scheme_a.region.name}")
    nojs_page.get_by_role("button", name="Show").click()
    expect(nojs_page.get_by_role("heading", name=f"Dashboard: {store.scheme_a.region.name}", level=1)).to_be_visible()
    expect(nojs_page.get_by_role("img", name=f"{store.scheme_a.region.name} beside England")).to_be_visible()


def test_outcomes_by_cohort_beside_the_dashboard_is_accessible(page: Page, store: Network, expect: Expect) -> None:
    sign_in_as(page, store.commissioner)
    page.get_by_role("link", name="Outcomes by cohort").first.click()
    expect(page.get_by_role("heading", name="Outcomes by cohort: England", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Re-contact with L&D within 3 months", exact=False)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Show cohorts by").select_option(label="Age group")
    page.get_by_label("Area").select_option(label="Scheme: Scheme A")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Outcomes by cohort: Scheme A", level=1)).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)


def test_the_schemes_lead_sees_its_cohorts_not_for_publication(page: Page, store: Network, expect: Expect) -> None:
    sign_in_as(page, store.team_lead_a)
    page.goto(reverse("reporting:cohorts"))
    expect(page.get_by_text("Not for publication").first).to_be_visible()
    assert_accessible(page)
