"""FHIR R4 under /fhir/r4/: the CapabilityStatement and the instrument Questionnaires.

Only what carries no personal data is served here without sign-in: the definitions of the
instruments that may be used freely. A licensed definition a service has uploaded is not
republished (its licence is the service's, not the public's). Responses about people stay
behind the authenticated JSON API (`GET /api/v1/episodes/{id}/screenings/{response_id}`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from liaison.core import clock
from liaison.core.errors import NotFound
from liaison.core.fhir import FHIR_JSON, FHIR_VERSION, validate_r4
from liaison.screening.instruments.catalogue import Instrument, instrument_get, instruments
from liaison.screening.instruments.definition import Licence

# The resource types served; the CapabilityStatement lists them.
SERVED = ("Questionnaire",)


def _fhir(resource: dict[str, Any], status: int = 200) -> JsonResponse:
    """Everything that leaves is first checked as FHIR R4, the version the endpoint advertises."""
    validate_r4(resource)
    return JsonResponse(resource, status=status, content_type=FHIR_JSON)


def _published(instrument: Instrument) -> bool:
    return instrument.licence != Licence.LICENCE_REQUIRED and instrument.can_start


def _not_found(text: str) -> JsonResponse:
    outcome = {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "not-found", "diagnostics": text}],
    }
    return _fhir(outcome, status=404)


@login_not_required
@require_GET
def metadata(request: HttpRequest) -> JsonResponse:
    return _fhir(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": clock.now().date().isoformat(),
            "publisher": "Liaison (open-source software for NHS liaison and diversion services)",
            "kind": "instance",
            "software": {"name": "Liaison", "version": "0.1.0"},
            "implementation": {
                "description": "Liaison FHIR R4 endpoint",
                "url": request.build_absolute_uri("/fhir/r4"),
            },
            "fhirVersion": FHIR_VERSION,
            "format": ["json"],
            "rest": [
                {
                    "mode": "server",
                    "documentation": "Instrument definitions are public; answers about people are served by the "
                    "authenticated JSON API under /api/v1/.",
                    "resource": [
                        {"type": kind, "interaction": [{"code": "read"}, {"code": "search-type"}]} for kind in SERVED
                    ],
                }
            ],
        }
    )


@login_not_required
@require_GET
def questionnaire_search(request: HttpRequest) -> JsonResponse:
    base = request.build_absolute_uri("/fhir/r4/Questionnaire")
    entries = [
        {"fullUrl": f"{base}/{i.code}", "resource": {**i.definition.resource, "id": i.code}}
        for i in instruments()
        if _published(i)
    ]
    return _fhir({"resourceType": "Bundle", "type": "searchset", "total": len(entries), "entry": entries})


@login_not_required
@require_GET
def questionnaire_read(request: HttpRequest, instrument: str) -> JsonResponse:
    try:
        found = instrument_get(instrument)
    except NotFound:
        return _not_found(f"No Questionnaire '{instrument[:40]}'")
    if not _published(found):
        return _not_found(f"The Questionnaire for {found.title} is licensed and not published here")
    return _fhir({**found.definition.resource, "id": found.code})
