"""Signing in and out in a real browser, with axe on the pages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from tests.e2e.axe import assert_accessible
from tests.e2e.steps import sign_in, sign_in_as, sign_out

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network

pytestmark = pytest.mark.browser


def test_the_sign_in_page_passes_axe(page: Page, expect: Expect) -> None:
    page.goto(reverse("accounts:sign-in"))
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    assert_accessible(page)


def test_the_nhs_stylesheet_is_served_and_applied(page: Page, expect: Expect) -> None:
    page.goto(reverse("accounts:sign-in"))
    # The NHS blue header comes from the compiled NHS.UK frontend CSS, not the browser.
    expect(page.locator("header.nhsuk-header")).to_have_css("background-color", "rgb(0, 94, 184)")
    expect(page.get_by_role("button", name="Sign in")).to_have_css("background-color", "rgb(0, 127, 59)")


def test_a_wrong_password_shows_the_error_summary(page: Page, network: Network, expect: Expect) -> None:
    sign_in(page, network.practitioner_a.username, "not the password")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(page).to_have_title(re.compile(r"^Error: Sign in "))
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_the_error_summary_passes_axe(page: Page, network: Network, expect: Expect) -> None:
    sign_in(page, network.practitioner_a.username, "not the password")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_the_error_summary_takes_focus(page: Page, network: Network, expect: Expect) -> None:
    # NHS.UK frontend's JavaScript moves focus to the summary, so a screen reader announces it:
    # this also shows the module scripts are served and run.
    sign_in(page, network.practitioner_a.username, "not the password")
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()


def test_an_empty_form_links_each_error_to_its_field(page: Page, expect: Expect) -> None:
    page.goto(reverse("accounts:sign-in"))
    page.get_by_role("button", name="Sign in").click()
    page.locator(".nhsuk-error-summary").get_by_role("link", name="Enter your password").click()
    expect(page.get_by_label("Password")).to_be_focused()
    expect(page.locator(".nhsuk-error-message")).to_have_count(2)
    assert_accessible(page)


def test_signing_in_lands_on_the_worklist(page: Page, network: Network, expect: Expect) -> None:
    sign_in_as(page, network.practitioner_a)
    expect(page).to_have_url(reverse("pathway:worklist"))
    expect(page.get_by_role("heading", name="Open episodes at my sites", level=1)).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Open episodes at my sites")
    ).to_be_visible()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(network.practitioner_a.get_full_name())


def test_a_page_asked_for_while_signed_out_opens_after_signing_in(page: Page, network: Network, expect: Expect) -> None:
    page.goto(reverse("people:find"))
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    sign_in_as(page, network.practitioner_a)
    expect(page).to_have_url(reverse("people:find"))


def test_signing_out_ends_the_session(practitioner_page: Page, expect: Expect) -> None:
    sign_out(practitioner_page)
    expect(practitioner_page).to_have_url(reverse("accounts:sign-in"))
    practitioner_page.goto(reverse("pathway:worklist"))
    expect(practitioner_page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(practitioner_page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_a_first_sign_in_sets_up_the_authenticator_and_shows_the_recovery_codes(
    page: Page, network: Network, expect: Expect
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from liaison.accounts.second_factor import current_code

    sign_in(page, network.team_lead_a.username)
    expect(page.get_by_role("heading", name="Set up your authenticator app", level=1)).to_be_visible()
    expect(page.locator(".app-qr svg")).to_be_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=network.team_lead_a, confirmed=False)
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your recovery codes", level=1)).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have kept my recovery codes: continue").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_security_code_page_passes_axe(page: Page, network: Network, expect: Expect) -> None:
    from tests.e2e.steps import authenticator_code

    authenticator_code(network.practitioner_a)  # gives them an authenticator
    sign_in(page, network.practitioner_a.username)
    expect(page.get_by_role("heading", name="Enter your security code", level=1)).to_be_visible()
    assert_accessible(page)
