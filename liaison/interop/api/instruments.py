"""Screening instruments: their FHIR Questionnaires, and completing one for an episode.

`POST /episodes/{id}/screenings` calls the same action as the form: a missing, unknown or
invalid answer is 422 naming every bad linkId, an instrument still needing a licence is 403
`licence_required`, and nothing is written on any error.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Router, Schema, Status
from pydantic import Field, field_validator

from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Code, Error, When
from liaison.pathway.selectors import episode_get
from liaison.screening.instruments.actions import instrument_record
from liaison.screening.instruments.catalogue import instrument_get, instruments
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.instruments.selectors import episode_responses, response_findings, response_get
from liaison.screening.models import Finding

router = Router(tags=["instruments"])


class InstrumentOut(Schema):
    code: str
    title: str
    version: str
    licence: str = Field(description="public-domain, free-with-conditions or licence-required")
    can_start: bool = Field(description="False for a licensed instrument until its definition is loaded")
    questionnaire: str = Field(description="Canonical url|version of the current Questionnaire")


class ScreeningIn(Schema):
    instrument: Code = Field(description="An instrument code from GET /instruments, e.g. phq9")
    answers: dict[str, Any] = Field(
        description="linkId -> the answerOption valueCoding code, true/false for yes/no questions, text for "
        "free-text questions, or a list of codes for a question taking several"
    )
    occurred_at: When | None = None

    @field_validator("answers")
    @classmethod
    def _not_too_many(cls, value: dict[str, Any]) -> dict[str, Any]:
        if len(value) > 500:
            raise ValueError("Too many answers")
        return value


class BandOut(Schema):
    code: str
    label: str
    meaning: str


class FlagOut(Schema):
    code: str
    text: str


class SuggestedOut(Schema):
    finding_id: int | None = Field(
        description="The pending finding written: decide it at /episodes/{episode_id}/findings/{finding_id}/decision"
    )
    domain: str
    status: str
    reason: str


class RecordedOut(Schema):
    finding_id: int | None
    domain: str
    status: str
    source: str
    note: str


class ScreeningOut(Schema):
    id: str = Field(description="The QuestionnaireResponse id")
    instrument: str
    questionnaire: str
    episode_id: str
    event_id: int
    total: int | None
    maximum: int | None
    band: BandOut | None
    flags: list[FlagOut]
    suggested_findings: list[SuggestedOut]
    recorded_findings: list[RecordedOut]
    recorded_at: datetime
    voided: bool


@router.get(
    "/instruments",
    response={200: list[InstrumentOut], ERRORS: Error},
    summary="Instruments, their versions and licence status",
)
def instrument_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": i.code,
            "title": i.title,
            "version": i.version,
            "licence": i.licence,
            "can_start": i.can_start,
            "questionnaire": i.definition.canonical,
        }
        for i in instruments()
    ]


@router.get(
    "/instruments/{instrument}", response={200: dict[str, Any], ERRORS: Error}, summary="The current FHIR Questionnaire"
)
def questionnaire(request: HttpRequest, instrument: str) -> JsonResponse:
    resource = instrument_get(instrument).definition.resource
    return JsonResponse(resource)


@router.post(
    "/episodes/{episode_id}/screenings",
    response={201: ScreeningOut, ERRORS: Error},
    summary="Complete an instrument for an episode",
)
def screening_create(request: HttpRequest, episode_id: str, payload: ScreeningIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    episode = episode_get(user=user, episode_id=episode_id, what="api: screening", channel="api")
    response = instrument_record(
        by=user,
        episode=episode,
        instrument=payload.instrument,
        answers=payload.answers,
        occurred_at=payload.occurred_at,
    )
    return Status(201, _screening(response))


def _with_ids(entries: list[dict[str, Any]], findings: list[Finding]) -> list[dict[str, Any]]:
    """The stored result's findings, each with the id of the row it wrote (same domain, in order)."""
    unused = list(findings)
    out = []
    for entry in entries:
        row = next((f for f in unused if f.domain == entry.get("domain")), None)
        if row is not None:
            unused.remove(row)
        out.append({**entry, "finding_id": row.pk if row else None})
    return out


def _screening(response: InstrumentResponse) -> dict[str, Any]:
    result = response.result
    written = response_findings(response=response)
    return {
        "id": str(response.pk),
        "instrument": response.instrument,
        "questionnaire": response.resource["questionnaire"],
        "episode_id": str(response.episode_id),
        "event_id": response.event_id,
        "total": result["total"],
        "maximum": result["maximum"],
        "band": result["band"],
        "flags": result["flags"],
        # Suggestions are the rows an instrument marked as its own; the rest were recorded as entered.
        "suggested_findings": _with_ids(result["suggested"], [f for f in written if f.suggested_by]),
        "recorded_findings": _with_ids(result["recorded"], [f for f in written if not f.suggested_by]),
        "recorded_at": response.recorded_at,
        "voided": response.is_voided,
    }


@router.get(
    "/episodes/{episode_id}/screenings",
    response={200: list[ScreeningOut], ERRORS: Error},
    summary="An episode's completed instruments, oldest first",
)
def screening_list(request: HttpRequest, episode_id: str) -> list[dict[str, Any]]:
    episode = episode_get(user=user_of(request), episode_id=episode_id, what="api: screenings", channel="api")
    return [_screening(r) for r in episode_responses(episode=episode)]


@router.get(
    "/episodes/{episode_id}/screenings/{response_id}",
    response={200: dict[str, Any], ERRORS: Error},
    summary="A completed instrument as its FHIR QuestionnaireResponse",
)
def screening_get(request: HttpRequest, episode_id: str, response_id: str) -> JsonResponse:
    episode = episode_get(user=user_of(request), episode_id=episode_id, what="api: screening", channel="api")
    return JsonResponse(response_get(episode=episode, response_id=response_id).resource)
