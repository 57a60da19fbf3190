"""Consent and sharing in the browser: record consent to share with the magistrates' court for
sentencing, share the selected findings, download the report PDF; axe on every page visited."""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse
from pypdf import PdfReader

from liaison.audit.models import AccessAction, AccessAudit
from liaison.pathway.models import Episode
from liaison.sharing.models import Consent, InformationShare
from tests.e2e.steps import identify_new_person, record_screening

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def record_consent_to_court(page: Page, axe: AxeAudit) -> None:
    page.get_by_role("link", name="Record consent").click()
    page.get_by_role("heading", name="Record consent", level=1).wait_for()
    axe.check()
    page.get_by_role("group", name="What is the consent for?").get_by_label(
        "Sharing information with an agency for a purpose"
    ).check()
    page.get_by_label("Agency", exact=True).select_option(label="Magistrates' court")
    page.get_by_label("Purpose of sharing", exact=True).select_option(label="Sentencing or pre-sentence report")
    page.get_by_role("group", name="What was decided?").get_by_label("Given").check()
    page.get_by_role("group", name="How?").get_by_label("Verbal").check()
    page.get_by_role("group", name="Is the person's capacity to make this decision in doubt?").get_by_label(
        "No"
    ).check()
    page.get_by_role("button", name="Save consent").click()


def share_mental_health_finding(page: Page, axe: AxeAudit) -> None:
    page.get_by_role("link", name="Share information").click()
    page.get_by_role("heading", name="Share information", level=1).wait_for()
    axe.check()
    page.get_by_label("Agency", exact=True).select_option(label="Magistrates' court")
    page.get_by_label("Who did you share with?").fill("Legal adviser, courtroom 2")
    page.get_by_label("Purpose", exact=True).select_option(label="Sentencing or pre-sentence report")
    page.get_by_role("group", name="Findings to share").get_by_label("Mental health: suspected").check()
    page.get_by_label("Summary of needs (optional)").fill("Low mood and hearing voices; not in contact with services.")
    page.get_by_role("group", name="Suitable for a treatment requirement (optional)").get_by_label(
        "Mental health treatment requirement"
    ).check()
    page.get_by_role("group", name="Psychiatric report").get_by_label("A psychiatric report is recommended").check()
    page.get_by_label("Lawful basis (UK GDPR Article 6)").select_option(label="Article 6(1)(e): public task")
    page.get_by_label("Condition for health data (UK GDPR Article 9)").select_option(
        label="Article 9(2)(h): health or social care"
    )
    page.get_by_role("group", name="How was it shared?").get_by_label("Written report").check()
    page.get_by_role("button", name="Share information").click()


def test_a_practitioner_shares_consented_findings_with_the_court_and_downloads_the_report(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page = practitioner_page
    axe.check()
    identify_new_person(
        page,
        given_name="Morgan",
        family_name="Courtshare",
        born=date(1991, 2, 3),
        site_label=f"{network.court_a.name} ({network.scheme_a.name})",
        axe=axe,
    )
    episode = Episode.objects.get(person__family_name="Courtshare")
    axe.check()
    record_screening(page, axe=axe)
    expect(page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    axe.check()

    record_consent_to_court(page, axe)
    expect(page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    expect(page.get_by_role("main")).to_contain_text("Sharing with Magistrates' court for sentencing")
    axe.check()
    consent = Consent.objects.get(episode=episode, scope="share")
    assert (consent.agency, consent.purpose, consent.decision) == ("magistrates_court", "sentencing", "given")

    share_mental_health_finding(page, axe)
    share = InformationShare.objects.get(episode=episode)
    expect(page).to_have_url(reverse("sharing:share", args=[share.pk]))
    main = page.get_by_role("main")
    expect(main).to_contain_text("Liaison and diversion report to the court")
    expect(main).to_contain_text("Mental health: suspected")
    expect(main).not_to_contain_text("Drug misuse")
    axe.check()

    # The first PDF a process makes loads WeasyPrint (Pango, fonts): seconds on a busy machine.
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("link", name="Download the report (PDF)").click()
    path = download_info.value.path()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())
    assert "Morgan Courtshare" in text
    assert "Mental health: suspected" in text
    assert "Suitable for a mental health treatment requirement" in text
    assert "The person's consent" in text
    assert "Common-law duty of confidentiality" in text
    assert "Drug misuse" not in text
    assert AccessAudit.objects.filter(action=AccessAction.EXPORT, episode=episode).count() == 1

    # The easy-read page the consent form links to, as the person would see it.
    page.goto(reverse("sharing:easy-read"))
    expect(page.get_by_role("heading", name="About us and sharing your information", level=1)).to_be_visible()
    axe.check()
