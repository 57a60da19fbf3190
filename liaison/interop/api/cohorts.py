"""Outcomes by cohort as JSON: `GET /cohorts?area=&start=&end=&breakdown=`, as the page shows them.

The same pickers, selectors and disclosure rule as the page (and the returns routes): figures are
published except for the scheme's own team leads and managers, who get them unrounded with
`"disclosure": "not for publication"`. A re-contact window not yet closed is `"known": false`
with no figure, never 0.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from liaison.core import clock
from liaison.core.errors import Invalid, PermissionDenied
from liaison.interop.api.auth import user_of
from liaison.interop.api.returns import NOT_FOR_PUBLICATION, PUBLISHED
from liaison.interop.api.schemas import ERRORS, Error
from liaison.reporting.cohorts import cohort_figures, cohort_rows
from liaison.reporting.dashboards.forms import CohortsForm
from liaison.reporting.dashboards.views import _default_area
from liaison.reporting.measures import COHORTS
from liaison.reporting.publication import plain
from liaison.reporting.selectors import reporting_scope, visible_regions, visible_schemes

router = Router(tags=["returns"])


class CellOut(Schema):
    figure: int | str | None
    percentage: str | None
    known: bool


class LineOut(Schema):
    key: str
    figures: dict[str, CellOut]


class CohortsOut(Schema):
    area: str
    level: str
    months: list[str]
    breakdown: str
    disclosure: str
    definitions: dict[str, int]
    lines: list[LineOut]


@router.get(
    "/cohorts",
    response={200: CohortsOut, ERRORS: Error},
    summary="Outcomes by cohort (month of first contact) for an area: re-contact with L&D, attendance, sentences",
)
def cohorts(
    request: HttpRequest, area: str = "", start: str = "", end: str = "", breakdown: str = "all"
) -> dict[str, Any]:
    user = user_of(request)
    rscope = reporting_scope(user)
    if not rscope.sees_anything:
        raise PermissionDenied(
            "Outcomes by cohort are for scheme leads, managers, commissioners and analysts.", code="role_not_allowed"
        )
    schemes = visible_schemes(rscope)
    form = CohortsForm(
        {"area": area, "start": start, "end": end, "breakdown": breakdown},
        regions=visible_regions(rscope),
        schemes=schemes,
        default_area=_default_area(rscope, {s.pk: s.code for s in schemes}),
        now=clock.now(),
    )
    if not form.is_valid():
        errors = {name: " ".join(str(m) for m in messages) for name, messages in form.errors.items()}
        raise Invalid("Check the area, the months and the breakdown.", errors=errors)
    chosen, months = form.area(), form.months()
    raw = chosen.scheme is not None and rscope.sees_unrounded(chosen.scheme.pk)
    figures = cohort_figures(
        cohort_rows(), level=chosen.level, area=chosen.area, months=months, breakdown=form.breakdown(), raw=raw
    )
    return {
        "area": chosen.scheme.code if chosen.scheme else chosen.area,
        "level": chosen.level,
        "months": months,
        "breakdown": figures.breakdown,
        "disclosure": NOT_FOR_PUBLICATION if figures.unrounded else PUBLISHED,
        "definitions": {m.name: m.version for m in COHORTS.values()},
        "lines": [
            {
                "key": line.key,
                "figures": {
                    name: {
                        "figure": plain(cell.figure),
                        "percentage": None if cell.percentage is None else str(plain(cell.percentage)),
                        "known": cell.known,
                    }
                    for name, cell in line.cells.items()
                },
            }
            for line in figures.lines
        ],
    }
