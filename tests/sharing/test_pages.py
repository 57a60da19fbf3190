"""Consent, sharing and report pages, and the section on the episode page."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.audit.models import AccessAction, AccessAudit
from liaison.pathway.models import PathwayEvent
from liaison.sharing.actions import consent_withdraw
from liaison.sharing.models import Consent, InformationShare
from tests.pathway.pages import html, signed_in
from tests.sharing.conftest import consent_to, screened, share

CONSENT_TO_COURT = {
    "scope": "share",
    "agency": "magistrates_court",
    "purpose": "sentencing",
    "decision": "given",
    "method": "verbal",
    "capacity_in_doubt": "no",
}


def _share_form(case, **overrides) -> dict:
    data = {
        "agency": "magistrates_court",
        "recipient_name": "Legal adviser",
        "purpose": "sentencing",
        "findings": [str(case.mental_health.pk)],
        "psychiatric_report": "not_stated",
        "lawful_basis_6": "6_1_e",
        "lawful_basis_9": "9_2_h",
        "channel": "report",
    }
    data.update(overrides)
    return data


def test_the_easy_read_page_is_open_to_anyone_in_large_plain_type(client):
    response = client.get(reverse("sharing:easy-read"))
    assert response.status_code == 200
    page = html(response)
    assert "What sharing means" in page
    assert "You can change your mind" in page
    assert "app-easy-read" in page
    assert "sharing/sharing.css" in page
    css = client.get("/static/sharing/sharing.css")
    assert css.status_code == 200
    assert b"@media print" in b"".join(css.streaming_content)


def test_the_consent_form_links_to_the_easy_read_page(client, network, case):
    page = html(signed_in(client, network.practitioner_a).get(reverse("sharing:consent-new", args=[case.episode.pk])))
    assert reverse("sharing:easy-read") in page
    assert "Parent or guardian involved" not in page


def test_recording_consent_in_the_form(client, network, case):
    c = signed_in(client, network.practitioner_a)
    response = c.post(reverse("sharing:consent-new", args=[case.episode.pk]), CONSENT_TO_COURT)
    assert response.status_code == 302
    consent = Consent.objects.get(scope="share")
    assert (consent.agency, consent.purpose, consent.decision) == ("magistrates_court", "sentencing", "given")


def test_a_rejected_consent_form_shows_the_errors_and_changes_nothing(client, network, case):
    c = signed_in(client, network.practitioner_a)
    events = PathwayEvent.objects.count()
    response = c.post(reverse("sharing:consent-new", args=[case.episode.pk]), {**CONSENT_TO_COURT, "agency": ""})
    page = html(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select the agency information would be shared with" in page
    assert not Consent.objects.filter(scope="share").exists()
    assert PathwayEvent.objects.count() == events


def test_an_under_16s_consent_form_asks_for_the_gillick_or_parental_route(client, network):
    young = screened(network, born=date.today() - timedelta(days=14 * 365))
    c = signed_in(client, network.practitioner_a)
    url = reverse("sharing:consent-new", args=[young.episode.pk])
    assert "Judged Gillick competent" in html(c.get(url))
    page = html(c.post(url, {**CONSENT_TO_COURT, "child_route": "parental"}))
    assert "Enter the parent or guardian involved" in page
    assert "Enter why a parent or guardian is involved" in page
    assert not Consent.objects.filter(scope="share").exists()
    response = c.post(
        url,
        {
            **CONSENT_TO_COURT,
            "child_route": "parental",
            "child_route_reason": "Did not understand what the court would do with it",
            "guardian_name": "Pat",
            "guardian_relationship": "Father",
        },
    )
    assert response.status_code == 302
    assert Consent.objects.get(scope="share").guardian_name == "Pat"


def test_support_workers_cannot_open_the_forms(client, network, case):
    c = signed_in(client, network.support_worker_a)
    for name in ("sharing:consent-new", "sharing:share-new"):
        assert c.get(reverse(name, args=[case.episode.pk])).status_code == 403


def test_withdrawing_consent_in_the_form(client, network, case):
    consent = consent_to(network, case.episode)
    c = signed_in(client, network.practitioner_a)
    url = reverse("sharing:consent-withdraw", args=[consent.pk])
    assert "for sentencing or pre-sentence report" in html(c.get(url))
    assert c.post(url, {"note": "By phone"}).status_code == 302
    consent.refresh_from_db()
    assert consent.is_withdrawn


def test_sharing_without_consent_shows_the_reason_and_changes_nothing(client, network, case):
    c = signed_in(client, network.practitioner_a)
    events = PathwayEvent.objects.count()
    response = c.post(reverse("sharing:share-new", args=[case.episode.pk]), _share_form(case))
    page = html(response)
    assert response.status_code == 200
    assert "There is no consent recorded in this episode to share with Magistrates&#x27; court" in page
    assert "Consent required" in page
    assert not InformationShare.objects.exists()
    assert PathwayEvent.objects.count() == events


def test_sharing_with_consent_goes_to_the_report(client, network, case):
    consent_to(network, case.episode)
    c = signed_in(client, network.practitioner_a)
    form = html(c.get(reverse("sharing:share-new", args=[case.episode.pk])))
    assert "Drug misuse: confirmed" in form
    response = c.post(reverse("sharing:share-new", args=[case.episode.pk]), _share_form(case))
    s = InformationShare.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("sharing:share", args=[s.pk])
    report = html(c.get(response["Location"]))
    assert "Liaison and diversion report to the court" in report
    assert "Mental health: suspected" in report
    assert "Drug misuse" not in report
    assert "methadone" not in report
    assert reverse("sharing:share-pdf", args=[s.pk]) in report


YESTERDAY = date.today() - timedelta(days=1)


def test_sharing_with_an_override_in_the_form(client, network, case):
    c = signed_in(client, network.practitioner_a)
    data = _share_form(
        case,
        override_kind="safeguarding",
        override_reason="Risk to a child",
        override_approver=str(network.team_lead_a.pk),
        caldicott_consulted="yes",
        caldicott_guardian="Dr Ada Guardian, Caldicott Guardian",
        caldicott_on_0=str(YESTERDAY.day),
        caldicott_on_1=str(YESTERDAY.month),
        caldicott_on_2=str(YESTERDAY.year),
        caldicott_time="09:00",
        person_informed="no",
        person_not_informed_reason="Telling him now would put the child at risk",
    )
    assert c.post(reverse("sharing:share-new", args=[case.episode.pk]), data).status_code == 302
    made = InformationShare.objects.get()
    assert made.override_approved_by == network.team_lead_a
    assert made.caldicott_guardian == "Dr Ada Guardian, Caldicott Guardian" and made.caldicott_consulted_at
    assert made.person_informed is False and made.confidentiality_basis == "public_interest"


def test_the_approver_list_offers_only_the_schemes_seniors(client, network, case):
    page = html(signed_in(client, network.practitioner_a).get(reverse("sharing:share-new", args=[case.episode.pk])))
    assert f"{network.team_lead_a} (Team lead)" in page
    assert str(network.team_lead_b) not in page
    response = signed_in(client, network.practitioner_a).post(
        reverse("sharing:share-new", args=[case.episode.pk]),
        _share_form(
            case, override_kind="safeguarding", override_reason="x", override_approver=str(network.team_lead_b.pk)
        ),
    )
    assert "Select a team lead or scheme manager of this scheme" in html(response)
    assert not InformationShare.objects.exists()


def test_viewing_the_report_page_is_audited_as_a_view(client, network, case):
    consent_to(network, case.episode)
    s = share(network, case.episode, finding_ids=[case.mental_health.pk])
    signed_in(client, network.team_lead_a).get(reverse("sharing:share", args=[s.pk]))
    assert AccessAudit.objects.filter(user=network.team_lead_a).get().action == AccessAction.VIEW


def test_withdrawn_consent_is_marked_on_the_report_and_the_share_list(client, network, case):
    consent = consent_to(network, case.episode)
    s = share(network, case.episode, finding_ids=[case.mental_health.pk])
    consent_withdraw(by=network.practitioner_a, consent=consent)
    c = signed_in(client, network.practitioner_a)
    assert "Consent for this share was withdrawn" in html(c.get(reverse("sharing:share", args=[s.pk])))
    episode_page = html(c.get(reverse("pathway:episode", args=[case.episode.pk])))
    section = episode_page.split("Consent and information sharing")[1].split(">Timeline</h2>")[0]
    assert "Consent withdrawn" in section
    assert "Withdrawn</strong>" in section
    assert reverse("sharing:share", args=[s.pk]) in section


def test_the_episode_page_lists_consents_and_shares_with_their_basis(client, network, case):
    consent_to(network, case.episode)
    consent_to(network, case.episode, agency="police_custody", purpose="charging", decision="refused")
    share(network, case.episode, finding_ids=[case.mental_health.pk])
    c = signed_in(client, network.practitioner_a)
    page = html(c.get(reverse("pathway:episode", args=[case.episode.pk])))
    section = page.split('id="consent-and-sharing"')[1].split(">Timeline</h2>")[0]
    assert "Sharing with Magistrates&#x27; court for sentencing or pre-sentence report" in section
    assert "Refused" in section
    assert "Consent, given" in section
    assert reverse("sharing:consent-new", args=[case.episode.pk]) in section
    # The timeline reads the events in words.
    timeline = page.split(">Timeline</h2>")[1]
    assert "Consent recorded" in timeline and "Information shared" in timeline
    assert "Legal adviser, court 2" in timeline


def test_the_episode_pages_queries_do_not_grow_with_consents_and_shares(client, network, case):
    c = signed_in(client, network.practitioner_a)
    url = reverse("pathway:episode", args=[case.episode.pk])
    c.get(url)  # warm the session

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert c.get(url).status_code == 200
        return len(captured)

    consent_to(network, case.episode)
    share(network, case.episode, finding_ids=[case.mental_health.pk])
    one = queries()
    for _ in range(3):
        consent_to(network, case.episode)
        share(network, case.episode, finding_ids=[case.mental_health.pk])
    assert queries() == one


def test_bad_ids_are_not_found(client, network):
    c = signed_in(client, network.practitioner_a)
    for url in ("/shares/not-a-uuid/", "/shares/00000000-0000-0000-0000-000000000000/report.pdf"):
        assert c.get(url).status_code == 404
    assert c.get("/consents/00000000-0000-0000-0000-000000000000/withdraw/").status_code == 404


def test_the_court_case_and_hearing_given_in_the_form_are_on_the_report(client, network, case):
    consent_to(network, case.episode)
    c = signed_in(client, network.practitioner_a)
    url = reverse("sharing:share-new", args=[case.episode.pk])
    data = _share_form(case, court_case_number="T20267788")
    data.update({"hearing_date_0": "9", "hearing_date_1": "12", "hearing_date_2": "2026"})
    response = c.post(url, data)
    assert response.status_code == 302
    report = html(c.get(response["Location"]))
    assert "T20267788" in report
    assert "9 December 2026" in report


def test_a_long_court_case_number_is_refused_with_an_nhs_message(client, network, case):
    consent_to(network, case.episode)
    c = signed_in(client, network.practitioner_a)
    url = reverse("sharing:share-new", args=[case.episode.pk])
    page = html(c.post(url, _share_form(case, court_case_number="T" * 41)))
    assert "Court case number must be 40 characters or fewer" in page
    assert not InformationShare.objects.exists()
