"""An episode's findings, deciding suggested ones and recording safety plans: the same selectors
and actions as the pages, each write answering with the one event it wrote."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from liaison.core.vocabulary import FindingStatus
from liaison.interop.api import present
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Code, Error, EventOut, FindingOut, Long, Short, When
from liaison.pathway.selectors import episode_get
from liaison.screening.actions import DECISIONS, Informed, InformedRole, finding_decide, safety_plan_record
from liaison.screening.selectors import finding_get

router = Router(tags=["findings"])

Written = Status[dict[str, Any]]


class DecisionIn(Schema):
    decision: Code = Field(description=f"One of {', '.join(d.value for d in DECISIONS)}")
    status: Code | None = Field(
        None, description=f"For `changed`: the new status, one of {', '.join(FindingStatus.values)}"
    )
    reason: Long = Field("", description="Required to change or reject a suggestion")
    occurred_at: When | None = None


class InformedIn(Schema):
    role: Code = Field(description=f"One of {', '.join(InformedRole.values)}")
    name: Short = ""


class SafetyPlanIn(Schema):
    plan: Long = Field(description="The plan in the practitioner's words; never a score")
    informed: list[InformedIn] = Field(max_length=20, description="Who was told: custody staff and their roles")
    informed_at: When | None = Field(None, description="When they were told; omitted means now, as on every step")
    occurred_at: When | None = None


@router.get(
    "/episodes/{episode_id}/findings",
    response={200: list[FindingOut], ERRORS: Error},
    summary="An episode's findings, with the ids decisions and shares take",
)
def listing(request: HttpRequest, episode_id: str) -> list[dict[str, Any]]:
    """Every finding, voided ones too (marked): pending suggestions wait for a decision, and
    `shareable` ones may go into a share's `finding_ids`."""
    episode = episode_get(user=user_of(request), episode_id=episode_id, what="api: findings", channel="api")
    return present.findings(episode)


@router.post(
    "/episodes/{episode_id}/findings/{finding_id}/decision",
    response={201: EventOut, ERRORS: Error},
    summary="Accept, change or reject a suggested finding",
)
def decide(request: HttpRequest, episode_id: str, finding_id: str, payload: DecisionIn) -> Written:
    """Only a pending suggestion can be decided (409 `finding_not_pending` otherwise)."""
    user = user_of(request)
    episode = episode_get(user=user, episode_id=episode_id, what="api: finding decision", channel="api")
    finding = finding_get(episode=episode, finding_id=finding_id)
    event = finding_decide(
        by=user,
        finding=finding,
        decision=payload.decision,
        status=payload.status,
        note=payload.reason,
        occurred_at=payload.occurred_at,
    )
    return Status(201, present.event(event))


@router.post(
    "/episodes/{episode_id}/safety-plans",
    response={201: EventOut, ERRORS: Error},
    summary="Record a safety plan and who was told",
)
def safety_plan(request: HttpRequest, episode_id: str, payload: SafetyPlanIn) -> Written:
    user = user_of(request)
    episode = episode_get(user=user, episode_id=episode_id, what="api: safety plan", channel="api")
    event = safety_plan_record(
        by=user,
        episode=episode,
        plan=payload.plan,
        informed=[Informed(i.role, i.name) for i in payload.informed],
        informed_at=payload.informed_at,
        occurred_at=payload.occurred_at,
    )
    return Status(201, present.event(event))
