"""After the screening, in the browser: confirm a suggested finding, record a safety plan, complete
an assessment; axe on every page visited."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.assessment.models import Assessment
from liaison.core.events import EVENTS
from liaison.pathway.models import PathwayEvent
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.models import Decision
from tests import factories
from tests.screening.suggested import pending_finding

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from liaison.pathway.models import Episode
    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def screened(network: Network, domain: str = "mental_health") -> Episode:
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=90)
    screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput(domain, "suspected")],
        urgency="immediate",
        needs_assessment=True,
    )
    return episode


def open_episode(page: Page, episode: Episode, axe: AxeAudit) -> None:
    page.goto(reverse("pathway:episode", args=[episode.pk]))
    axe.check()


def test_a_practitioner_confirms_a_suggested_finding(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page = practitioner_page
    axe.check()
    episode = screened(network, domain="drugs")
    # As the instruments leave it: a PHQ-9 result suggesting a mental health finding.
    suggestion = pending_finding(episode=episode, by=network.practitioner_a)
    open_episode(page, episode, axe)
    expect(page.get_by_role("main")).to_contain_text("Awaiting your decision")

    page.get_by_role("link", name="Decide the suggested finding for mental health").click()
    page.get_by_role("heading", name="Decide suggested findings", level=1).wait_for()
    axe.check()
    page.get_by_role("group", name="Mental health").get_by_label("Accept the suggestion").check()
    page.get_by_role("button", name="Save decisions").click()

    expect(page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    main = page.get_by_role("main")
    expect(main).to_contain_text("Accepted as suggested")
    expect(main).not_to_contain_text("Awaiting your decision")
    axe.check()
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.CONFIRMED
    assert suggestion.decided_by == network.practitioner_a


def test_a_practitioner_records_a_safety_plan_when_prompted(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page = practitioner_page
    axe.check()
    episode = screened(network, domain="self_harm")
    open_episode(page, episode, axe)
    prompt = page.locator("#safety-prompt")
    expect(prompt).to_contain_text("Record a safety plan")

    prompt.get_by_role("link", name="Record a safety plan").click()
    page.get_by_role("heading", name="Record a safety plan", level=1).wait_for()
    axe.check()
    page.get_by_label("Safety plan", exact=True).fill("Constant observation; belt and cord removed; review at 18:00")
    page.get_by_role("group", name="Who did you tell?").get_by_label("Custody sergeant").check()
    page.get_by_label("Name of the custody sergeant (optional)").fill("PS Khan")
    told = page.get_by_role("group", name="Date you told them")
    now = timezone.localtime()
    told.get_by_label("Day").fill(str(now.day))
    told.get_by_label("Month").fill(str(now.month))
    told.get_by_label("Year").fill(str(now.year))
    page.get_by_role("button", name="Save safety plan").click()
    # A date without its time: the error summary first, and nothing written (both blank is now).
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter both the date and the time")
    axe.check()
    assert not PathwayEvent.objects.filter(episode=episode, kind=EVENTS.get("screening:safety_plan")).exists()

    page.get_by_label("Time you told them").fill(f"{now:%H:%M}")
    page.get_by_role("button", name="Save safety plan").click()

    expect(page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    expect(page.locator("#safety-prompt")).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text("Custody sergeant: PS Khan")
    axe.check()
    assert PathwayEvent.objects.filter(episode=episode, kind=EVENTS.get("screening:safety_plan")).count() == 1


def test_a_practitioner_completes_an_assessment(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page = practitioner_page
    axe.check()
    episode = screened(network)
    open_episode(page, episode, axe)

    page.get_by_role("link", name="Record assessment").click()
    page.get_by_role("heading", name="Start an assessment", level=1).wait_for()
    axe.check()
    page.get_by_label("History", exact=True).fill("Known to the community mental health team since 2019")
    page.get_by_label("Current presentation", exact=True).fill("Low mood, poor sleep; settled after talking")
    page.get_by_label("Mental health", exact=True).fill("Review by the community team this week")
    page.get_by_label("Formulation", exact=True).fill("Depressive episode after losing his tenancy")
    page.get_by_label("Onward referral recommended (optional)").fill("Community mental health team")
    page.get_by_role("group", name="What should the court consider? (optional)").get_by_label(
        "A psychiatric report"
    ).check()
    page.get_by_role("button", name="Save and complete").click()

    page.get_by_role("heading", name="Complete the assessment", level=1).wait_for()
    expect(page.get_by_role("main")).to_contain_text("Depressive episode after losing his tenancy")
    axe.check()
    page.get_by_role("button", name="Complete and lock the assessment").click()

    expect(page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    main = page.get_by_role("main")
    expect(main).to_contain_text("Assessment completed and locked")
    expect(main).to_contain_text("Version 1")
    axe.check()

    page.get_by_role("link", name="Version 1").click()
    page.get_by_role("heading", name="Assessment, version 1", level=1).wait_for()
    expect(page.get_by_role("main")).to_contain_text("A psychiatric report")
    axe.check()

    assessment = Assessment.objects.get(episode=episode)
    assert not assessment.is_draft
    episode.refresh_from_db()
    assert episode.stage == "assessed"
    assert PathwayEvent.objects.filter(episode=episode, kind=EVENTS.get("episode:assess")).count() == 1
