"""Monthly returns as JSON and CSV: `GET /returns?month=YYYY-MM` and `/returns/{scheme_code}/{month}`.

The same selectors as the pages: figures are published (disclosure control applied) except for
the scheme's own team leads and managers, who get their unrounded figures with
`"disclosure": "not for publication"`. Unknown and unseen schemes alike are 404 `not_found`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from liaison.core.errors import Invalid, PermissionDenied
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Error
from liaison.reporting.exports import as_csv
from liaison.reporting.publication import plain
from liaison.reporting.returns import parse_month
from liaison.reporting.selectors import ReturnView, reporting_scope, return_for, visible_schemes

router = Router(tags=["returns"])

PUBLISHED = "published"
NOT_FOR_PUBLICATION = "not for publication"


class MeasureRowOut(Schema):
    categories: dict[str, str]
    figures: dict[str, int | str | None]


class MeasureOut(Schema):
    name: str
    version: int
    description: str
    columns: list[str]
    by: list[str]
    rows: list[MeasureRowOut]


class ReturnOut(Schema):
    scheme_code: str
    scheme: str
    region: str
    month: str
    status: str
    due_at: datetime
    version: int | None
    submitted_at: datetime | None
    late: bool | None
    content_hash: str
    disclosure: str
    warnings: list[str]
    measures: list[MeasureOut]


class ReturnsOut(Schema):
    month: str
    items: list[ReturnOut]


def _present(view: ReturnView) -> dict[str, Any]:
    shown = view.shown_version
    return {
        "scheme_code": view.scheme.code,
        "scheme": view.scheme.name,
        "region": view.scheme.region.code,
        "month": view.month,
        "status": str(view.status),
        "due_at": view.due_at,
        "version": shown.version if shown else None,
        "submitted_at": shown.submitted_at if shown else None,
        "late": shown.late if shown else None,
        "content_hash": view.content_hash,
        "disclosure": NOT_FOR_PUBLICATION if view.raw else PUBLISHED,
        "warnings": view.warnings,
        "measures": [
            {
                "name": m.measure.name,
                "version": m.measure.version,
                "description": m.measure.description,
                "columns": list(m.columns),
                "by": list(m.measure.by),
                "rows": [
                    {
                        "categories": {b: r.keys[b] for b in m.measure.by},
                        "figures": {c: plain(r.figure(c)) for c in m.columns},
                    }
                    for r in m.rows
                ],
            }
            for m in view.measures
        ],
    }


def _month(month: str) -> str:
    try:
        return parse_month(month)
    except ValueError as e:
        raise Invalid(str(e), errors={"month": str(e)}) from None


@router.get(
    "/returns",
    response={200: ReturnsOut, ERRORS: Error},
    summary="Every scheme's return for a month that you may see (the latest submission, else the draft)",
)
def returns(request: HttpRequest, month: str) -> dict[str, Any]:
    user = user_of(request)
    month = _month(month)
    rscope = reporting_scope(user)
    if not rscope.sees_anything:
        raise PermissionDenied(
            "Returns are for scheme leads, managers, commissioners and analysts.", code="role_not_allowed"
        )
    return {
        "month": month,
        "items": [_present(return_for(user=user, scheme_code=s.code, month=month)) for s in visible_schemes(rscope)],
    }


def _one(request: HttpRequest, scheme_code: str, month: str, version: int | None, draft: bool) -> ReturnView:
    return return_for(user=user_of(request), scheme_code=scheme_code, month=_month(month), version=version, draft=draft)


# Before the JSON route: `{month}` would otherwise take "2025-03.csv" whole.
@router.get(
    "/returns/{scheme_code}/{month}.csv",
    response={ERRORS: Error},
    summary="One scheme's return as CSV, one figure per line",
    openapi_extra={"responses": {200: {"description": "The return", "content": {"text/csv": {}}}}},
)
def return_csv(
    request: HttpRequest, scheme_code: str, month: str, version: int | None = None, draft: bool = False
) -> HttpResponse:
    view = _one(request, scheme_code, month, version, draft)
    response = HttpResponse(as_csv(view), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="liaison-return-{view.scheme.code}-{view.month}.csv"'
    return response


@router.get(
    "/returns/{scheme_code}/{month}",
    response={200: ReturnOut, ERRORS: Error},
    summary="One scheme's return for a month: a submitted `version`, the `draft`, or the latest submission",
)
def return_detail(
    request: HttpRequest, scheme_code: str, month: str, version: int | None = None, draft: bool = False
) -> dict[str, Any]:
    return _present(_one(request, scheme_code, month, version, draft))
