"""Feedback results as JSON: `GET /feedback/results?start=YYYY-MM&end=YYYY-MM`.

The same selectors and disclosure control as the pages: England's figures as they are, each
scheme's published (`*` for a small count, others rounded). People's own words are never in the
API: only a scheme's team leads and managers read them, on the scheme's page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.feedback import selectors
from liaison.feedback.periods import period
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Error
from liaison.reporting.publication import plain

router = Router(tags=["feedback"])


class ResultsOut(Schema):
    name: str
    code: str | None = None
    responses: int | str
    positive_percent: str | None
    negative_percent: str | None
    answers: dict[str, int | str]


class FeedbackOut(Schema):
    start: date
    end: date
    disclosure: str
    england: ResultsOut
    schemes: list[ResultsOut]


def _out(r: selectors.Results, code: str | None = None) -> dict[str, Any]:
    return {
        "name": r.label,
        "code": code,
        "responses": plain(r.responses),
        "positive_percent": plain(r.positive),
        "negative_percent": plain(r.negative),
        "answers": {k: plain(v) for k, v in r.overall.rows.items()},
    }


@router.get(
    "/feedback/results",
    response={200: FeedbackOut, ERRORS: Error},
    summary="The easy-read feedback's results (Friends and Family Test), England's and each scheme's seen, "
    "published under disclosure control; `start` and `end` are months (YYYY-MM)",
)
def results(request: HttpRequest, start: str | None = None, end: str | None = None) -> dict[str, Any]:
    user = user_of(request)
    try:
        first, last = period(start, end, today=clock.today())
    except ValueError as e:
        raise Invalid(str(e), errors={"start" if "start" in str(e) else "end": str(e)}) from None
    try:
        england = selectors.national_results(user=user, start=first, end=last)
    except NotFound:
        raise PermissionDenied("Feedback results are for scheme leads, managers, commissioners and analysts.") from None
    schemes = selectors.scheme_results(user=user, start=first, end=last)
    return {
        "start": first,
        "end": last,
        "disclosure": "published",
        "england": _out(england),
        "schemes": [_out(r, s.code) for s, r in schemes],
    }
