"""Recording a completed instrument: one event, a valid QuestionnaireResponse, its score and the
findings it suggests; nothing written when anything is wrong."""

from __future__ import annotations

from datetime import date

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from liaison.core.errors import Invalid, NotFound, PermissionDenied, StageNotAllowed
from liaison.core.events import EVENTS
from liaison.pathway.actions import entry_void, episode_close
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage
from liaison.screening.instruments.actions import instrument_record
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Decision, Finding, FindingSource
from tests import factories
from tests.screening import answers


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


def record(network, episode, instrument="phq9", given=None, **kwargs):
    return instrument_record(
        by=network.practitioner_a,
        episode=episode,
        instrument=instrument,
        answers=given if given is not None else answers.phq9(),
        **kwargs,
    )


def written(episode):
    return (
        PathwayEvent.objects.filter(episode=episode).count(),
        InstrumentResponse.objects.count(),
        Finding.objects.count(),
        Episode.objects.get(pk=episode.pk).stage,
    )


def test_the_first_instrument_screens_the_episode_with_one_event(network, episode):
    response = record(network, episode, given=answers.phq9(2, 2, 2, 2, 2, 1, 0, 0, 0))
    episode.refresh_from_db()
    assert episode.stage == Stage.SCREENED
    assert episode.screened_at == response.event.occurred_at
    assert response.event.kind == "screening:instrument"
    assert PathwayEvent.objects.filter(episode=episode, kind=EVENTS.get("screening:instrument")).count() == 1
    assert (response.total, response.band) == (11, "moderate")
    assert response.event.data["response_id"] == str(response.pk)


def test_the_stored_response_is_valid_fhir_naming_the_person_the_author_and_the_questionnaire(network, episode):
    response = record(network, episode, given=answers.phq9(1, 0, 0, 0, 0, 0, 0, 0, 0) | {"10": "somewhat"})
    resource = response.resource
    QuestionnaireResponse.model_validate(resource)
    assert resource["id"] == str(response.pk)
    assert resource["subject"]["reference"] == f"Patient/{episode.person_id}"
    assert resource["author"]["reference"] == f"Practitioner/{network.practitioner_a.pk}"
    assert resource["questionnaire"] == "https://liaison.example.org/fhir/Questionnaire/phq9|1.0.0"
    group = resource["item"][0]
    assert group["linkId"] == "problems"
    assert group["item"][0]["answer"] == [
        {
            "valueCoding": {
                "system": "https://liaison.example.org/fhir/CodeSystem/phq9",
                "code": "1",
                "display": "Several days",
            }
        }
    ]


def test_a_result_over_the_threshold_suggests_a_pending_finding(network, episode):
    response = record(network, episode, given=answers.phq9(3, 3, 3, 1, 0, 0, 0, 0, 0))
    finding = Finding.objects.get(episode=episode)
    assert (finding.domain, finding.status, finding.source) == ("mental_health", "suspected", FindingSource.INSTRUMENT)
    assert (finding.decision, finding.suggested_by, finding.event_id) == (Decision.PENDING, "phq9", response.event_id)
    assert finding.decided_at is None


def test_a_result_under_the_threshold_suggests_nothing(network, episode):
    record(network, episode, given=answers.phq9(1, 1, 1, 1, 1, 1, 1, 1, 0))
    assert not Finding.objects.exists()


def test_phq9_item_9_raises_the_safety_prompt_on_the_response(network, episode):
    response = record(network, episode, given=answers.phq9(0, 0, 0, 0, 0, 0, 0, 0, 1))
    assert response.safety_prompt
    assert response.flags == ["safety_prompt"]
    assert response.event.data["flags"] == ["safety_prompt"]


def test_the_core_screen_records_its_findings_as_entered_and_its_urgency(network, episode):
    given = answers.ld_core(
        {"mental_health": "confirmed", "self_harm": "suspected"},
        **{"domain.mental_health.source": "records", "domain.mental_health.note": "Known to CMHT"},
    )
    response = record(network, episode, "ld-core", given)
    findings = {f.domain: f for f in Finding.objects.filter(episode=episode)}
    assert set(findings) == {"mental_health", "self_harm"}
    mh = findings["mental_health"]
    assert (mh.status, mh.source, mh.note, mh.decision) == ("confirmed", "records", "Known to CMHT", "")
    assert findings["self_harm"].source == FindingSource.SCREENING
    assert response.safety_prompt
    assert response.total is None
    assert response.event.data["urgency"] == "same_day"


