"""What is served and stored as FHIR is R4 (4.0.1), as the CapabilityStatement says, although the
models fhir.resources ships are R4B's: `validate_r4` refuses what R4B allows and R4 does not."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from liaison.core.fhir import NotR4, validate_r4
from liaison.screening.instruments.catalogue import CODES, bundled_files


def questionnaire(**extra: Any) -> dict[str, Any]:
    return {"resourceType": "Questionnaire", "status": "active", **extra}


@pytest.mark.parametrize("code", CODES)
def test_every_bundled_questionnaire_is_r4(code):
    validate_r4(json.loads(bundled_files(code)[-1].read_text(encoding="utf-8")))


def test_a_questionnaire_that_is_r4_passes():
    assert validate_r4(questionnaire(title="PHQ-9")).title == "PHQ-9"


def test_an_extension_value_type_only_r4b_has_is_refused():
    extension = {"url": "https://example.org/x", "valueCodeableReference": {"concept": {"text": "a"}}}
    with pytest.raises(NotR4, match="valueCodeableReference is a type FHIR R4 does not have"):
        validate_r4(questionnaire(extension=[extension]))


def test_an_r4b_only_extension_value_deep_in_an_item_is_refused():
    item = {"linkId": "1", "type": "display", "text": "Hint", "extension": [{"url": "x", "valueRatioRange": {}}]}
    with pytest.raises(NotR4, match=r"item\[0\]\.extension\[0\]\.valueRatioRange"):
        validate_r4(questionnaire(item=[item]))


def test_a_resource_type_this_service_does_not_check_as_r4_is_refused():
    with pytest.raises(NotR4, match="Patient is not a resource type"):
        validate_r4({"resourceType": "Patient"})


def test_a_bundle_holding_a_resource_type_r4_does_not_have_is_refused():
    topic = {"resourceType": "SubscriptionTopic", "url": "https://example.org/t", "status": "active"}
    with pytest.raises(NotR4, match="SubscriptionTopic, which this service does not check as R4"):
        validate_r4({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": topic}]})


def test_a_capability_statement_for_another_fhir_version_is_refused():
    statement = {"resourceType": "CapabilityStatement", "status": "active", "date": "2026-01-01", "kind": "instance"}
    with pytest.raises(NotR4, match=r"fhirVersion is 4\.3\.0"):
        validate_r4({**statement, "fhirVersion": "4.3.0", "format": ["json"]})


def test_a_resource_the_model_refuses_is_refused():
    with pytest.raises(ValidationError):
        validate_r4(questionnaire(item="not a list"))
