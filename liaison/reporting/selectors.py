"""Who may see which aggregate figures, worked out once from the user's memberships.

Deny by default, as `liaison.accounts.scope` is. Figures are aggregates, never identifiable, so
no read here is an audited look at a record; but which schemes' figures a user sees, and whether
unrounded, still follows their roles:

- commissioners see published figures of the schemes they commission, their regions and England;
- national analysts see published figures of every scheme they are attached to (the demo attaches
  them to all), their regions and England, and download the pseudonymised extract;
- team leads and scheme managers see their own scheme's figures unrounded (labelled not for
  publication) for checking, submit its monthly return, and see their region and England as
  published;
- practitioners and support workers have no reporting pages: their home is the worklist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import NotFound
from liaison.organisations.models import Region, Role, Scheme
from liaison.reporting.models import MonthlyReturn
from liaison.reporting.publication import ShownMeasure
from liaison.reporting.returns import Figures, Status, due_at, has_ended, parse_month, status
from liaison.reporting.returns import draft as draft_return
from liaison.reporting.returns import shown as shown_figures

REPORTING_ROLES = frozenset({Role.COMMISSIONER, Role.NATIONAL_ANALYST, Role.TEAM_LEAD, Role.SCHEME_MANAGER})


@dataclass(frozen=True)
class ReportingScope:
    scheme_ids: frozenset[int] = frozenset()  # published figures
    unrounded_scheme_ids: frozenset[int] = frozenset()  # their own: unrounded, and they submit
    region_codes: frozenset[str] = frozenset()
    analyst: bool = False
    commissioner: bool = False

    @property
    def sees_anything(self) -> bool:
        return bool(self.scheme_ids)

    def sees_scheme(self, scheme_id: int) -> bool:
        return scheme_id in self.scheme_ids

    def sees_unrounded(self, scheme_id: int) -> bool:
        return scheme_id in self.unrounded_scheme_ids

    def submits_for(self, scheme_id: int) -> bool:
        return scheme_id in self.unrounded_scheme_ids

    def sees_region(self, code: str) -> bool:
        return code in self.region_codes

    def sees_area(self, level: str, area: str) -> bool:
        """May see figures of this level and area (a measure row's `level` and `area`)."""
        if level == "england":
            return self.sees_anything
        if level == "region":
            return self.sees_region(area)
        return area.isdigit() and self.sees_scheme(int(area))


def reporting_scope(user: Any) -> ReportingScope:
    cached = getattr(user, "_liaison_reporting_scope", None)
    if isinstance(cached, ReportingScope):
        return cached
    scope = scope_for(user)
    seen: set[int] = set()
    own: set[int] = set()
    for m in scope.memberships:
        if m.role in REPORTING_ROLES:
            seen.add(m.scheme_id_in_effect)
        if m.role in Role.oversight():
            own.add(m.scheme_id_in_effect)
    regions = (
        frozenset(Scheme.objects.filter(pk__in=seen).values_list("region__code", flat=True)) if seen else frozenset()
    )
    result = ReportingScope(
        scheme_ids=frozenset(seen),
        unrounded_scheme_ids=frozenset(own),
        region_codes=regions,
        analyst=Role.NATIONAL_ANALYST in scope.roles,
        commissioner=Role.COMMISSIONER in scope.roles,
    )
    if scope.user_id is not None:
        user._liaison_reporting_scope = result
    return result


def visible_schemes(rscope: ReportingScope) -> list[Scheme]:
    """The schemes whose figures the user sees, by region then name."""
    return list(
        Scheme.objects.filter(pk__in=rscope.scheme_ids).select_related("region").order_by("region__name", "name")
    )


def visible_regions(rscope: ReportingScope) -> list[Region]:
    return list(Region.objects.filter(code__in=rscope.region_codes).order_by("name"))


def scheme_by_code(rscope: ReportingScope, code: str) -> Scheme | None:
    """The scheme with this code if the user sees its figures; None alike for unknown and unseen
    (so a code cannot be probed for existence)."""
    scheme = Scheme.objects.filter(code=code).select_related("region").first()
    if scheme is None or not rscope.sees_scheme(scheme.pk):
        return None
    return scheme


def latest_returns(scheme_ids: Iterable[int], months: Iterable[str]) -> dict[tuple[int, str], MonthlyReturn]:
    """The latest submitted version of each scheme's return for each month, where there is one."""
    latest: dict[tuple[int, str], MonthlyReturn] = {}
    rows = MonthlyReturn.objects.filter(scheme_id__in=list(scheme_ids), month__in=list(months)).order_by("version")
    for r in rows.select_related("submitted_by"):
        latest[(r.scheme_id, r.month)] = r
    return latest


def first_submissions_late(scheme_ids: Iterable[int], months: Iterable[str]) -> set[tuple[int, str]]:
    """The (scheme, month) pairs whose first submission came after the due date."""
    return set(
        MonthlyReturn.objects.filter(
            scheme_id__in=list(scheme_ids), month__in=list(months), version=1, late=True
        ).values_list("scheme_id", "month")
    )


def return_versions(scheme: Scheme, month: str) -> list[MonthlyReturn]:
    """Every submitted version of the scheme's return for the month, newest first."""
    return list(
        MonthlyReturn.objects.filter(scheme=scheme, month=month).select_related("submitted_by").order_by("-version")
    )


@dataclass(frozen=True)
class ReturnView:
    """One scheme's return for one month as this user may see it: a submitted version, or the
    draft computed now. `raw` is true for the scheme's own staff (unrounded, not for publication)."""

    scheme: Scheme
    month: str
    status: Status
    due_at: datetime
    versions: list[MonthlyReturn]  # newest first
    shown_version: MonthlyReturn | None  # None: the draft
    figures: Figures
    warnings: list[str]
    content_hash: str
    raw: bool
    draft_differs: bool  # the draft now says something other than the latest submission
    can_submit: bool
    measures: list[ShownMeasure]
    refreshed_at: datetime | None  # when the store the draft reads was last refreshed

    @property
    def latest(self) -> MonthlyReturn | None:
        return self.versions[0] if self.versions else None


def return_for(
    *, user: Any, scheme_code: str, month: str, version: int | None = None, draft: bool = False
) -> ReturnView:
    """The return to show: `version` if given, the draft if asked (or if none is submitted), else
    the latest submission. NotFound for a scheme the user does not see, a bad month or version."""
    rscope = reporting_scope(user)
    scheme = scheme_by_code(rscope, scheme_code)
    try:
        month = parse_month(month)
    except ValueError:
        scheme = None
    if scheme is None:
        raise NotFound("No such scheme return.")
    versions = return_versions(scheme, month)
    now = clock.now()
    current = draft_return(scheme, month)
    shown_version: MonthlyReturn | None = None
    if version is not None:
        shown_version = next((v for v in versions if v.version == version), None)
        if shown_version is None:
            raise NotFound(f"Version {version} of this return has not been submitted.")
    elif versions and not draft:
        shown_version = versions[0]
    raw = rscope.sees_unrounded(scheme.pk)
    figures = shown_version.figures if shown_version else current.figures
    latest = versions[0] if versions else None
    return ReturnView(
        scheme=scheme,
        month=month,
        status=status(
            month,
            latest_version=latest.version if latest else None,
            first_late=bool(versions and versions[-1].late),
            now=now,
        ),
        due_at=due_at(month),
        versions=versions,
        shown_version=shown_version,
        figures=figures,
        warnings=list(shown_version.warnings) if shown_version else current.warnings,
        content_hash=shown_version.content_hash if shown_version else current.content_hash,
        raw=raw,
        draft_differs=bool(latest and latest.content_hash != current.content_hash),
        can_submit=rscope.submits_for(scheme.pk) and has_ended(month, now),
        measures=shown_figures(scheme, month, figures, raw=raw),
        refreshed_at=current.refreshed_at,
    )


@dataclass(frozen=True)
class StatusCell:
    month: str
    status: Status
    latest: MonthlyReturn | None


@dataclass(frozen=True)
class StatusLine:
    scheme: Scheme
    cells: list[StatusCell]


def returns_overview(*, user: Any, months: list[str]) -> list[StatusLine]:
    """For every scheme the user sees, each month's return status (newest month first)."""
    rscope = reporting_scope(user)
    schemes = visible_schemes(rscope)
    ids = [s.pk for s in schemes]
    latest = latest_returns(ids, months)
    late = first_submissions_late(ids, months)
    now = clock.now()
    lines = []
    for scheme in schemes:
        cells = []
        for month in months:
            got = latest.get((scheme.pk, month))
            cells.append(
                StatusCell(
                    month=month,
                    status=status(
                        month,
                        latest_version=got.version if got else None,
                        first_late=(scheme.pk, month) in late,
                        now=now,
                    ),
                    latest=got,
                )
            )
        lines.append(StatusLine(scheme=scheme, cells=cells))
    return lines
