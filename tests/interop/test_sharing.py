"""Consent and sharing through the API: the same actions and rules as the pages."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from liaison.audit.models import AccessAction, AccessAudit
from liaison.pathway.models import PathwayEvent
from liaison.sharing.models import Consent, InformationShare
from tests.interop.conftest import CONSENT_BODY, SHARE_BODY
from tests.sharing.conftest import screened


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def case(network):
    return screened(network)


def test_it_records_lists_and_withdraws_consent(network, api_as, case):
    api = api_as(network.practitioner_a)
    r = api.post(f"/episodes/{case.episode.pk}/consents", CONSENT_BODY)
    assert r.status_code == 201, r.json()
    consent = r.json()
    assert (consent["status"], consent["agency"], consent["purpose"]) == ("given", "magistrates_court", "sentencing")
    assert consent["recorded_by"]["id"] == network.practitioner_a.pk
    listed = [c["id"] for c in api.get(f"/episodes/{case.episode.pk}/consents").json() if c["scope"] == "share"]
    assert listed == [consent["id"]]
    r = api.post(f"/consents/{consent['id']}/withdraw", {"note": "By phone"})
    assert r.status_code == 200
    assert r.json()["status"] == "withdrawn" and r.json()["withdrawn_at"]
    r = api.post(f"/consents/{consent['id']}/withdraw", {})
    assert (r.status_code, r.json()["code"]) == (409, "already_withdrawn")


def test_invalid_consent_is_a_coded_422(network, api_as, case):
    r = api_as(network.practitioner_a).post(f"/episodes/{case.episode.pk}/consents", {**CONSENT_BODY, "purpose": ""})
    assert (r.status_code, r.json()["code"]) == (422, "invalid")
    assert "purpose" in r.json()["errors"]
    assert not Consent.objects.filter(scope="share").exists()


def test_an_under_16s_consent_takes_the_gillick_or_the_parental_route(network, api_as):
    young = screened(network, born=date.today() - timedelta(days=13 * 365))
    api = api_as(network.practitioner_a)
    r = api.post(f"/episodes/{young.episode.pk}/consents", CONSENT_BODY)
    assert r.status_code == 422
    assert "child_route" in r.json()["errors"]
    r = api.post(f"/episodes/{young.episode.pk}/consents", {**CONSENT_BODY, "child_route": "parental"})
    assert "guardian_name" in r.json()["errors"]
    body = {
        **CONSENT_BODY,
        "child_route": "parental",
        "child_route_reason": "Wanted her mother to decide",
        "guardian_name": "Sam Parent",
        "guardian_relationship": "Mother",
    }
    r = api.post(f"/episodes/{young.episode.pk}/consents", body)
    assert r.status_code == 201 and r.json()["child_route"] == "parental"
    gillick = {**CONSENT_BODY, "child_route": "gillick", "child_route_reason": "Understood and explained it back"}
    assert api.post(f"/episodes/{young.episode.pk}/consents", gillick).json()["child_route"] == "gillick"


def test_a_share_without_consent_is_refused_with_409_consent_required(network, api_as, case):
    events = PathwayEvent.objects.count()
    r = api_as(network.practitioner_a).post(
        f"/episodes/{case.episode.pk}/shares", {**SHARE_BODY, "finding_ids": [case.mental_health.pk]}
    )
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "consent_required"
    assert body["reason"] == "none"
    assert (body["agency"], body["purpose"]) == ("magistrates_court", "sentencing")
    assert not InformationShare.objects.exists()
    assert PathwayEvent.objects.count() == events


def test_a_share_with_consent_holds_only_the_selected_content(network, api_as, case):
    api = api_as(network.practitioner_a)
    api.post(f"/episodes/{case.episode.pk}/consents", CONSENT_BODY)
    r = api.post(f"/episodes/{case.episode.pk}/shares", {**SHARE_BODY, "finding_ids": [case.mental_health.pk]})
    assert r.status_code == 201, r.json()
    share = r.json()
    assert share["basis"] == "consent" and share["consent_id"]
    assert [f["id"] for f in share["content"]["findings"]] == [case.mental_health.pk]
    assert api.get(f"/shares/{share['id']}").json()["id"] == share["id"]
    assert [s["id"] for s in api.get(f"/episodes/{case.episode.pk}/shares").json()] == [share["id"]]


def test_an_override_needs_a_senior_of_the_scheme(network, api_as, case):
    api = api_as(network.practitioner_a)
    body = {
        **SHARE_BODY,
        "finding_ids": [case.drugs.pk],
        "override_kind": "safeguarding",
        "override_reason": "Risk to a child at home",
        "caldicott_consulted": False,
        "caldicott_not_consulted_reason": "Out of hours",
        "person_informed": True,
    }
    for approver in (network.practitioner_a.username, network.team_lead_b.username, "nobody", 10**30):
        r = api.post(f"/episodes/{case.episode.pk}/shares", {**body, "override_approver": approver})
        assert r.status_code == 422, (approver, r.json())
        assert "override_approver" in r.json()["errors"]
    assert not InformationShare.objects.exists()
    r = api.post(f"/episodes/{case.episode.pk}/shares", {**body, "override_approver": network.team_lead_a.username})
    assert r.status_code == 201
    assert r.json()["override_approved_by"]["id"] == network.team_lead_a.pk
    assert (r.json()["confidentiality_basis"], r.json()["caldicott_consulted"]) == ("public_interest", False)


def test_a_share_defaults_to_public_task_with_health_care_and_refuses_legitimate_interests(network, api_as, case):
    api = api_as(network.practitioner_a)
    api.post(f"/episodes/{case.episode.pk}/consents", CONSENT_BODY)
    body = {k: v for k, v in SHARE_BODY.items() if k not in ("lawful_basis_6", "lawful_basis_9")}
    r = api.post(f"/episodes/{case.episode.pk}/shares", {**body, "lawful_basis_6": "6_1_f"})
    assert r.status_code == 422 and "lawful_basis_6" in r.json()["errors"]
    r = api.post(f"/episodes/{case.episode.pk}/shares", body)
    assert r.status_code == 201, r.json()
    made = r.json()
    assert (made["lawful_basis_6"], made["lawful_basis_9"], made["confidentiality_basis"]) == (
        "6_1_e",
        "9_2_h",
        "consent",
    )
    assert made["content"]["confidentiality"]["label"] == "The person's consent"


def test_a_share_with_a_named_other_agency_needs_consent_naming_it(network, api_as, case):
    api = api_as(network.practitioner_a)
    named = {**CONSENT_BODY, "agency": "other", "agency_name": "Shelter Merseyside", "purpose": "direct_care"}
    api.post(f"/episodes/{case.episode.pk}/consents", named)
    share = {**SHARE_BODY, "agency": "other", "purpose": "direct_care"}
    r = api.post(f"/episodes/{case.episode.pk}/shares", {**share, "agency_name": "Brook"})
    assert (r.status_code, r.json()["code"]) == (409, "consent_required")
    r = api.post(f"/episodes/{case.episode.pk}/shares", {**share, "agency_name": "Shelter Merseyside"})
    assert r.status_code == 201 and r.json()["agency_name"] == "Shelter Merseyside"


def test_the_report_pdf_is_a_pdf_of_the_selection_and_an_audited_export(network, api_as, case):
    api = api_as(network.practitioner_a)
    api.post(f"/episodes/{case.episode.pk}/consents", CONSENT_BODY)
    share = api.post(
        f"/episodes/{case.episode.pk}/shares", {**SHARE_BODY, "finding_ids": [case.mental_health.pk]}
    ).json()
    r = api.get(f"/shares/{share['id']}/report.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
    assert "Mental health: suspected" in text
    assert "Drug misuse" not in text and "methadone" not in text
    export = AccessAudit.objects.filter(action=AccessAction.EXPORT).get()
    assert (export.user, export.channel, export.episode) == (network.practitioner_a, "api", case.episode)


def test_the_report_pdf_of_an_unknown_share_is_a_coded_404(network, api_as):
    r = api_as(network.practitioner_a).get("/shares/00000000-0000-0000-0000-000000000000/report.pdf")
    assert (r.status_code, r.json()["code"]) == (404, "not_found")
