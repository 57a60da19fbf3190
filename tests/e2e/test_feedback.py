"""A person in custody gives easy-read feedback on a tablet-sized screen without an account, and
the scheme's team lead reads the results and prints the form's QR code; axe on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from liaison.feedback.models import FeedbackResponse
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def test_a_person_gives_feedback_without_an_account_on_a_phone(
    page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/feedback/")
    axe.check()
    page.get_by_label("Which liaison and diversion service saw you?").select_option(label=network.scheme_a.name)
    page.get_by_role("button", name="Continue").click()
    axe.check()
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose how your experience was overall")
    axe.check()
    page.get_by_role("group", name="Overall, how was your experience of our service?").get_by_label(
        "Good", exact=True
    ).check()
    page.get_by_role("group", name="Did we listen to you?").get_by_label("Yes").check()
    page.get_by_label("What could we do better? (optional)").fill("Tell me what happens next")
    page.get_by_role("group", name="Who helped you fill this in? (optional)").get_by_label(
        "A peer support worker"
    ).check()
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    axe.check()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    stored = FeedbackResponse.objects.get()
    assert (stored.overall, stored.listened, stored.helped_by) == ("good", "yes", "peer_worker")


def test_the_team_lead_reads_the_results_and_prints_the_qr_code(
    page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    from tests.feedback.conftest import given

    given(network.scheme_a, "very_good", 9, what_was_good="Kind and calm")
    page.goto("/accounts/sign-in/")
    axe.check()
    sign_in_as(page, network.team_lead_a, axe=axe)
    axe.check()
    page.goto("/feedback/results/")
    expect(page.get_by_role("img", name="Percentage of people who said their experience was good or very good"))
    axe.check()
    page.get_by_role("link", name=network.scheme_a.name).click()
    expect(page.get_by_text("What was good: Kind and calm").first).to_be_visible()
    axe.check()
    page.get_by_role("link", name="Print the feedback form's link and QR code").click()
    expect(page.get_by_role("img", name="QR code for", exact=False)).to_be_visible()
    axe.check()
