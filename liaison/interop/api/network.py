"""The national programme's figures: `GET /network/coverage?on=YYYY-MM-DD`.

England's population, the part of it that L&D covers on the date and the percentage, then the
same for each ONS region and each police force area (`organisations.coverage`). Aggregates
about places, open to every signed-in role; no record of anyone is read, so nothing is audited.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from liaison.core import clock
from liaison.core.errors import Invalid
from liaison.interop.api.schemas import ERRORS, Error
from liaison.organisations.coverage import Figure, coverage_on

router = Router(tags=["network"])

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class FigureOut(Schema):
    population: int
    covered: int
    percent: float


class AreaOut(FigureOut):
    code: str
    name: str


class CoverageOut(Schema):
    on: date
    england: FigureOut
    regions: list[AreaOut]
    force_areas: list[AreaOut]


def parse_day(text: str | None) -> date:
    """The `on` parameter: a real date written YYYY-MM-DD; today when it is left out."""
    if text is None:
        return clock.today()
    message = "Give the date as YYYY-MM-DD, for example 2015-03-31."
    if not _DATE.fullmatch(text):
        raise Invalid(message, errors={"on": message})
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{text} is not a date. {message}", errors={"on": f"{text} is not a date"}) from None


def _area(f: Figure) -> dict[str, Any]:
    return {"code": f.code, "name": f.name, "population": f.population, "covered": f.covered, "percent": f.percent}


@router.get(
    "/network/coverage",
    response={200: CoverageOut, ERRORS: Error},
    summary="England's population covered by L&D on a date (`on`, YYYY-MM-DD; today if left out), "
    "and each region's and police force area's",
)
def coverage(request: HttpRequest, on: str | None = None) -> dict[str, Any]:
    c = coverage_on(parse_day(on))
    return {
        "on": c.on,
        "england": {k: v for k, v in _area(c.england).items() if k not in ("code", "name")},
        "regions": [_area(r) for r in c.regions],
        "force_areas": [_area(f) for f in c.force_areas],
    }
