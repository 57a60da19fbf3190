"""Quality standards as JSON: `GET /standards/frameworks`, `GET /standards/assessments` and
`GET /standards/assessments/{self_assessment_id}` (read only; writes are the pages').

The same selectors as the pages: a scheme's own team leads and managers see its drafts and its
measured figures unrounded (`"disclosure": "not for publication"`); every reporting role sees
every scheme's submitted assessments, measured figures published. Another scheme's draft, like
an unknown id, is 404 `not_found`; roles without standards pages get 404 too.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Error
from liaison.reporting.figures import all_rows
from liaison.reporting.publication import plain
from liaison.standards import selectors
from liaison.standards.models import SelfAssessment
from liaison.standards.periods import parse
from liaison.standards.present import sections

router = Router(tags=["standards"])

PUBLISHED = "published"
NOT_FOR_PUBLICATION = "not for publication"


class StandardsCriterionOut(Schema):
    code: str
    text: str
    method: str
    measure: dict[str, Any]
    met_from: float | None
    partly_from: float | None


class StandardsStandardOut(Schema):
    code: str
    title: str
    criteria: list[StandardsCriterionOut]


class StandardsDomainOut(Schema):
    code: str
    title: str
    source: str
    standards: list[StandardsStandardOut]


class StandardsFrameworkOut(Schema):
    id: int
    code: str
    version: int
    title: str
    source: str
    domains: list[StandardsDomainOut]


class SelfAssessmentSummaryOut(Schema):
    id: int
    scheme_code: str
    period: str
    framework: str
    framework_version: int
    version: int
    status: str
    submitted_at: datetime | None


class SelfAssessmentLineOut(Schema):
    criterion: str
    method: str
    rating: str
    rating_from_data: str
    evidence: str
    action: str
    owner: str
    due: date | None
    percent: str | int | None
    missing: str


class SelfAssessmentOut(SelfAssessmentSummaryOut):
    disclosure: str
    content_hash: str | None
    criteria: list[SelfAssessmentLineOut]


def _framework(f: Any) -> dict[str, Any]:
    criteria = selectors.criteria_of(f)
    domains: dict[int, dict[str, Any]] = {}
    standards: dict[int, dict[str, Any]] = {}
    for c in criteria:
        d, s = c.standard.domain, c.standard
        domain = domains.setdefault(d.pk, {"code": d.code, "title": d.title, "source": d.source, "standards": []})
        if s.pk not in standards:
            standards[s.pk] = {"code": s.code, "title": s.title, "criteria": []}
            domain["standards"].append(standards[s.pk])
        standards[s.pk]["criteria"].append(
            {
                "code": c.code,
                "text": c.text,
                "method": c.method,
                "measure": c.measure,
                "met_from": float(c.met_from) if c.met_from is not None else None,
                "partly_from": float(c.partly_from) if c.partly_from is not None else None,
            }
        )
    return {
        "id": f.pk,
        "code": f.code,
        "version": f.version,
        "title": f.title,
        "source": f.source,
        "domains": list(domains.values()),
    }


def _summary(a: SelfAssessment) -> dict[str, Any]:
    submission = selectors.submission_of(a) if a.submitted else None
    return {
        "id": a.pk,
        "scheme_code": a.scheme.code,
        "period": a.period,
        "framework": a.framework.code,
        "framework_version": a.framework.version,
        "version": a.version,
        "status": a.status,
        "submitted_at": submission.submitted_at if submission else None,
    }


@router.get(
    "/standards/frameworks",
    response={200: list[StandardsFrameworkOut], ERRORS: Error},
    summary="Every standards framework version loaded, with its domains, standards and criteria",
)
def frameworks(request: HttpRequest) -> list[dict[str, Any]]:
    return [_framework(f) for f in selectors.frameworks(user_of(request))]


@router.get(
    "/standards/assessments",
    response={200: list[SelfAssessmentSummaryOut], ERRORS: Error},
    summary="The self-assessments you may see (`scheme_code`, `period` narrow it; `latest` keeps each "
    "scheme's latest submitted version per period)",
)
def assessments(
    request: HttpRequest, scheme_code: str | None = None, period: str | None = None, latest: bool = False
) -> list[dict[str, Any]]:
    code = parse(period).code if period else None
    rows = selectors.assessments_for(user=user_of(request), scheme_code=scheme_code, period=code, latest_only=latest)
    return [_summary(a) for a in rows]


@router.get(
    "/standards/assessments/{self_assessment_id}",
    response={200: SelfAssessmentOut, ERRORS: Error},
    summary="One self-assessment: a submission as it was submitted, a draft as it stands",
)
def assessment(request: HttpRequest, self_assessment_id: int) -> dict[str, Any]:
    user = user_of(request)
    a = selectors.assessment_for(user=user, assessment_id=self_assessment_id)
    raw = selectors.standards_scope(user).records_for(a.scheme_id)
    submission = selectors.submission_of(a)
    lines = [
        {
            "criterion": line.criterion.code,
            "method": line.criterion.method,
            "rating": line.rating,
            "rating_from_data": line.rating_from_data,
            "evidence": line.evidence,
            "action": line.action,
            "owner": line.owner,
            "due": line.due,
            "percent": plain(line.value),
            "missing": line.missing,
        }
        for section in sections(a, submission=submission, computed=None if submission else all_rows(), raw=raw)
        for line in section.lines
    ]
    return {
        **_summary(a),
        "disclosure": NOT_FOR_PUBLICATION if raw else PUBLISHED,
        "content_hash": submission.content_hash if submission else None,
        "criteria": lines,
    }
