"""The report PDF: made from the share's snapshot, with only the selected content, audited."""

from __future__ import annotations

import html
import io
import re
from datetime import date

from django.urls import reverse
from pypdf import PdfReader

from liaison.audit.models import AccessAction, AccessAudit
from liaison.sharing.actions import consent_withdraw
from liaison.sharing.reports import report_of
from tests import factories
from tests.referrals import builders
from tests.sharing.conftest import TOLD, consent_to, share


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _pdf(client, user, s) -> bytes:
    client.force_login(user)
    response = client.get(reverse("sharing:share-pdf", args=[s.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_pdf_holds_the_selected_content_and_none_of_the_rest(client, network, case):
    consent_to(network, case.episode)
    made = builders.referral(
        episode=case.episode,
        by=network.practitioner_a,
        to=builders.service(scheme=case.episode.scheme, name="Mersey CMHT"),
    )
    referral = made.event
    s = share(
        network,
        case.episode,
        finding_ids=[case.mental_health.pk],
        referral_event_ids=[referral.pk],
        treatment_requirements=["mhtr"],
        psychiatric_report="needed",
        recommendations="Adjourn for a psychiatric report",
    )
    text = text_of(_pdf(client, network.practitioner_a, s))
    flat = " ".join(text.split())
    for expected in (
        "Liaison and diversion report to the court",
        "Casey Sharetest",
        "Mental health: suspected",
        "Hearing voices since Tuesday",
        "Mersey CMHT",
        "Suitable for a mental health treatment requirement",
        "A psychiatric report is recommended",
        "Adjourn for a psychiatric report",
        "Needs a mental health assessment in the community.",
        "The person's consent",
        str(network.practitioner_a),
        "Article 6(1)(e): public task",
    ):
        assert expected in flat, expected
    for unselected in ("Drug misuse", "methadone", "Alcohol misuse", "Ruled out", "ruled out"):
        assert unselected not in flat, unselected


def test_downloading_the_report_is_audited_as_an_export(client, network, case):
    consent_to(network, case.episode)
    s = share(network, case.episode, finding_ids=[case.mental_health.pk])
    _pdf(client, network.team_lead_a, s)
    row = AccessAudit.objects.filter(user=network.team_lead_a).get()
    assert row.action == AccessAction.EXPORT
    assert row.episode == case.episode
    assert row.person == case.episode.person
    assert "PDF" in row.what


def test_an_override_report_states_the_reason_and_approver(client, network, case):
    s = share(
        network,
        case.episode,
        finding_ids=[case.drugs.pk],
        override_kind="safeguarding",
        override_reason="Risk to a child at the home address",
        override_approver=network.team_lead_a,
        **TOLD,
    )
    flat = " ".join(text_of(_pdf(client, network.practitioner_a, s)).split())
    assert "Shared without consent: safeguarding" in flat
    assert "Risk to a child at the home address" in flat
    assert f"{network.team_lead_a}, Team lead" in flat


def test_the_pdf_marks_consent_withdrawn_since(client, network, case):
    consent = consent_to(network, case.episode)
    s = share(network, case.episode, finding_ids=[case.mental_health.pk])
    consent_withdraw(by=network.practitioner_a, consent=consent)
    flat = " ".join(text_of(_pdf(client, network.practitioner_a, s)).split())
    assert "Consent for this share was withdrawn" in flat


def test_names_in_any_script_print_as_given(client, network):
    # Accents, a letter with no decomposition, Greek, Cyrillic, Arabic and Chinese.
    name = ("Zoë-Łukasz", "Nguyễn Ψυχή Пётр محمد 王秀英")
    who = factories.person(by=network.practitioner_a, scheme=network.scheme_a, given_name=name[0], family_name=name[1])
    episode = factories.episode(by=network.practitioner_a, site=network.court_a, who=who)
    builders.screened(episode, network.practitioner_a)
    consent_to(network, episode)
    s = share(network, episode, summary="\u0141ukasz\u2019s mother \u2014 says \u201che is unwell\u201d. \u6771\u4eac")
    text = "".join(text_of(_pdf(client, network.practitioner_a, s)).split())
    assert "".join(f"{name[0]} {name[1]}".split()) in text
    assert "\u0141ukasz\u2019smother\u2014says\u201cheisunwell\u201d.\u6771\u4eac" in text


def test_the_court_report_carries_what_a_court_expects(client, network, case):
    scheme = network.scheme_a
    scheme.contact_phone, scheme.contact_email = "0151 000 0000", "ld.team@example.nhs.uk"
    scheme.contact_address = "1 Dale Street, Liverpool L2 2PP"
    scheme.save()
    person = case.episode.person
    person.pnc_id = "2016/0123456X"
    person.save()
    consent_to(network, case.episode)
    s = share(
        network,
        case.episode,
        finding_ids=[case.drugs.pk],
        treatment_requirements=["atr", "drr"],
        court_case_number="T20267788",
        hearing_date=date(2026, 12, 9),
    )
    flat = " ".join(text_of(_pdf(client, network.practitioner_a, s)).split())
    for expected in (
        "PNC ID 2016/0123456X",
        "Court case number T20267788",
        "Hearing date 9 December 2026",
        "0151 000 0000",
        "ld.team@example.nhs.uk",
        "1 Dale Street, Liverpool L2 2PP",
        "Role Practitioner",
        "Suitable for an alcohol treatment requirement",
        "Suitable for a drug rehabilitation requirement",
    ):
        assert expected in flat, expected
    assert "a alcohol" not in flat


def test_the_page_and_the_pdf_say_the_same(client, network, case):
    consent_to(network, case.episode)
    s = share(network, case.episode, finding_ids=[case.mental_health.pk], recommendations="Adjourn for a report")
    pdf = " ".join(text_of(_pdf(client, network.practitioner_a, s)).split())
    page = client.get(reverse("sharing:share", args=[s.pk])).content.decode()
    article = page.split('<article class="app-report">')[1].split("</article>")[0]
    page_text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())
    # One template makes both: every word of the page's report is in the PDF.
    missing = set(page_text.split()) - set(pdf.split()) - {"\u2013"}
    assert not missing


def test_the_report_is_left_aligned_not_justified(client, network, case):
    from liaison.core.pdf import stylesheet

    css = stylesheet("sharing/report_pdf.css")
    assert "justify" not in css.replace("justify-content", "")
    assert "text-align: left" in css


def test_a_report_keeps_its_template_version(network, case):
    consent_to(network, case.episode, agency="probation", purpose="sentencing")
    s = share(network, case.episode, agency="probation", finding_ids=[case.mental_health.pk])
    assert (s.report_kind, s.report_version) == ("probation", 1)
    report = report_of(s.snapshot)
    assert report.title == "Liaison and diversion report to probation or the youth offending team"
    assert "template version 1" in report.template
