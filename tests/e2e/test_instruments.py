"""Instruments in the browser: the core screen and PHQ-9 for a person in custody, the band, the
error summary, the safety prompt when PHQ-9 question 9 is above 0, and confirming the finding
PHQ-9 suggested; axe on every page."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from liaison.core.vocabulary import Vulnerability
from liaison.pathway.models import Episode
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Decision, Finding
from tests.e2e.steps import identify_new_person, record_service_consent

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser

PHQ9 = [
    ("1. Little interest or pleasure in doing things", "Several days"),
    ("2. Feeling down, depressed, or hopeless", "More than half the days"),
    ("3. Trouble falling or staying asleep, or sleeping too much", "Nearly every day"),
    ("4. Feeling tired or having little energy", "More than half the days"),
    ("5. Poor appetite or overeating", "Several days"),
    ("6. Feeling bad about yourself", "Several days"),
    ("7. Trouble concentrating on things", "Not at all"),
    ("8. Moving or speaking so slowly", "Not at all"),
    ("9. Thoughts that you would be better off dead", "Several days"),
]


def complete_core_screen(page: Page) -> None:
    """Mental health suspected from the person's account; no other concern; risk in words."""
    for domain in Vulnerability:
        group = page.get_by_role("group", name=domain.label, exact=True)
        concern = group.get_by_role("group", name="Is there a concern?")
        concern.get_by_label("Yes" if domain == Vulnerability.MENTAL_HEALTH else "No", exact=True).check()
    mental_health = page.get_by_role("group", name="Mental health", exact=True)
    mental_health.get_by_role("group", name="Status").get_by_label("Suspected").check()
    mental_health.get_by_label("Source (optional)").select_option(label="The person's own account")
    page.get_by_label("Risk to self", exact=True).fill("Low mood; no thoughts of self-harm voiced today.")
    page.get_by_label("Risk to others", exact=True).fill("None seen.")
    page.get_by_label("Risk from others", exact=True).fill("None known.")
    page.get_by_role("group", name="How urgent is the need?").get_by_label("Same day").check()
    page.get_by_label("Easy read information").check()


def test_a_practitioner_screens_a_person_in_custody_with_the_core_screen_and_phq9(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page = practitioner_page
    identify_new_person(
        page,
        given_name="Robin",
        family_name="Instrumenttest",
        born=date(1988, 2, 9),
        site_label=f"{network.custody_a.name} ({network.scheme_a.name})",
        axe=axe,
    )
    episode = Episode.objects.get(person__family_name="Instrumenttest")
    page.get_by_role("heading", level=1).filter(has_text="Robin Instrumenttest").wait_for()
    axe.check()
    # Screening waits for the person's decision about the service itself (ADR 0022).
    record_service_consent(page, axe=axe)

    # The core screen: an empty form names every missing answer and saves nothing.
    page.get_by_role("link", name="Complete the L&D core screen").click()
    page.get_by_role("heading", name="L&D core screen", level=1).wait_for()
    axe.check()
    page.get_by_role("button", name="Save L&D core screen").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Mental health: is there a concern?")
    expect(summary).to_contain_text("Risk, in your own words: risk to self")
    axe.check()
    assert not InstrumentResponse.objects.exists()

    complete_core_screen(page)
    page.get_by_role("button", name="Save L&D core screen").click()
    page.get_by_role("heading", name="L&D core screen: result", level=1).wait_for()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Mental health: suspected")
    expect(page.locator("#safety-prompt")).to_have_count(0)
    axe.check()

    # PHQ-9, chosen from the list of instruments.
    page.get_by_role("link", name="Back to the episode").click()
    page.get_by_role("heading", name="Screening instruments").wait_for()
    axe.check()
    page.get_by_role("link", name="Start a screening instrument").click()
    page.get_by_role("heading", name="Screening instruments", level=1).wait_for()
    axe.check()
    page.get_by_role("link", name="Patient Health Questionnaire (PHQ-9)").click()
    page.get_by_role("heading", name="Patient Health Questionnaire (PHQ-9)", level=1).wait_for()
    axe.check()
    for question, answer in PHQ9:
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Save Patient Health Questionnaire (PHQ-9)").click()

    # Total 11: moderate; question 9 above 0 raises the prompt, never a score.
    page.get_by_role("heading", name="Patient Health Questionnaire (PHQ-9): result", level=1).wait_for()
    main = page.get_by_role("main")
    expect(main).to_contain_text("11 out of 27")
    expect(main).to_contain_text("Moderate")
    prompt = page.locator("#safety-prompt")
    expect(prompt).to_be_visible()
    expect(prompt).to_contain_text("Safety: talk with the person now")
    expect(prompt).to_contain_text("not a risk score")
    expect(main).to_contain_text("Suggested: awaiting your decision")
    axe.check()

    page.get_by_role("link", name="Back to the episode").click()
    expect(page.locator("#safety-prompt")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Patient Health Questionnaire (PHQ-9)")
    axe.check()

    # The practitioner confirms what PHQ-9 suggested.
    page.get_by_role("link", name="Decide the suggested finding for mental health").click()
    page.get_by_role("heading", name="Decide suggested findings", level=1).wait_for()
    axe.check()
    page.get_by_role("group", name="Mental health").get_by_label("Accept the suggestion").check()
    page.get_by_role("button", name="Save decisions").click()
    expect(page.get_by_role("main")).to_contain_text("Accepted as suggested")
    expect(page.get_by_role("main")).not_to_contain_text("Awaiting your decision")
    axe.check()

    episode.refresh_from_db()
    assert episode.stage == "screened"
    assert sorted(InstrumentResponse.objects.values_list("instrument", flat=True)) == ["ld-core", "phq9"]
    confirmed = Finding.objects.get(episode=episode, suggested_by="phq9")
    assert (confirmed.domain, confirmed.decision) == ("mental_health", Decision.CONFIRMED)
