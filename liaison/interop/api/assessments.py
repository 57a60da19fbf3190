"""Assessments: start a draft, update it (its author only), complete it, amend it, read it.

A draft save writes no pathway event; completion writes `episode:assess` and amendment
`assessment:amend`, each through the stage table (409 `stage_not_allowed` otherwise).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from liaison.assessment import actions, selectors
from liaison.assessment.models import Assessment, CourtConsideration, TreatmentRequirement
from liaison.core.vocabulary import Vulnerability
from liaison.interop.api.auth import episode_of, user_of
from liaison.interop.api.schemas import ERRORS, Code, Document, Error, Long, When

router = Router(tags=["assessments"])


class AssessmentIn(Schema):
    history: Document = ""
    presentation: Document = ""
    needs: dict[Code, Long] = Field(
        default_factory=dict,
        max_length=len(Vulnerability.values),
        description=f"Vulnerability domain -> needs in words; domains: {', '.join(Vulnerability.values)}",
    )
    formulation: Document = ""
    onward_referral: Document = ""
    court: list[Code] = Field(
        default_factory=list, max_length=10, description=f"Any of {', '.join(CourtConsideration.values)}"
    )
    treatment_requirements: list[Code] = Field(
        default_factory=list,
        max_length=10,
        description=f"Community sentence treatment requirements: any of {', '.join(TreatmentRequirement.values)}",
    )
    recommendations_note: Long = ""

    def content(self) -> actions.AssessmentContent:
        return actions.AssessmentContent(**self.model_dump())


class CompleteIn(Schema):
    occurred_at: When | None = None


class AmendIn(AssessmentIn):
    reason: Long = Field(description="Why this version replaces the one amended")
    occurred_at: When | None = None

    def content(self) -> actions.AssessmentContent:
        return actions.AssessmentContent(**self.model_dump(exclude={"reason", "occurred_at"}))


class AssessmentOut(Schema):
    id: int
    episode_id: str
    version: int
    status: str
    author: str
    replaces: int | None
    amend_reason: str
    superseded_by: int | None
    history: str
    presentation: str
    needs: dict[str, str]
    formulation: str
    onward_referral: str
    court: list[str]
    treatment_requirements: list[str]
    recommendations_note: str
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    event_id: int | None


def _out(a: Assessment) -> dict[str, Any]:
    newer = selectors.superseding(assessment=a)
    return {
        "id": a.pk,
        "episode_id": str(a.episode_id),
        "version": a.version,
        "status": a.status,
        "author": str(a.author),
        "replaces": a.replaces_id,
        "amend_reason": a.amend_reason,
        "superseded_by": newer.pk if newer else None,
        **{name: getattr(a, name) for name in actions.FIELDS},
        "created_at": a.created_at,
        "updated_at": a.updated_at,
        "completed_at": a.completed_at,
        "event_id": a.event_id,
    }


_ONE = "/episodes/{episode_id}/assessments/{assessment_id}"


@router.post(
    "/episodes/{episode_id}/assessments", response={201: AssessmentOut, ERRORS: Error}, summary="Start a draft"
)
def start(request: HttpRequest, episode_id: str, payload: AssessmentIn) -> Status[dict[str, Any]]:
    """409 `draft_exists` or `assessment_exists` (with `assessment_id`) where the episode has one."""
    episode = episode_of(request, episode_id, "assessment start")
    a = actions.assessment_start(by=user_of(request), episode=episode, content=payload.content())
    return Status(201, _out(a))


@router.get(
    "/episodes/{episode_id}/assessments", response={200: list[AssessmentOut], ERRORS: Error}, summary="Every version"
)
def listing(request: HttpRequest, episode_id: str) -> list[dict[str, Any]]:
    episode = episode_of(request, episode_id, "assessments")
    return [_out(a) for a in selectors.episode_assessments(episode=episode)]


@router.get(_ONE, response={200: AssessmentOut, ERRORS: Error}, summary="One version")
def detail(request: HttpRequest, episode_id: str, assessment_id: str) -> dict[str, Any]:
    episode = episode_of(request, episode_id, "assessment")
    return _out(selectors.assessment_get(episode=episode, assessment_id=assessment_id))


@router.put(_ONE, response={200: AssessmentOut, ERRORS: Error}, summary="Update a draft (its author only)")
def update(request: HttpRequest, episode_id: str, assessment_id: str, payload: AssessmentIn) -> dict[str, Any]:
    """Replaces the draft's content. 409 `assessment_locked` once completed; 403 `not_the_author`."""
    episode = episode_of(request, episode_id, "assessment draft")
    a = selectors.assessment_get(episode=episode, assessment_id=assessment_id)
    return _out(actions.assessment_draft_save(by=user_of(request), assessment=a, content=payload.content()))


@router.post(f"{_ONE}/complete", response={200: AssessmentOut, ERRORS: Error}, summary="Complete and lock a draft")
def complete(request: HttpRequest, episode_id: str, assessment_id: str, payload: CompleteIn) -> dict[str, Any]:
    """Needs history, presentation and formulation (422 otherwise); writes `episode:assess`."""
    episode = episode_of(request, episode_id, "assessment completion")
    a = selectors.assessment_get(episode=episode, assessment_id=assessment_id)
    actions.assessment_complete(by=user_of(request), assessment=a, occurred_at=payload.occurred_at)
    return _out(a)


@router.post(f"{_ONE}/amend", response={201: AssessmentOut, ERRORS: Error}, summary="Amend: a new version")
def amend(request: HttpRequest, episode_id: str, assessment_id: str, payload: AmendIn) -> Status[dict[str, Any]]:
    """The new version names the one it replaces; that one stays readable, superseded. 409
    `assessment_superseded` for a version already amended."""
    episode = episode_of(request, episode_id, "assessment amendment")
    a = selectors.assessment_get(episode=episode, assessment_id=assessment_id)
    new = actions.assessment_amend(
        by=user_of(request),
        assessment=a,
        reason=payload.reason,
        content=payload.content(),
        occurred_at=payload.occurred_at,
    )
    return Status(201, _out(new))
