"""The monthly return in the browser: the team lead reviews last month's draft and submits it,
the commissioner sees it as submitted; axe on every page, the return at phone width too."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from liaison.core import clock
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.models import MonthlyReturn
from liaison.reporting.returns import month_label
from liaison.reporting.store import LONDON
from tests import factories
from tests.e2e.steps import sign_in_as, sign_out

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def test_the_team_lead_submits_last_month_and_the_commissioner_sees_it_submitted(
    page: Page, axe: AxeAudit, expect: Expect, network: Network
) -> None:
    first = clock.now().astimezone(LONDON).replace(day=1, hour=12, minute=0, second=0, microsecond=0)
    noon = (first - timedelta(days=10)).replace(day=10)
    for h in range(9):
        factories.episode(by=network.practitioner_a, site=network.custody_a, occurred_at=noon + timedelta(hours=h))
    refresh_in_turn()
    month = noon.strftime("%Y-%m")

    page.goto("/accounts/sign-in/")
    axe.check()
    sign_in_as(page, network.team_lead_a, axe=axe)
    axe.check()
    page.goto("/reporting/returns/")
    axe.check()
    page.get_by_role("link", name=f"Scheme A, {month}").click()
    page.get_by_role("heading", name=f"Return for {month_label(month)}").wait_for()
    expect(page.get_by_role("heading", name="Not for publication")).to_be_visible()
    axe.check()
    page.get_by_role("button", name="Submit this return").click()
    expect(page.get_by_role("heading", name="Version 1, as submitted")).to_be_visible()
    axe.check()
    assert MonthlyReturn.objects.filter(scheme=network.scheme_a, month=month, version=1).exists()

    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    axe.check()
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_out(page)
    axe.check()

    sign_in_as(page, network.commissioner, axe=axe)
    axe.check()
    page.goto(f"/reporting/returns/A/{month}/")
    expect(page.get_by_role("heading", name="Version 1, as submitted")).to_be_visible()
    expect(page.get_by_role("button", name="Submit this return")).to_have_count(0)
    axe.check()
