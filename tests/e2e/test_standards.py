"""A scheme manager records a quality self-assessment in the browser: starts one for a
quarter, rates a criterion with an action, and is told what is missing at submission; axe on
every page, on a desktop and at 320 px."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.organisations.models import Role
from liaison.standards.framework import load
from tests import factories
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


@pytest.fixture
def manager_page(page: Page, network: Network) -> Page:
    """Signed in as scheme A's manager, with the shipped framework loaded."""
    load()
    sign_in_as(page, factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a))
    return page


def test_a_scheme_manager_records_a_self_assessment(manager_page: Page, axe: AxeAudit, expect: Expect):
    page = manager_page
    # The menu's last links sit behind "More" on narrow screens: go straight to the page.
    page.goto(reverse("standards:home"))
    expect(page.get_by_role("heading", name="Quality standards", level=1)).to_be_visible()
    axe.check()
    page.get_by_label("Period").fill("2025-Q1")
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(page.get_by_role("heading", name="Self-assessment for quarter 1 of 2025", level=1)).to_be_visible()
    axe.check()
    page.get_by_role("link", name="Change the rating of COV.1.1").click()
    axe.check()
    page.get_by_label("Partly met").check()
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe.check()
    page.get_by_label("Action (optional)", exact=True).fill("Cover the youth court on Saturdays")
    page.get_by_label("Who owns the action (optional)").fill("Service manager")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_text("Cover the youth court on Saturdays")).to_be_visible()
    axe.check()
    page.set_viewport_size({"width": 320, "height": 720})
    axe.check()
    page.get_by_role("link", name="Submit the self-assessment").click()
    axe.check()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Rate every self-assessed criterion before submitting")).to_be_visible()
    axe.check()
