"""Governance, commissioning and guidance as JSON (read only; writes are the pages'):
`GET /governance/commissioning` (every scheme's arrangement in force, for commissioners and the
programme team), `GET /governance/comparison` (the models against the measures, published),
`GET /governance/{scheme_code}/board` (the board, its meetings, decisions and actions, for the
scheme's team leads and managers and those who report on it) and `GET /guidance` (the library,
for every token). The same selectors as the pages: another scheme's board is 404 `not_found`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from liaison.core import clock
from liaison.core.errors import NotFound
from liaison.governance import selectors
from liaison.governance.comparison import compare
from liaison.governance.models import Arrangement, BoardAction, BoardMember
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Error
from liaison.reporting.figures import all_rows
from liaison.reporting.publication import plain
from liaison.standards.periods import latest_quarter_ended, parse

router = Router(tags=["governance"])


class SubcontractorOut(Schema):
    organisation: str
    provides: str


class ArrangementOut(Schema):
    commissioner: str
    lead_provider: str
    model: str
    contract_start: date
    contract_end: date | None
    subcontractors: list[SubcontractorOut]


class SchemeArrangementOut(Schema):
    scheme_code: str
    scheme_name: str
    arrangement: ArrangementOut | None


class CommissioningOut(Schema):
    on: date
    schemes: list[SchemeArrangementOut]


class ModelLineOut(Schema):
    model: str
    label: str
    schemes: int
    population: int
    identified: int | str
    identified_per_100k: str | None
    screened_within_target_percent: str | None
    first_appointment_attended_percent: str | None


class ComparisonOut(Schema):
    period: str
    disclosure: str
    models: list[ModelLineOut]


class MemberOut(Schema):
    id: int
    name: str
    role_title: str
    agency: str
    organisation: str
    joined_on: date
    left_on: date | None


class ActionOut(Schema):
    id: int
    action: str
    owner_id: int
    due_on: date
    status: str
    closed_on: date | None
    closed_note: str


class DecisionOut(Schema):
    id: int
    decision: str


class MeetingOut(Schema):
    id: int
    held_on: date
    attendee_ids: list[int]
    minutes: str
    decisions: list[DecisionOut]
    actions: list[ActionOut]


class BoardOut(Schema):
    scheme_code: str
    name: str
    established_on: date
    members: list[MemberOut]
    meetings: list[MeetingOut]


class GuidanceOut(Schema):
    code: str
    version: int
    title: str
    published_on: date
    summary: str
    body: str
    url: str
    superseded_by: str | None
    supports: list[str]


def _arrangement(a: Arrangement | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "commissioner": a.commissioner,
        "lead_provider": a.lead_provider,
        "model": a.model,
        "contract_start": a.contract_start,
        "contract_end": a.contract_end,
        "subcontractors": [{"organisation": s.organisation, "provides": s.provides} for s in a.subcontractors.all()],
    }


def _member(m: BoardMember) -> dict[str, Any]:
    fields = ("name", "role_title", "agency", "organisation", "joined_on", "left_on")
    return {"id": m.pk, **{f: getattr(m, f) for f in fields}}


def _action(a: BoardAction) -> dict[str, Any]:
    fields = ("action", "owner_id", "due_on", "status", "closed_on", "closed_note")
    return {"id": a.pk, **{f: getattr(a, f) for f in fields}}


@router.get(
    "/governance/commissioning",
    response={200: CommissioningOut, ERRORS: Error},
    summary="Every scheme you report on with its commissioning arrangement in force on `on` (default today)",
)
def commissioning(request: HttpRequest, on: date | None = None) -> dict[str, Any]:
    day = on or clock.today()
    rows = selectors.programme_arrangements(user=user_of(request), on=day)
    return {
        "on": day,
        "schemes": [{"scheme_code": s.code, "scheme_name": s.name, "arrangement": _arrangement(a)} for s, a in rows],
    }


@router.get(
    "/governance/comparison",
    response={200: ComparisonOut, ERRORS: Error},
    summary="Models of commissioning and provision against the measures over `period` (a quarter or financial "
    "year), published under disclosure control",
)
def comparison(request: HttpRequest, period: str | None = None) -> dict[str, Any]:
    if not selectors.governance_scope(user_of(request)).programme:
        raise NotFound("No such page.")
    chosen = parse(period) if period else latest_quarter_ended(clock.today())
    lines = compare(period=chosen, computed=all_rows())
    return {
        "period": chosen.code,
        "disclosure": "published",
        "models": [
            {
                "model": line.code,
                "label": line.label,
                "schemes": line.schemes,
                "population": line.population,
                "identified": plain(line.identified),
                "identified_per_100k": None if line.per_100k is None else str(line.per_100k),
                "screened_within_target_percent": None
                if line.screened_within_target is None
                else str(line.screened_within_target),
                "first_appointment_attended_percent": None
                if line.first_appointment is None
                else str(line.first_appointment),
            }
            for line in lines
        ],
    }


@router.get(
    "/governance/{scheme_code}/board",
    response={200: BoardOut, ERRORS: Error},
    summary="A scheme's partnership board: members by agency, meetings, decisions and actions",
)
def board(request: HttpRequest, scheme_code: str) -> dict[str, Any]:
    scheme = selectors.scheme_for(user=user_of(request), code=scheme_code)
    found = selectors.board_of(scheme)
    if found is None:
        raise NotFound("The scheme has no partnership board recorded.")
    return {
        "scheme_code": scheme.code,
        "name": found.name,
        "established_on": found.established_on,
        "members": [_member(m) for m in found.members.all()],
        "meetings": [
            {
                "id": meeting.pk,
                "held_on": meeting.held_on,
                "attendee_ids": sorted(m.pk for m in meeting.attendees.all()),
                "minutes": meeting.minutes,
                "decisions": [{"id": d.pk, "decision": d.decision} for d in meeting.decisions.all()],
                "actions": [_action(a) for a in meeting.actions.all()],
            }
            for meeting in found.meetings.all()
        ],
    }


@router.get(
    "/guidance",
    response={200: list[GuidanceOut], ERRORS: Error},
    summary="The good-practice guidance library: every version (`current` keeps only current versions)",
)
def guidance(request: HttpRequest, current: bool = False) -> list[dict[str, Any]]:
    user_of(request)
    return [
        {
            "code": d.code,
            "version": d.version,
            "title": d.title,
            "published_on": d.published_on,
            "summary": d.summary,
            "body": d.body,
            "url": d.url,
            "superseded_by": f"{d.superseded_by.code} v{d.superseded_by.version}" if d.superseded_by else None,
            "supports": [f"{s.framework_code}:{s.criterion_code}" for s in d.supports.all()],
        }
        for d in selectors.guidance_documents(current_only=current).order_by("code", "version")
    ]
