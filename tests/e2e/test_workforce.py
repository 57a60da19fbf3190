"""A scheme manager keeps the workforce in the browser: adds a member of staff (told what is
wrong first), records their training and withdraws it (entered in error), changes a planning
assumption; a commissioner reads every scheme's FTE against need. Axe on every page, on a
desktop and at 320 px."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.organisations.models import Role
from liaison.workforce.career import load
from tests import factories
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


@pytest.fixture
def manager_page(page: Page, network: Network) -> Page:
    load()
    sign_in_as(page, factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a))
    return page


def _date(page: Page, group: str, day: str, month: str, year: str) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(day)
    fieldset.get_by_label("Month").fill(month)
    fieldset.get_by_label("Year").fill(year)


def test_a_scheme_manager_adds_staff_and_records_a_training_record(manager_page: Page, axe: AxeAudit, expect: Expect):
    page = manager_page
    page.goto(reverse("workforce:scheme", args=["A"]))
    expect(page.get_by_role("heading", name="Workforce", level=1)).to_be_visible()
    axe.check()
    page.get_by_role("link", name="Add a member of staff").click()
    axe.check()
    page.get_by_label("First name").fill("Tamsin")
    page.get_by_label("Last name").fill("Penhaligon")
    page.get_by_label("Role profile").select_option(label="Level 5: Practitioner")
    page.get_by_label("Profession").select_option(label="Social worker")
    page.get_by_label("Contracted FTE").fill("1.4")
    page.get_by_role("button", name="Add the member of staff").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe.check()
    page.get_by_label("Registered with (optional)").select_option(label="Social Work England")
    page.get_by_label("Registration number (optional)").fill("SW999999")
    page.get_by_label("Contracted FTE").fill("0.8")
    _date(page, "Start date", "1", "9", "2025")
    page.get_by_role("button", name="Add the member of staff").click()
    expect(page.get_by_role("heading", name="Tamsin Penhaligon", level=1)).to_be_visible()
    axe.check()
    page.get_by_role("link", name="Record training").click()
    axe.check()
    page.get_by_label("Competency or course").select_option(label="Basic life support")
    _date(page, "Date completed", "2", "3", "2026")
    page.get_by_label("Evidence seen").fill("Resuscitation Council certificate")
    page.get_by_role("button", name="Record the training").click()
    expect(page.get_by_text("Resuscitation Council certificate")).to_be_visible()
    axe.check()
    page.set_viewport_size({"width": 320, "height": 720})
    axe.check()
    page.get_by_role("link", name="Withdraw Basic life support").click()
    axe.check()
    page.get_by_role("button", name="Withdraw the record").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe.check()
    page.get_by_label("Why is it withdrawn?").fill("Recorded against the wrong person")
    page.get_by_role("button", name="Withdraw the record").click()
    expect(page.get_by_text("Recorded against the wrong person")).to_be_visible()
    axe.check()
    page.goto(reverse("workforce:scheme", args=["A"]))
    axe.check()
    page.get_by_role("link", name="Change the planning assumptions").click()
    axe.check()
    page.get_by_role("button", name="Save the assumptions").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe.check()
    page.get_by_label("Practitioners: assessment (minutes)").fill("75")
    page.get_by_label("Why are they changed?").fill("Our audit of 2025")
    page.get_by_role("button", name="Save the assumptions").click()
    expect(page.get_by_text("Our audit of 2025")).to_be_visible()
    axe.check()


@pytest.fixture
def commissioner_page(page: Page, network: Network) -> Page:
    load()
    sign_in_as(page, network.commissioner)
    return page


def test_a_commissioner_reads_every_schemes_fte_against_need(commissioner_page: Page, axe: AxeAudit, expect: Expect):
    page = commissioner_page
    page.goto(reverse("workforce:programme"))
    expect(page.get_by_role("heading", name="Workforce in post and planned need", level=1)).to_be_visible()
    axe.check()
    page.get_by_role("link", name="Scheme A").click()
    expect(page.get_by_role("heading", name="Planned need and FTE in post")).to_be_visible()
    axe.check()
    page.set_viewport_size({"width": 320, "height": 720})
    axe.check()
