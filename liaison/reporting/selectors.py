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
from typing import Any

from liaison.accounts.scope import scope_for
from liaison.organisations.models import Region, Role, Scheme
from liaison.reporting.models import MonthlyReturn

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
