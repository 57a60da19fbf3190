"""Loading a licensed Questionnaire (or a new version) through the Django admin: checked with
fhir.resources and against the instrument's expected linkIds, stored as a new version."""

from __future__ import annotations

import copy
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.screening.instruments.actions import instrument_record, questionnaire_upload
from liaison.screening.instruments.catalogue import bundled, instrument_get
from liaison.screening.instruments.models import QuestionnaireVersion
from tests import factories

LDSQ = {
    "resourceType": "Questionnaire",
    "extension": [
        {
            "url": "https://liaison.example.org/fhir/StructureDefinition/instrument-licence",
            "valueCode": "licence-required",
        }
    ],
    "url": "https://liaison.example.org/fhir/Questionnaire/ldsq",
    "version": "licensed-1",
    "title": "Learning Disability Screening Questionnaire (LDSQ)",
    "status": "active",
    "copyright": "Licensed to the service",
    "item": [
        {"linkId": "1", "text": "A licensed question", "type": "boolean", "required": True},
        {"linkId": "2", "text": "Another licensed question", "type": "boolean", "required": True},
    ],
}


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(username="root", password=None)


def test_an_uploaded_licensed_definition_can_then_be_used(network, admin_user):
    assert not instrument_get("ldsq").can_start
    questionnaire_upload(by=admin_user, instrument="ldsq", resource=LDSQ)
    assert instrument_get("ldsq").can_start
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    response = instrument_record(
        by=network.practitioner_a, episode=episode, instrument="ldsq", answers={"1": True, "2": False}
    )
    assert response.version == "licensed-1"
    assert response.total is None  # scored by the licensed manual, not here


def test_an_upload_for_another_instrument_is_refused(admin_user):
    with pytest.raises(Invalid, match="cannot be used") as refused:
        questionnaire_upload(by=admin_user, instrument="hasi", resource=LDSQ)
    assert "not 'hasi'" in refused.value.errors["resource"]
    assert not QuestionnaireVersion.objects.exists()


def test_a_new_version_of_a_scored_instrument_must_keep_the_scorers_questions(admin_user):
    resource = copy.deepcopy(bundled("phq9").resource)
    resource["version"] = "1.1.0"
    del resource["item"][0]["item"][8]
    with pytest.raises(Invalid) as refused:
        questionnaire_upload(by=admin_user, instrument="phq9", resource=resource)
    assert "Question 9 is missing" in refused.value.errors["resource"]


def test_a_new_version_of_a_scored_instrument_becomes_current(admin_user):
    resource = copy.deepcopy(bundled("phq9").resource)
    resource["version"] = "1.1.0"
    questionnaire_upload(by=admin_user, instrument="phq9", resource=resource)
    assert instrument_get("phq9").version == "1.1.0"


def test_a_version_already_loaded_is_refused(admin_user):
    with pytest.raises(Conflict):
        questionnaire_upload(by=admin_user, instrument="phq9", resource=bundled("phq9").resource)


def test_only_an_administrator_can_upload(network):
    with pytest.raises(PermissionDenied):
        questionnaire_upload(by=network.team_lead_a, instrument="ldsq", resource=LDSQ)


def test_invalid_fhir_is_refused(admin_user):
    broken = {**LDSQ, "item": [{"linkId": "1", "text": "x", "type": "boolean", "required": "often"}]}
    with pytest.raises(Invalid):
        questionnaire_upload(by=admin_user, instrument="ldsq", resource=broken)


def _post(client, admin_user, code, content: bytes):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("q.json", content, content_type="application/json")
    return client.post(reverse("admin:screening_questionnaireversion_add"), {"instrument": code, "file": upload})


def test_the_admin_upload_stores_a_valid_file(client, admin_user):
    response = _post(client, admin_user, "ldsq", json.dumps(LDSQ).encode())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert QuestionnaireVersion.objects.get().version == "licensed-1"


def test_the_admin_upload_shows_why_a_file_is_refused_and_stores_nothing(client, admin_user):
    response = _post(client, admin_user, "ldsq", b"not json")
    assert response.status_code == 200
    assert "The file is not JSON" in response.content.decode()
    response = _post(client, admin_user, "aq10", json.dumps(LDSQ).encode())
    assert "not &#x27;aq10&#x27;" in response.content.decode()
    assert not QuestionnaireVersion.objects.exists()
