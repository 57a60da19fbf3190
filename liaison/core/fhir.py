"""FHIR R4 (4.0.1), which /fhir/r4 advertises, checked with the models fhir.resources ships.

fhir.resources 8 has R5 (its default), R4B (4.3.0) and STU3, and no R4. For the resource types
this service reads and writes (`R4_RESOURCES`) the R4 and R4B definitions are the same element
for element: paths, cardinalities, types and bindings (ADR 0009 says how that was checked). R4B
adds what such a resource could still carry: two extension value types, resource types R4 does
not have inside a Bundle or `contained`, and its own version number. `validate_r4` refuses those
and then validates with the R4B model, so what passes is R4.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.resource import Resource
from fhir.resources.R4B.valueset import ValueSet

FHIR_VERSION = "4.0.1"
# The media type with its version parameter (FHIR R4, http.html: "4.0" is R4).
FHIR_JSON = "application/fhir+json; fhirVersion=4.0"

# Resource types whose R4B definition is R4's: the service's own, and the value sets and code
# systems a Questionnaire may contain for its answers.
R4_RESOURCES: dict[str, type[Resource]] = {
    "Bundle": Bundle,
    "CapabilityStatement": CapabilityStatement,
    "CodeSystem": CodeSystem,
    "OperationOutcome": OperationOutcome,
    "Questionnaire": Questionnaire,
    "QuestionnaireResponse": QuestionnaireResponse,
    "ValueSet": ValueSet,
}
# Extension.value[x] types R4B added (R4B's CodeableReference and RatioRange datatypes).
_R4B_ONLY_KEYS = frozenset({"valueCodeableReference", "valueRatioRange"})


class NotR4(ValueError):
    """A resource that is not valid FHIR R4 (4.0.1) as this service checks it."""


def _r4b_only(node: Any, path: str) -> Iterator[str]:
    if isinstance(node, list):
        for n, item in enumerate(node):
            yield from _r4b_only(item, f"{path}[{n}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("resourceType")
    if kind is not None and kind not in R4_RESOURCES:
        yield f"{path} is a {str(kind)[:40]}, which this service does not check as R4"
    for key, value in node.items():
        if key in _R4B_ONLY_KEYS:
            yield f"{path}.{key} is a type FHIR R4 does not have"
        yield from _r4b_only(value, f"{path}.{key}")


def validate_r4(resource: Any) -> Resource:
    """The resource as a model; `NotR4` (a ValueError) or pydantic's ValidationError if it is not R4."""
    if not isinstance(resource, dict) or resource.get("resourceType") not in R4_RESOURCES:
        kind = resource.get("resourceType") if isinstance(resource, dict) else type(resource).__name__
        raise NotR4(f"{str(kind)[:40]} is not a resource type this service checks as FHIR R4")
    problems = list(_r4b_only(resource, str(resource["resourceType"])))
    version = resource.get("fhirVersion")
    if version is not None and not str(version).startswith("4.0"):
        problems.append(f"fhirVersion is {str(version)[:20]}, not R4 (4.0.x)")
    if problems:
        raise NotR4("; ".join(problems))
    return R4_RESOURCES[resource["resourceType"]].model_validate(resource)
