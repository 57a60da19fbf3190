"""Referral and support in the browser: refer a screened person to a directory service, move
the referral to accepted; a team lead adds a service; a support worker logs a contact. axe runs
on every page visited."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.referrals.actions import support_assign
from liaison.referrals.models import Referral, Service, SupportContact
from tests import factories
from tests.e2e.steps import follow_menu, sign_in_as
from tests.referrals import builders

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def test_a_practitioner_refers_a_screened_person_and_records_acceptance(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page = practitioner_page
    episode = builders.screened(
        factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=90), network.practitioner_a
    )
    service = builders.service(scheme=network.scheme_a, name="Sefton community mental health team", min_age=18)
    page.goto(reverse("pathway:episode", args=[episode.pk]))
    axe.check()

    page.get_by_role("link", name="Record onward referral").click()
    page.get_by_role("heading", name="Record onward referral", level=1).wait_for()
    axe.check()
    page.get_by_label("Sefton community mental health team").check()
    page.get_by_role("group", name="Referral priority").get_by_label("Urgent").check()
    page.get_by_label("Reason for the referral (optional)").fill("Low mood, stopped medication")
    page.get_by_role("button", name="Make referral").click()

    referral = Referral.objects.get(episode=episode)
    expect(page).to_have_url(reverse("referrals:referral", args=[referral.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(service.name)
    axe.check()

    page.get_by_role("link", name="Record that the service accepted it").click()
    page.get_by_role("heading", name="Record that the service accepted it", level=1).wait_for()
    axe.check()
    page.get_by_label("Note (optional)").fill("Acceptance letter received")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(reverse("referrals:referral", args=[referral.pk]))
    expect(page.get_by_role("main")).to_contain_text("Acceptance letter received")
    axe.check()
    referral.refresh_from_db()
    assert referral.status == "accepted"

    page.get_by_role("link", name="Back to the episode").click()
    section = page.locator("#referrals + *")
    expect(section).to_contain_text("Accepted")
    axe.check()


def test_a_team_lead_adds_a_service_to_the_directory(
    page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page.goto(reverse("accounts:sign-in"))
    axe.check()
    sign_in_as(page, network.team_lead_a, axe=axe)
    axe.check()
    follow_menu(page, "Service directory")
    page.get_by_role("heading", name="Service directory", level=1).wait_for()
    axe.check()
    page.get_by_role("link", name="Add a service").click()
    page.get_by_role("heading", name="Add a service to the directory", level=1).wait_for()
    axe.check()
    page.get_by_role("button", name="Add the service").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the name of the service")
    axe.check()
    page.get_by_label("Name of the service").fill("Sefton drug and alcohol service")
    page.get_by_label("Type of service").select_option(label="Drug and alcohol")
    page.get_by_label("Youngest age taken (optional)").fill("18")
    page.get_by_role("button", name="Add the service").click()
    page.get_by_role("heading", name="Sefton drug and alcohol service", level=1).wait_for()
    expect(page.get_by_role("main")).to_contain_text("D01")
    axe.check()
    assert Service.objects.get().min_age == 18


def test_a_support_worker_logs_a_contact_from_their_caseload(
    page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=90)
    referral = builders.referral(episode=episode, by=network.practitioner_a)
    support_assign(by=network.practitioner_a, referral=referral, worker=network.support_worker_a)
    page.goto(reverse("accounts:sign-in"))
    axe.check()
    sign_in_as(page, network.support_worker_a, axe=axe)
    axe.check()
    follow_menu(page, "My caseload")
    page.get_by_role("heading", name="My caseload", level=1).wait_for()
    axe.check()
    page.get_by_role("link", name=episode.person.full_name).first.click()
    page.get_by_role("heading", level=1).wait_for()
    axe.check()
    page.get_by_role("link", name="Log a support contact about this referral").click()
    page.get_by_role("heading", name="Log a support contact", level=1).wait_for()
    axe.check()
    page.get_by_role("group", name="Type of contact").get_by_label("Phone").check()
    page.get_by_label("Length of the contact in minutes").fill("10")
    page.get_by_label("Outcome", exact=True).fill("Reminded of the appointment")
    page.get_by_role("button", name="Save contact").click()
    expect(page).to_have_url(reverse("referrals:referral", args=[referral.pk]))
    axe.check()
    assert SupportContact.objects.get().worker == network.support_worker_a
