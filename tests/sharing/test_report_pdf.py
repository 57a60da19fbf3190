"""The report PDF: made from the share's snapshot, with only the selected content, audited."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from liaison.audit.models import AccessAction, AccessAudit
from liaison.sharing.actions import consent_withdraw
from liaison.sharing.pdf import latin1
from liaison.sharing.reports import report_of
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


def test_text_outside_latin_1_is_transliterated_not_lost(client, network, case):
    # Typographic quotes and dashes, a letter with no decomposition, a stacked accent, another
    # script and a control character.
    assert (
        latin1("Zo\u00eb \u201c\u0141ukasz\u201d Nguy\u1ec5n \u2013 \u6771\u4eac\x07")
        == 'Zo\u00eb "Lukasz" Nguyen - ??'
    )
    consent_to(network, case.episode)
    s = share(
        network, case.episode, summary="\u0141ukasz\u2019s mother \u2014 says \u201che is unwell\u201d. \u6771\u4eac"
    )
    flat = " ".join(text_of(_pdf(client, network.practitioner_a, s)).split())
    assert 'Lukasz\'s mother - says "he is unwell". ??' in flat


def test_a_report_keeps_its_template_version(network, case):
    consent_to(network, case.episode, agency="probation", purpose="sentencing")
    s = share(network, case.episode, agency="probation", finding_ids=[case.mental_health.pk])
    assert (s.report_kind, s.report_version) == ("probation", 1)
    report = report_of(s.snapshot)
    assert report.title == "Liaison and diversion report to probation or the youth offending team"
    assert "template version 1" in report.template
