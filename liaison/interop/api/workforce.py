"""A scheme's workforce as JSON: `GET /workforce/{scheme_code}` (staff in post by role profile
and level, FTE, and the plan's need by staff group, with every assumption it used) and
`GET /workforce/{scheme_code}/training-needs` (who lacks what), read only.

The same selectors as the pages: every role that sees the scheme's reports gets the posts and
the plan, which name no one; the training needs name staff, so only the scheme's team leads and
managers get them. Anyone else, like an unknown code, gets 404 `not_found`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from liaison.core import clock
from liaison.core.errors import NotFound
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Error
from liaison.workforce import selectors
from liaison.workforce.career import current

router = Router(tags=["workforce"])


class WorkforceRoleOut(Schema):
    role: str
    title: str
    level: int
    group: str
    lived_experience: bool
    headcount: int
    fte: Decimal


class WorkforceGroupOut(Schema):
    group: str
    title: str
    workload_hours: Decimal
    cover_hours: Decimal
    fixed_fte: Decimal
    needed_fte: Decimal
    in_post_fte: Decimal
    gap_fte: Decimal


class WorkforceAssumptionOut(Schema):
    key: str
    label: str
    unit: str
    value: Decimal
    default: Decimal
    changed_at: datetime | None


class WorkforceOut(Schema):
    scheme_code: str
    on: date
    framework: str
    framework_version: int
    in_post: list[WorkforceRoleOut]
    groups: list[WorkforceGroupOut]
    needed_fte: Decimal
    in_post_fte: Decimal
    gap_fte: Decimal
    open_hours_per_week: Decimal
    assumptions: list[WorkforceAssumptionOut]


class TrainingNeedOut(Schema):
    staff_id: int
    name: str
    role: str
    need: str
    status: str
    on: date | None


@router.get(
    "/workforce/{scheme_code}",
    response={200: WorkforceOut, ERRORS: Error},
    summary="A scheme's staff in post by role and level, FTE, and the planned need by staff group "
    "(with the assumptions used); no one named",
)
def workforce(request: HttpRequest, scheme_code: str) -> dict[str, Any]:
    scheme = selectors.scheme_get(user=user_of(request), code=scheme_code)
    framework = current()
    plan = selectors.plans_for([scheme])[scheme.pk]
    return {
        "scheme_code": scheme.code,
        "on": clock.today(),
        "framework": framework.code,
        "framework_version": framework.version,
        "in_post": [
            {
                "role": p.role.code,
                "title": p.role.title,
                "level": p.role.level,
                "group": p.role.group,
                "lived_experience": p.role.lived_experience,
                "headcount": p.headcount,
                "fte": p.fte,
            }
            for p in selectors.posts_of(scheme)
        ],
        "groups": [
            {
                "group": line.group,
                "title": line.title,
                "workload_hours": line.workload_hours,
                "cover_hours": line.cover_hours,
                "fixed_fte": line.fixed_fte,
                "needed_fte": line.needed_fte,
                "in_post_fte": line.in_post_fte,
                "gap_fte": line.gap,
            }
            for line in plan.lines
        ],
        "needed_fte": plan.needed_fte,
        "in_post_fte": plan.in_post_fte,
        "gap_fte": plan.gap,
        "open_hours_per_week": plan.open_hours_per_week,
        "assumptions": [
            {
                "key": a.key,
                "label": a.label,
                "unit": a.unit,
                "value": a.value,
                "default": a.default,
                "changed_at": a.own.changed_at if a.own else None,
            }
            for a in selectors.assumptions(scheme, framework)
        ],
    }


@router.get(
    "/workforce/{scheme_code}/training-needs",
    response={200: list[TrainingNeedOut], ERRORS: Error},
    summary="Who in post lacks a competency their role requires, whose training or registration has expired "
    "or expires within 90 days (the scheme's team leads and managers only)",
)
def training_needs(request: HttpRequest, scheme_code: str) -> list[dict[str, Any]]:
    user = user_of(request)
    scheme = selectors.scheme_get(user=user, code=scheme_code)
    if not selectors.manages(user, scheme):
        raise NotFound("No such scheme")
    return [
        {
            "staff_id": n.staff.pk,
            "name": n.staff.name,
            "role": n.staff.role.code,
            "need": n.what,
            "status": n.status,
            "on": n.on,
        }
        for n in selectors.training_needs(user=user, scheme=scheme)
    ]
