import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.questionnaire import Questionnaire

from liaison.core.fhir import R4_RESOURCES, validate_r4

pytestmark = pytest.mark.django_db


def test_metadata_is_a_valid_capability_statement_without_sign_in(client):
    response = client.get("/fhir/r4/metadata")
    assert response.status_code == 200
    statement = CapabilityStatement.model_validate(response.json())
    assert [r.type for r in statement.rest[0].resource] == ["Questionnaire"]


def test_metadata_advertises_fhir_r4_4_0_1_in_the_statement_and_the_media_type(client):
    response = client.get("/fhir/r4/metadata")
    assert response.json()["fhirVersion"] == "4.0.1"
    assert response["Content-Type"] == "application/fhir+json; fhirVersion=4.0"


def test_every_resource_type_the_statement_lists_is_one_validated_as_r4(client):
    listed = {r["type"] for r in client.get("/fhir/r4/metadata").json()["rest"][0]["resource"]}
    assert listed <= set(R4_RESOURCES)


def test_what_the_endpoint_serves_passes_the_r4_check(client):
    for path in (
        "/fhir/r4/metadata",
        "/fhir/r4/Questionnaire",
        "/fhir/r4/Questionnaire/ld-core",
        "/fhir/r4/Questionnaire/x",
    ):
        validate_r4(client.get(path).json())


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
