"""Who may see and do what with self-assessments, and every read, scoped.

Deny by default, from the user's memberships (`accounts.scope`):
- a scheme's team leads and scheme managers see all its assessments, drafts included, and
  record, submit and revise them;
- every reporting role (team lead, scheme manager, commissioner, national analyst) sees every
  scheme's *submitted* assessments: the programme benchmarks schemes against each other, and
  a submission says nothing about any person;
- a scheme manager may peer-review another scheme's submission, never their own scheme's;
- practitioners and support workers have no standards pages.
Another scheme's draft, like an unknown id, is NotFound, so its existence is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from liaison.accounts.scope import scope_for
from liaison.core.errors import NotFound
from liaison.organisations.models import Role, Scheme
from liaison.reporting.selectors import REPORTING_ROLES
from liaison.standards.models import Criterion, Framework, PeerReview, SelfAssessment, Status, Submission


@dataclass(frozen=True)
class StandardsScope:
    own_scheme_ids: frozenset[int] = frozenset()  # record and see drafts
    managed_scheme_ids: frozenset[int] = frozenset()  # scheme manager of: reviews others
    sees_submitted: bool = False

    @property
    def uses_standards(self) -> bool:
        return self.sees_submitted

    def records_for(self, scheme_id: int) -> bool:
        return scheme_id in self.own_scheme_ids

    def sees(self, assessment: SelfAssessment) -> bool:
        return self.records_for(assessment.scheme_id) or (self.sees_submitted and assessment.submitted)

    def may_review(self, assessment: SelfAssessment) -> bool:
        """A scheme manager of some other scheme, and of none that this assessment is for."""
        others = self.managed_scheme_ids - {assessment.scheme_id}
        return bool(others) and assessment.scheme_id not in self.managed_scheme_ids


def standards_scope(user: Any) -> StandardsScope:
    scope = scope_for(user)
    own = {m.scheme_id_in_effect for m in scope.memberships if m.role in Role.oversight()}
    managed = {m.scheme_id_in_effect for m in scope.memberships if m.role == Role.SCHEME_MANAGER}
    return StandardsScope(
        own_scheme_ids=frozenset(own),
        managed_scheme_ids=frozenset(managed),
        sees_submitted=bool(scope.roles & REPORTING_ROLES),
    )


def _in_scope(user: Any) -> StandardsScope:
    s = standards_scope(user)
    if not s.uses_standards:
        raise NotFound("No such page.")
    return s


def frameworks(user: Any) -> list[Framework]:
    _in_scope(user)
    return list(Framework.objects.order_by("code", "-version"))


def latest_framework() -> Framework | None:
    return Framework.objects.order_by("code", "-version", "-loaded_at").first()


def framework_for(*, user: Any, framework_id: int) -> Framework:
    _in_scope(user)
    framework = Framework.objects.filter(pk=framework_id).first()
    if framework is None:
        raise NotFound("No such standards framework.")
    return framework


def criteria_of(framework: Framework) -> list[Criterion]:
    return list(
        Criterion.objects.filter(framework=framework).select_related("standard", "standard__domain").order_by("order")
    )


def _visible(user: Any) -> QuerySet[SelfAssessment]:
    s = _in_scope(user)
    qs = SelfAssessment.objects.filter(Q(scheme_id__in=s.own_scheme_ids) | Q(status=Status.SUBMITTED))
    return qs.select_related("scheme", "scheme__region", "framework")


def assessments_for(
    *, user: Any, scheme_code: str | None = None, period: str | None = None, latest_only: bool = False
) -> list[SelfAssessment]:
    """The assessments the user sees, by scheme then newest period and version. `latest_only`
    keeps each scheme's latest submitted version per period (and its drafts)."""
    qs = _visible(user)
    if scheme_code:
        qs = qs.filter(scheme__code=scheme_code)
    if period:
        qs = qs.filter(period=period)
    rows = list(qs.order_by("scheme__name", "-period", "-version"))
    if not latest_only:
        return rows
    seen: set[tuple[int, int, str]] = set()
    out = []
    for a in rows:
        key = (a.scheme_id, a.framework_id, a.period)
        if a.submitted:
            if key in seen:
                continue
            seen.add(key)
        out.append(a)
    return out


def assessment_for(*, user: Any, assessment_id: int) -> SelfAssessment:
    """One assessment, if the user may see it; NotFound alike for unknown and out of scope."""
    assessment = _visible(user).filter(pk=assessment_id).first()
    if assessment is None:
        raise NotFound("No such self-assessment.")
    return assessment


def own_schemes(user: Any) -> list[Scheme]:
    """The schemes the user records self-assessments for."""
    s = standards_scope(user)
    return list(Scheme.objects.filter(pk__in=s.own_scheme_ids).order_by("name"))


def submission_of(assessment: SelfAssessment) -> Submission | None:
    return Submission.objects.filter(assessment=assessment).first()


def reviews_of(submission: Submission | None) -> list[PeerReview]:
    if submission is None:
        return []
    return list(submission.reviews.select_related("reviewer", "reviewer_scheme"))


def versions_of(*, user: Any, assessment: SelfAssessment) -> list[SelfAssessment]:
    """Every version of the same scheme, framework and period the user may see, newest first."""
    return list(
        _visible(user)
        .filter(scheme_id=assessment.scheme_id, framework_id=assessment.framework_id, period=assessment.period)
        .order_by("-version")
    )


def latest_submissions(*, framework: Framework, period: str) -> dict[int, Submission]:
    """Each scheme's latest submitted version for the period: scheme id -> submission. Not
    scoped: the benchmark reads every scheme's submissions as aggregates."""
    latest: dict[int, Submission] = {}
    rows = Submission.objects.filter(assessment__framework=framework, period=period).order_by("version")
    for s in rows:
        latest[s.scheme_id] = s
    return latest
