"""What a member of staff does in the browser, as small steps the tests share.

Relative URLs: each test's browser context has the live server as its base URL.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.urls import reverse

from tests import factories

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from liaison.accounts.models import User
    from tests.e2e.axe import AxeAudit


def sign_in(page: Page, username: str, password: str = factories.PASSWORD) -> None:
    """Fills in and sends the sign-in form, wherever the form lands."""
    if not page.url.split("?")[0].endswith(reverse("accounts:sign-in")):
        page.goto(reverse("accounts:sign-in"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def authenticator_code(user: User) -> str:
    """The code the user's authenticator shows, giving them one (a known key) if they have none.

    A code is accepted once: signing the same user in again within its 30 seconds takes the
    next step's code, which the device accepts (its tolerance is one step either side).
    """
    import time

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from liaison.accounts.second_factor import current_code

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Browser tests' authenticator", confirmed=True)
    now = time.time()
    step = int((now - device.t0) // device.step)
    at = now if device.last_t < step else now + (device.last_t + 1 - step) * device.step
    return current_code(device, at=at)


def enter_security_code(page: Page, user: User, axe: AxeAudit | None = None) -> None:
    page.get_by_role("heading", name="Enter your security code", level=1).wait_for()
    _check(axe)
    page.get_by_label("Security code").fill(authenticator_code(user))
    page.get_by_role("button", name="Continue").click()


def sign_in_as(page: Page, user: User, password: str = factories.PASSWORD, axe: AxeAudit | None = None) -> None:
    """Signs in with the password and the authenticator's code, and waits until the user is in.
    With an audit, the second-factor page on the way is checked with axe too."""
    authenticator_code(user)  # an authenticator before the password, so the code page follows it
    sign_in(page, user.username, password)
    enter_security_code(page, user, axe)
    page.get_by_role("button", name="Sign out").wait_for()


def follow_menu(page: Page, name: str) -> None:
    """Follow a link of the header menu. The NHS.UK header moves the links that do not fit the
    window behind "More" (a team lead's menu is long), so open that first when the link is there."""
    menu = page.get_by_role("navigation", name="Menu")
    link = menu.get_by_role("link", name=name)
    if not link.is_visible():
        more = menu.get_by_role("button", name="Browse More")
        if more.is_visible() and more.get_attribute("aria-expanded") != "true":
            more.click()
    link.click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in", level=1).wait_for()


# The journey steps below fill in pages still being written (people and pathway pages): the
# labels are the ones those pages are expected to use. Each step checks every page it lands on
# with axe when given an audit.


def _check(axe: AxeAudit | None) -> None:
    if axe is not None:
        axe.check()


def identify_new_person(
    page: Page,
    *,
    given_name: str,
    family_name: str,
    born: date,
    site_label: str,
    axe: AxeAudit | None = None,
    searched_for: str = "",
) -> None:
    """From the menu: search for the person, find nobody, identify them as new at a site.

    `site_label` is the site as the form lists it: "Site name (Scheme name)".
    """
    follow_menu(page, "Find or identify a person")
    page.get_by_role("heading", name="Find or identify a person", level=1).wait_for()
    _check(axe)
    page.get_by_label("Name, NHS number or PNC ID").fill(searched_for or f"{given_name} {family_name}")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="No one found").wait_for()
    _check(axe)
    page.get_by_role("link", name="Identify a new person").click()
    page.get_by_role("heading", name="Identify a new person", level=1).wait_for()
    _check(axe)
    fill_new_person(page, given_name=given_name, family_name=family_name, born=born, site_label=site_label)
    page.get_by_role("button", name="Identify and open episode").click()


def fill_new_person(page: Page, *, given_name: str, family_name: str, born: date, site_label: str) -> None:
    """The identify-new form: who, where, referred by the police, mental health concerns."""
    page.get_by_label("First name", exact=True).fill(given_name)
    page.get_by_label("Last name", exact=True).fill(family_name)
    born_group = page.get_by_role("group", name="Date of birth", exact=True)
    born_group.get_by_label("Day").fill(str(born.day))
    born_group.get_by_label("Month").fill(str(born.month))
    born_group.get_by_label("Year").fill(str(born.year))
    page.get_by_label("Site", exact=True).select_option(label=site_label)
    page.get_by_label("Referral source", exact=True).select_option(label="Police (E1)")
    page.get_by_label("Who alerted L&D", exact=True).fill("Custody sergeant")
    page.get_by_role("group", name="Concerns raised").get_by_label("Mental health", exact=True).check()


def record_service_consent(page: Page, *, axe: AxeAudit | None = None) -> None:
    """From the episode page: the person consents to the L&D service (screening waits for it)."""
    page.get_by_role("link", name="Record consent").click()
    page.get_by_role("heading", name="Record consent", level=1).wait_for()
    _check(axe)
    page.get_by_role("group", name="What is the consent for?").get_by_label("The L&D service itself").check()
    page.get_by_role("group", name="What was decided?").get_by_label("Given").check()
    page.get_by_role("group", name="How?").get_by_label("Verbal").check()
    page.get_by_role("group", name="Is the person's capacity to make this decision in doubt?").get_by_label(
        "No"
    ).check()
    page.get_by_role("button", name="Save consent").click()
    page.get_by_text("Consent recorded").first.wait_for()
    _check(axe)


def record_screening(page: Page, *, axe: AxeAudit | None = None) -> None:
    """From the episode page: the person's consent to the service first, then mental health
    suspected, drugs ruled out, seen the same day."""
    record_service_consent(page, axe=axe)
    page.get_by_role("link", name="Record screening").click()
    page.get_by_role("heading", name="Record screening", level=1).wait_for()
    _check(axe)
    page.get_by_role("group", name="Mental health").get_by_label("Suspected").check()
    page.get_by_role("group", name="Drug misuse").get_by_label("Ruled out").check()
    page.get_by_role("group", name="How soon L&D acts").get_by_label("Same day").check()
    page.get_by_role("group", name="Does the person need an assessment?").get_by_label("No").check()
    page.get_by_role("button", name="Save screening").click()


def close_episode(page: Page, *, axe: AxeAudit | None = None) -> None:
    """From the episode page: no further action, no further L&D action."""
    page.get_by_role("link", name="Close episode").click()
    page.get_by_role("heading", name="Close episode", level=1).wait_for()
    _check(axe)
    page.get_by_role("group", name="Justice outcome").get_by_label("No further action", exact=True).check()
    page.get_by_role("group", name="L&D outcome").get_by_label("No further L&D action").check()
    page.get_by_role("button", name="Close episode").click()
