"""A scheme manager records a board meeting and a decision with its action in the browser, and
a commissioner reads the programme's pages: axe on every page, on a desktop and at 320 px."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.governance.actions import arrangement_record, board_establish, member_add
from liaison.governance.guidance import load as load_guidance
from liaison.organisations.models import Role
from liaison.standards.framework import load as load_framework
from tests import factories
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


@pytest.fixture
def board_of_a(network: Network):
    manager = factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a)
    board = board_establish(
        scheme=network.scheme_a, name="Scheme A partnership board", established_on=date(2015, 4, 1), by=manager
    )
    for name, agency, organisation in (
        ("Priya Shah", "health", "Northshire NHS Trust"),
        ("Dan Cole", "police", "Northshire Police"),
    ):
        member_add(
            board=board,
            name=name,
            role_title="Lead",
            agency=agency,
            organisation=organisation,
            joined_on=date(2015, 4, 1),
            by=manager,
        )
    arrangement_record(
        scheme=network.scheme_a,
        commissioner="NHS England",
        lead_provider="Northshire NHS Trust",
        model="standalone",
        contract_start=date(2020, 4, 1),
        contract_end=None,
        by=network.commissioner,
    )
    return manager


@pytest.fixture
def manager_page(page: Page, board_of_a) -> Page:
    sign_in_as(page, board_of_a)
    return page


@pytest.fixture
def commissioner_page(page: Page, network: Network, board_of_a) -> Page:
    load_framework()
    load_guidance()
    sign_in_as(page, network.commissioner)
    return page


def test_a_scheme_manager_records_a_meeting_and_a_decision(manager_page: Page, axe: AxeAudit, expect: Expect):
    page = manager_page
    page.goto(reverse("governance:home"))
    axe.check()
    page.goto(reverse("governance:scheme", args=["A"]))
    expect(page.get_by_role("heading", name="Governance", level=1)).to_be_visible()
    axe.check()
    page.get_by_role("link", name="Record a meeting").click()
    axe.check()
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe.check()
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Priya Shah, Lead (Northshire NHS Trust)").check()
    page.get_by_label("Summary of the minutes").fill("Reviewed the figures.")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("Reviewed the figures.")).to_be_visible()
    axe.check()
    page.get_by_role("link", name="Record a decision and action").click()
    axe.check()
    page.get_by_label("Which meeting decided it?").select_option(label="3 February 2025")
    page.get_by_label("What was decided?").fill("Extend cover to weekends")
    page.get_by_label("What action follows? (optional)").fill("Agree the weekend rota")
    page.get_by_label("Who owns the action? (optional)").select_option(label="Dan Cole, Lead (Northshire Police)")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Extend cover to weekends")).to_be_visible()
    axe.check()
    page.set_viewport_size({"width": 320, "height": 720})
    axe.check()
    page.get_by_role("link", name="Complete or withdraw").first.click()
    axe.check()


def test_a_commissioner_reads_the_programme_pages(commissioner_page: Page, axe: AxeAudit, expect: Expect):
    page = commissioner_page
    for name in ("governance:home", "governance:comparison", "governance:guidance"):
        page.goto(reverse(name))
        axe.check()
    page.goto(reverse("governance:guidance-document", args=["partnership-boards"]))
    expect(page.get_by_role("heading", name="Running a local partnership board", level=1)).to_be_visible()
    axe.check()
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto(reverse("governance:comparison"))
    axe.check()
