"""A long timeline in the browser: its latest entries first, earlier and later pages by links,
axe-clean on a desktop and at 390 px."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.pathway.actions import episode_note
from liaison.pathway.selectors import TIMELINE_PAGE
from tests import factories

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def test_paging_back_through_a_long_timeline_and_forward_again(
    network: Network, practitioner_page: Page, axe: AxeAudit, expect: Expect
) -> None:
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    for n in range(TIMELINE_PAGE + 3):
        episode_note(by=network.practitioner_a, episode=episode, text=f"Note number {n}")
    page = practitioner_page
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("pathway:episode", args=[episode.pk]))
        expect(page.get_by_text(f"Note number {TIMELINE_PAGE + 2}", exact=True)).to_be_visible()
        expect(page.get_by_text("Note number 0", exact=True)).to_have_count(0)
        axe.check()
        page.get_by_role("navigation", name="Earlier timeline entries").get_by_role("link").click()
        expect(page.get_by_text("Note number 0", exact=True)).to_be_visible()
        axe.check()
        page.get_by_role("navigation", name="Later timeline entries").get_by_role("link").click()
        expect(page.get_by_text(f"Note number {TIMELINE_PAGE + 2}", exact=True)).to_be_visible()
        axe.check()
