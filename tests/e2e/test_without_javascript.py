"""Every page works without JavaScript: the same journeys in a context with it turned off."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from tests.e2e.steps import sign_in, sign_in_as, sign_out

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network

pytestmark = pytest.mark.browser


def test_javascript_really_is_off(nojs_page: Page, expect: Expect) -> None:
    # Guards the tests below: base.html marks <body> only when scripts run.
    nojs_page.goto(reverse("accounts:sign-in"))
    expect(nojs_page.locator("body")).not_to_have_class("js-enabled")


def test_signing_in_works_without_javascript(nojs_page: Page, network: Network, expect: Expect) -> None:
    sign_in_as(nojs_page, network.practitioner_a)
    expect(nojs_page).to_have_url(reverse("pathway:worklist"))


def test_a_wrong_password_shows_the_error_summary_without_javascript(
    nojs_page: Page, network: Network, expect: Expect
) -> None:
    sign_in(nojs_page, network.practitioner_a.username, "not the password")
    expect(nojs_page.locator(".nhsuk-error-summary")).to_contain_text("Enter a correct username and password")


def test_signing_out_works_without_javascript(nojs_page: Page, network: Network, expect: Expect) -> None:
    sign_in_as(nojs_page, network.practitioner_a)
    sign_out(nojs_page)
    nojs_page.goto(reverse("pathway:worklist"))
    expect(nojs_page.get_by_role("button", name="Sign out")).to_have_count(0)
