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
    assert [c["id"] for c in api.get(f"/episodes/{case.episode.pk}/consents").json()] == [consent["id"]]
    r = api.post(f"/consents/{consent['id']}/withdraw", {"note": "By phone"})
    assert r.status_code == 200
    assert r.json()["status"] == "withdrawn" and r.json()["withdrawn_at"]
    r = api.post(f"/consents/{consent['id']}/withdraw", {})
    assert (r.status_code, r.json()["code"]) == (409, "already_withdrawn")


def test_invalid_consent_is_a_coded_422(network, api_as, case):
    r = api_as(network.practitioner_a).post(f"/episodes/{case.episode.pk}/consents", {**CONSENT_BODY, "purpose": ""})
    assert (r.status_code, r.json()["code"]) == (422, "invalid")
    assert "purpose" in r.json()["errors"]
    assert not Consent.objects.exists()


def test_an_under_16s_consent_needs_a_parent_or_guardian(network, api_as):
    young = screened(network, born=date.today() - timedelta(days=13 * 365))
    api = api_as(network.practitioner_a)
    r = api.post(f"/episodes/{young.episode.pk}/consents", CONSENT_BODY)
    assert r.status_code == 422
    assert "guardian_name" in r.json()["errors"]
    body = {**CONSENT_BODY, "guardian_name": "Sam Parent", "guardian_relationship": "Mother"}
    assert api.post(f"/episodes/{young.episode.pk}/consents", body).status_code == 201


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
    }
    for approver in (network.practitioner_a.username, network.team_lead_b.username, "nobody", 10**30):
        r = api.post(f"/episodes/{case.episode.pk}/shares", {**body, "override_approver": approver})
        assert r.status_code == 422, (approver, r.json())
        assert "override_approver" in r.json()["errors"]
    assert not InformationShare.objects.exists()
    r = api.post(f"/episodes/{case.episode.pk}/shares", {**body, "override_approver": network.team_lead_a.username})
    assert r.status_code == 201
    assert r.json()["override_approved_by"]["id"] == network.team_lead_a.pk


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
