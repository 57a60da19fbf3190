"""Finding and identifying a person in the browser, with axe on every page visited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.pathway.models import Episode
from liaison.people.models import Person
from tests import factories
from tests.e2e.steps import identify_new_person

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def test_identifying_a_new_person_opens_their_episode(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    axe.check()
    identify_new_person(
        practitioner_page,
        given_name="Robin",
        family_name="Browsertest",
        born=date(1988, 11, 3),
        site_label=f"{network.custody_a.name} ({network.scheme_a.name})",
        axe=axe,
    )
    episode = Episode.objects.get(person__family_name="Browsertest")
    expect(practitioner_page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    axe.check()
    assert episode.site == network.custody_a
    assert episode.referral_source == "E1"
    assert episode.concerns == ["mental_health"]
    assert episode.person.date_of_birth == date(1988, 11, 3)


def test_a_rejected_identification_shows_the_error_summary_and_changes_nothing(
    practitioner_page: Page, axe: AxeAudit, expect: Expect
) -> None:
    axe.check()
    practitioner_page.goto(reverse("people:identify-new"))
    axe.check()
    practitioner_page.get_by_role("button", name="Identify and open episode").click()
    summary = practitioner_page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter who alerted the L&D team")
    expect(summary).to_be_focused()
    axe.check()
    assert not Person.objects.exists()


def test_a_practitioner_corrects_a_misspelt_name_and_sees_it_in_the_history(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    axe.check()
    person = factories.episode(by=network.practitioner_a, site=network.custody_a).person
    page = practitioner_page
    page.goto(reverse("people:person", args=[person.pk]))
    axe.check()
    page.get_by_role("link", name=f"Correct these details for {person.full_name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Correct {person.full_name}'s details")
    axe.check()
    page.get_by_label("Last name", exact=True).fill("Ashwerth")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter why you are correcting the details")
    axe.check()
    page.get_by_label("Why are you correcting these details?").fill("Misspelt at the custody desk")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_role("heading", name="Corrections to these details")).to_be_visible()
    expect(page.get_by_text("Misspelt at the custody desk")).to_be_visible()
    axe.check()
    page.set_viewport_size({"width": 320, "height": 720})
    axe.check()
    person.refresh_from_db()
    assert person.family_name == "Ashwerth"
