"""The instruments API: Questionnaires out, completed instruments in, and every refusal coded
with nothing written."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from liaison.audit.models import AccessAudit
from liaison.pathway.models import Episode, PathwayEvent
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from tests import factories
from tests.screening import answers


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


@pytest.fixture
def api(network, api_as):
    return api_as(network.practitioner_a)


def unchanged(episode):
    return (
        PathwayEvent.objects.filter(episode=episode).count(),
        InstrumentResponse.objects.count(),
        Finding.objects.count(),
        Episode.objects.get(pk=episode.pk).stage,
    )


def test_it_lists_instruments_with_version_and_licence(api):
    listed = {i["code"]: i for i in api.get("/instruments").json()}
    assert set(listed) == {
        "ld-core",
        "bjmhs",
        "phq9",
        "gad7",
        "audit",
        "auditc",
        "dast10",
        "helps",
        "ldsq",
        "hasi",
        "aq10",
        "chat",
    }
    assert listed["phq9"]["licence"] == "public-domain" and listed["phq9"]["version"] == "1.0.0"
    assert listed["audit"]["licence"] == "free-with-conditions"
    assert (listed["ldsq"]["licence"], listed["ldsq"]["can_start"]) == ("licence-required", False)


def test_it_serves_the_current_questionnaire_as_fhir(api):
    r = api.get("/instruments/dast10")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/json")
    Questionnaire.model_validate(r.json())
    assert r.json()["version"] == "1.0.0"


def test_an_unknown_instrument_is_a_coded_404(api):
    r = api.get("/instruments/phq10")
    assert (r.status_code, r.json()["code"]) == (404, "unknown_instrument")


def test_a_completed_instrument_is_201_with_its_score_and_suggestions(api, episode):
    r = api.post(
        f"/episodes/{episode.pk}/screenings", {"instrument": "phq9", "answers": answers.phq9(3, 3, 3, 3, 3, 0, 0, 0, 1)}
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["total"], body["band"]["code"]) == (16, "moderately_severe")
    assert body["flags"][0]["code"] == "safety_prompt"
    pending = Finding.objects.get(episode=episode)
    assert body["suggested_findings"] == [
        {
            "finding_id": pending.pk,
            "domain": "mental_health",
            "status": "suspected",
            "reason": "PHQ-9 total 16 (10 or more)",
        }
    ]
    stored = InstrumentResponse.objects.get()
    assert body["id"] == str(stored.pk)
    assert Episode.objects.get(pk=episode.pk).stage == "screened"


def test_yes_no_answers_are_true_or_false(api, episode):
    r = api.post(f"/episodes/{episode.pk}/screenings", {"instrument": "helps", "answers": answers.helps({"H", "L"})})
    assert r.status_code == 201, r.json()
    assert r.json()["suggested_findings"][0]["domain"] == "brain_injury"


def test_the_stored_response_reads_back_as_valid_fhir(api, episode):
    created = api.post(f"/episodes/{episode.pk}/screenings", {"instrument": "gad7", "answers": answers.gad7()}).json()
    r = api.get(f"/episodes/{episode.pk}/screenings/{created['id']}")
    assert r.status_code == 200
    QuestionnaireResponse.model_validate(r.json())
    assert r.json()["id"] == created["id"]


def test_every_missing_unknown_or_invalid_answer_is_a_422_naming_each_linkid(api, episode):
    before = unchanged(episode)
    given = answers.phq9() | {"2": "9", "nine": "0", "4": True}
    del given["1"]
    r = api.post(f"/episodes/{episode.pk}/screenings", {"instrument": "phq9", "answers": given})
    assert r.status_code == 422
    assert r.json()["code"] == "invalid"
    assert set(r.json()["errors"]) == {"1", "2", "4", "nine"}
    assert unchanged(episode) == before


def test_answers_that_are_not_an_object_are_a_422(api, episode):
    r = api.post(f"/episodes/{episode.pk}/screenings", {"instrument": "phq9", "answers": ["0"] * 9})
    assert r.status_code == 422


def test_a_licence_required_instrument_is_403_licence_required(api, episode):
    before = unchanged(episode)
    r = api.post(f"/episodes/{episode.pk}/screenings", {"instrument": "aq10", "answers": {}})
    assert (r.status_code, r.json()["code"]) == (403, "licence_required")
    assert unchanged(episode) == before


def test_an_unknown_instrument_in_a_screening_is_404(api, episode):
    before = unchanged(episode)
    r = api.post(f"/episodes/{episode.pk}/screenings", {"instrument": "phq10", "answers": {}})
    assert (r.status_code, r.json()["code"]) == (404, "unknown_instrument")
    assert unchanged(episode) == before


def test_another_schemes_episode_is_404_and_unchanged(network, api_as, episode):
    before = unchanged(episode)
    r = api_as(network.practitioner_b).post(
        f"/episodes/{episode.pk}/screenings", {"instrument": "phq9", "answers": answers.phq9()}
    )
    assert (r.status_code, r.json()["code"]) == (404, "not_found")
    assert unchanged(episode) == before


def test_a_response_of_another_episode_is_not_found(api, network, episode):
    other = factories.episode(by=network.practitioner_a, site=network.court_a)
    created = api.post(f"/episodes/{other.pk}/screenings", {"instrument": "gad7", "answers": answers.gad7()}).json()
    assert api.get(f"/episodes/{episode.pk}/screenings/{created['id']}").status_code == 404
    assert api.get(f"/episodes/{episode.pk}/screenings/not-a-uuid").status_code == 404


def test_the_core_screen_records_its_findings_through_the_api(api, episode):
    r = api.post(
        f"/episodes/{episode.pk}/screenings",
        {"instrument": "ld-core", "answers": answers.ld_core({"self_harm": "suspected", "drugs": "confirmed"})},
    )
    assert r.status_code == 201, r.json()
    assert {f["domain"] for f in r.json()["recorded_findings"]} == {"self_harm", "drugs"}
    assert r.json()["flags"][0]["code"] == "safety_prompt"
    assert r.json()["total"] is None


def test_the_core_screens_findings_carry_their_ids(api, episode):
    r = api.post(
        f"/episodes/{episode.pk}/screenings",
        {"instrument": "ld-core", "answers": answers.ld_core({"self_harm": "suspected", "drugs": "confirmed"})},
    )
    written = {f.domain: f.pk for f in Finding.objects.filter(episode=episode)}
    assert {f["domain"]: f["finding_id"] for f in r.json()["recorded_findings"]} == written
    assert r.json()["suggested_findings"] == []


def test_an_episodes_completed_instruments_are_listed_with_their_finding_ids(api, episode):
    first = api.post(f"/episodes/{episode.pk}/screenings", {"instrument": "gad7", "answers": answers.gad7()}).json()
    second = api.post(
        f"/episodes/{episode.pk}/screenings", {"instrument": "phq9", "answers": answers.phq9(2, 2, 2, 2, 2, 0, 0, 0, 0)}
    ).json()
    r = api.get(f"/episodes/{episode.pk}/screenings")
    assert r.status_code == 200
    listed = r.json()
    assert [s["id"] for s in listed] == [first["id"], second["id"]]
    assert listed[1]["suggested_findings"] == second["suggested_findings"]
    assert listed[1]["suggested_findings"][0]["finding_id"] == Finding.objects.get(episode=episode).pk
    assert (listed[0]["voided"], listed[0]["total"]) == (False, 0)


def test_the_list_of_instruments_is_audited(api, network, episode):
    api.get(f"/episodes/{episode.pk}/screenings")
    assert AccessAudit.objects.filter(user=network.practitioner_a, episode=episode, what="api: screenings").exists()
