import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.questionnaire import Questionnaire

pytestmark = pytest.mark.django_db


def test_metadata_is_a_valid_capability_statement_without_sign_in(client):
    response = client.get("/fhir/r4/metadata")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    statement = CapabilityStatement.model_validate(response.json())
    assert statement.fhirVersion == "4.0.1"
    assert [r.type for r in statement.rest[0].resource] == ["Questionnaire"]


def test_the_free_instruments_are_published_as_valid_questionnaires(client):
    bundle = Bundle.model_validate(client.get("/fhir/r4/Questionnaire").json())
    codes = {e.resource.id for e in bundle.entry}
    assert {"phq9", "gad7", "audit", "auditc", "dast10", "bjmhs", "helps", "ld-core"} <= codes
    assert not codes & {"ldsq", "hasi", "aq10", "chat"}


def test_one_questionnaire_reads_by_its_code(client):
    response = client.get("/fhir/r4/Questionnaire/phq9")
    assert response.status_code == 200
    questionnaire = Questionnaire.model_validate(response.json())
    assert questionnaire.id == "phq9"
    problems = next(i for i in questionnaire.item if i.type == "group")
    assert len([i for i in problems.item if i.type == "choice"]) == 9


@pytest.mark.parametrize("code", ["nosuch", "ldsq", "x" * 300])
def test_unknown_or_licensed_questionnaires_are_an_operation_outcome_404(client, code):
    response = client.get(f"/fhir/r4/Questionnaire/{code}")
    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


def test_the_fhir_endpoint_refuses_writes(client):
    assert client.post("/fhir/r4/Questionnaire", data={}).status_code == 405
