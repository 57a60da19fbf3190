"""On a phone: every main page of each role fits 390 px and 320 px without sideways scrolling
(WCAG 2.2 reflow), in Arial rather than the browser's serif, with the NHS.UK header menu
collapsed behind "More", no error in the console, and no axe violation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from tests.e2e.steps import sign_in_as
from tests.referrals import builders
from tests.sharing.conftest import consent_to, screened, share

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page, ViewportSize

    from liaison.accounts.models import User
    from liaison.pathway.models import Episode
    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser

PHONES: list[ViewportSize] = [{"width": 390, "height": 844}, {"width": 320, "height": 640}]


@pytest.fixture
def full_episode(network: Network) -> Episode:
    """An episode with something in every table of its page: findings, a referral, a share."""
    case = screened(network)
    builders.referral(
        episode=case.episode,
        by=network.practitioner_a,
        to=builders.service(scheme=network.scheme_a, name="Mersey community mental health team"),
    )
    consent_to(network, case.episode)
    share(network, case.episode, finding_ids=[case.mental_health.pk])
    return case.episode


def menu_links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".nhsuk-header__navigation-list a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [h for h in hrefs if not h.startswith("/admin/")]


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))


def body_font(page: Page) -> str:
    return str(page.evaluate("() => getComputedStyle(document.body).fontFamily"))


def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def check_pages(page: Page, axe: AxeAudit, user: User, extra: list[str]) -> None:
    errors = console_errors(page)
    page.set_viewport_size(PHONES[-1])
    page.goto(reverse("accounts:sign-in"))
    assert fits_the_width(page)
    axe.check()
    sign_in_as(page, user, axe=axe)
    axe.check()
    pages = ["/", *menu_links(page), *extra]
    for size in PHONES:
        page.set_viewport_size(size)
        for href in pages:
            page.goto(href)
            where = f"{href} at {size['width']} px for {user.username}"
            assert fits_the_width(page), f"{where} scrolls sideways"
            assert body_font(page) == "arial, sans-serif", where
            axe.check()
    assert not errors, f"console errors: {errors}"


@pytest.mark.parametrize("role", ["practitioner_a", "team_lead_a", "support_worker_a"])
def test_the_record_keepers_pages_fit_a_phone(
    role: str, page: Page, axe: AxeAudit, network: Network, full_episode: Episode
) -> None:
    extra = [reverse("pathway:episode", args=[full_episode.pk])]
    if role != "support_worker_a":
        extra.append(reverse("people:person", args=[full_episode.person.pk]))
    check_pages(page, axe, getattr(network, role), extra)


@pytest.mark.parametrize("role", ["commissioner", "analyst", "admin"])
def test_the_other_roles_pages_fit_a_phone(role: str, page: Page, axe: AxeAudit, network: Network) -> None:
    check_pages(page, axe, getattr(network, role), [])


def test_the_header_menu_collapses_behind_more_on_a_phone(
    practitioner_page: Page, network: Network, expect: Expect
) -> None:
    page = practitioner_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    menu = page.get_by_role("navigation", name="Menu")
    more = menu.get_by_role("button", name="Browse More")
    expect(more).to_be_visible()
    expect(more).to_have_attribute("aria-expanded", "false")
    hidden = menu.locator(".nhsuk-header__menu-list")
    expect(hidden).to_be_hidden()
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(hidden.get_by_role("link", name="Find or identify a person")).to_be_visible()
