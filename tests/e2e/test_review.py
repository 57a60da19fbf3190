"""A team lead reviews a likely duplicate in the browser: the queue, the pair side by side, the
confirmation, the merge history and undoing it; axe on every page, on a desktop and at 320 px."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


@pytest.fixture
def lead_page(page: Page, network: Network) -> Page:
    """Signed in as scheme A's team lead (before axe starts watching)."""
    sign_in_as(page, network.team_lead_a)
    return page


def test_a_team_lead_merges_a_likely_duplicate_and_undoes_it(
    lead_page: Page, network: Network, axe: AxeAudit, expect: Expect
):
    page = lead_page
    for family in ("Ashworth", "Ashwort"):
        factories.person(
            by=network.practitioner_a, scheme=network.scheme_a, given_name="Jordan", family_name=family,
            date_of_birth=date(1990, 5, 17), sex="1", postcode="LS6 2AB",
        )  # fmt: skip
    call_command("linkage", "review")
    page.goto(reverse("linkage:queue"))
    expect(page.get_by_role("heading", name="Likely duplicates", level=1)).to_be_visible()
    axe.check()
    page.get_by_role("link", name="Jordan Ashworth and Jordan Ashwort").or_(
        page.get_by_role("link", name="Jordan Ashwort and Jordan Ashworth")
    ).click()
    expect(page.get_by_role("heading", name="Are these the same person?", level=1)).to_be_visible()
    axe.check()
    page.get_by_role("button", name="Continue to merge").click()
    expect(page.get_by_text("There is a problem").first).to_be_visible()
    axe.check()
    page.get_by_label("Jordan Ashworth,").check()
    page.get_by_label("Reason").first.fill("Same custody record")
    page.get_by_role("button", name="Continue to merge").click()
    expect(page.get_by_role("heading", name="Confirm the merge", level=1)).to_be_visible()
    axe.check()
    page.get_by_role("button", name="Merge the records").click()
    expect(page.get_by_role("heading", name="Jordan Ashworth", level=1)).to_be_visible()
    axe.check()
    page.goto(reverse("linkage:merges"))
    axe.check()
    page.set_viewport_size({"width": 320, "height": 720})
    axe.check()
    page.get_by_role("link", name="Undo merge").click()
    axe.check()
    page.get_by_label("Reason").fill("Twins")
    page.get_by_role("button", name="Undo the merge").click()
    expect(page.get_by_text("Merge undone")).to_be_visible()
    axe.check()