def test_answers_to_questions_not_asked_are_dropped(network, episode):
    given = answers.ld_core({}, **{"domain.drugs.status": "suspected"})
    response = record(network, episode, "ld-core", given)
    assert not Finding.objects.exists()
    assert "domain.drugs.status" not in str(response.resource)


def test_every_missing_unknown_or_invalid_answer_is_named_and_nothing_is_written(network, episode):
    before = written(episode)
    given = answers.phq9() | {"3": "7", "11": "0", "5": True}
    del given["1"]
    with pytest.raises(Invalid) as refused:
        record(network, episode, given=given)
    assert set(refused.value.errors) == {"1", "3", "5", "11"}
    assert written(episode) == before


def test_a_young_persons_core_screen_must_answer_the_children_and_young_peoples_questions(network):
    young = factories.person(by=network.practitioner_a, scheme=network.scheme_a, date_of_birth=date(2010, 1, 1))
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, who=young)
    assert episode.age_band == "10-17"
    with pytest.raises(Invalid) as refused:
        record(network, episode, "ld-core", answers.ld_core())
    assert set(refused.value.errors) == {"cyp.guardian", "cyp.safeguarding", "cyp.yot"}
    assert record(network, episode, "ld-core", answers.ld_core(young=True)).resource


def test_an_adults_core_screen_refuses_the_young_peoples_questions(network, episode):
    with pytest.raises(Invalid) as refused:
        record(network, episode, "ld-core", answers.ld_core(young=True))
    assert set(refused.value.errors) == {"cyp.guardian", "cyp.safeguarding", "cyp.yot"}


def test_a_licence_required_instrument_cannot_be_started(network, episode):
    before = written(episode)
    with pytest.raises(PermissionDenied) as refused:
        record(network, episode, "ldsq", {})
    assert refused.value.code == "licence_required"
    assert written(episode) == before


def test_an_unknown_instrument_is_not_found(network, episode):
    with pytest.raises(NotFound) as refused:
        record(network, episode, "phq10", {})
    assert refused.value.code == "unknown_instrument"


def test_another_schemes_practitioner_cannot_record(network, episode):
    with pytest.raises(PermissionDenied):
        instrument_record(by=network.practitioner_b, episode=episode, instrument="phq9", answers=answers.phq9())
    assert not InstrumentResponse.objects.exists()


def test_a_closed_episode_takes_no_instrument(network, episode):
    episode_close(
        by=network.practitioner_a, episode=episode, justice_outcome="no_further_action", ld_outcome="declined"
    )
    with pytest.raises(StageNotAllowed):
        record(network, episode)
    assert not InstrumentResponse.objects.exists()


def test_voiding_the_instrument_entry_voids_the_response_and_its_suggestions(network, episode):
    response = record(network, episode, given=answers.phq9(3, 3, 3, 3, 0, 0, 0, 0, 0))
    entry_void(by=network.practitioner_a, episode=episode, event=response.event, reason="Wrong person")
    response.refresh_from_db()
    assert response.is_voided and response.void_reason == "Wrong person"
    assert Finding.objects.get(episode=episode).is_voided


def test_answers_carried_forward_are_kept_on_the_result(network, episode):
    given = answers.ld_core({"veteran": "confirmed"})
    response = record(network, episode, "ld-core", given, carried_forward=["domain.veteran.concern", "nope"])
    assert response.result["carried_forward"] == ["domain.veteran.concern"]


def test_every_bundled_instrument_records_a_response_that_validates_as_fhir(network, episode):
    given = {
        "phq9": answers.phq9(),
        "gad7": answers.gad7(),
        "audit": answers.audit(),
        "auditc": {"1": "0", "2": "0", "3": "0"},
        "dast10": answers.dast10(),
        "bjmhs": answers.bjmhs({"9"}) | {"comments": "Withdrawn, little eye contact"},
        "helps": answers.helps(),
        "ld-core": answers.ld_core({"veteran": "confirmed"}, **{"communication.needs": ["interpreter", "easy_read"]}),
    }
    for code, these in given.items():
        record(network, episode, code, these)
    for stored in InstrumentResponse.objects.all():
        QuestionnaireResponse.model_validate(stored.resource)
    assert InstrumentResponse.objects.count() == len(given)
