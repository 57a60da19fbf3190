"""The return-status panel: for the schemes in view, which months' returns are in, late or overdue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from liaison.organisations.models import Scheme
from liaison.reporting.returns import Status, month_label, status
from liaison.reporting.selectors import first_submissions_late, latest_returns


@dataclass(frozen=True)
class MonthStatus:
    month: str
    label: str
    counts: list[tuple[Status, int]]  # how many schemes are in each status
    one: Status | None  # with one scheme in view: its status


@dataclass(frozen=True)
class ReturnStatus:
    schemes: int
    only: str  # the scheme's name, when there is one scheme in view
    statuses: tuple[Status, ...]
    months: list[MonthStatus]


def return_status(schemes: Sequence[Scheme], months: Sequence[str], *, now: datetime) -> ReturnStatus:
    """Two queries whatever the number of schemes and months."""
    ids = [s.pk for s in schemes]
    latest = latest_returns(ids, months)
    late = first_submissions_late(ids, months)
    rows = []
    for month in reversed(months):
        seen = [
            status(
                month,
                latest_version=r.version if (r := latest.get((pk, month))) else None,
                first_late=(pk, month) in late,
                now=now,
            )
            for pk in ids
        ]
        counted = Counter(seen)
        rows.append(
            MonthStatus(
                month=month,
                label=month_label(month),
                counts=[(s, counted[s]) for s in Status],
                one=seen[0] if len(seen) == 1 else None,
            )
        )
    only = schemes[0].name if len(schemes) == 1 else ""
    return ReturnStatus(schemes=len(ids), only=only, statuses=tuple(Status), months=rows)
