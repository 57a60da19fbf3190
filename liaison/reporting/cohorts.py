"""Outcomes by cohort as shown: the cohort measures' rows for an area and months, through disclosure
control (ADR 0034). The page and the API both read `cohort_figures`, so they show the same.

Each line is a cohort month (breakdown "all"), or, for a breakdown by age band or need, a category
over the whole period (its months' true counts summed, then published, as the dashboard does). A
re-contact window not yet closed for a month has no figure ("not yet known"); summed over a
period, one month not known makes the period's figure not known. Medians are per month only.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liaison.reporting.disclosure import percentage as published_percentage
from liaison.reporting.disclosure import unrounded_percentage
from liaison.reporting.engines import run_all
from liaison.reporting.figures import _version
from liaison.reporting.measures import COHORTS, Measure, Row
from liaison.reporting.measures.cohorts import WINDOWS
from liaison.reporting.publication import Shown, level_of, show
from liaison.reporting.store import analytics_dir

BREAKDOWNS = {"all": "Month of first contact", "age_band": "Age group", "need": "Need (vulnerability domain)"}
NOT_YET_KNOWN = "not yet known"

# (figure, heading, measure, column, the column it is a percentage of or "")
FIGURES: tuple[tuple[str, str, str, str, str], ...] = (
    ("people", "People first met", "cohort_recontact", "people", ""),
    *(
        (
            f"recontact_{m}_months",
            f"Re-contact with L&D within {m} months",
            "cohort_recontact",
            f"recontact_{m}_months",
            "people",
        )
        for m, _ in WINDOWS
    ),
    ("referred", "Referred", "cohort_referral_engagement", "referred", ""),
    (
        "attended_first_appointment",
        "Attended first appointment",
        "cohort_referral_engagement",
        "attended_first_appointment",
        "referred",
    ),
    ("engaged", "Engaged", "cohort_referral_engagement", "engaged", "referred"),
    ("sentenced", "Sentenced", "cohort_sentences", "sentenced", ""),
    ("custodial", "Custodial sentence", "cohort_sentences", "custodial", "sentenced"),
    ("community", "Community sentence", "cohort_sentences", "community", "sentenced"),
    ("disposed", "Disposals", "cohort_time_to_disposal", "disposed", ""),
    ("median_days", "Median days to disposal", "cohort_time_to_disposal", "median_days", ""),
)
PER_MONTH_ONLY = {"median_days"}


@dataclass(frozen=True)
class Cell:
    figure: Shown
    percentage: Shown = None
    known: bool = True  # False: a window not yet closed


@dataclass(frozen=True)
class Line:
    key: str  # the month, or the category
    cells: dict[str, Cell]


@dataclass(frozen=True)
class CohortFigures:
    breakdown: str
    unrounded: bool
    lines: list[Line]

    @property
    def figures(self) -> list[tuple[str, str, str]]:
        """(figure, heading, what its percentage is of) in order, for this breakdown."""
        return [(f, h, of) for f, h, _, _, of in FIGURES if self.breakdown == "all" or f not in PER_MONTH_ONLY]


_lock = threading.Lock()
_cache: dict[Path, tuple[str, dict[str, list[Row]]]] = {}


def cohort_rows(root: Path | None = None) -> dict[str, list[Row]]:
    """Every cohort measure's rows over the store as it is now, computed once per store version."""
    root = Path(root or analytics_dir())
    version, _ = _version(root)
    with _lock:
        cached = _cache.get(root)
        if cached is None or cached[0] != version:
            cached = (version, run_all(COHORTS.values(), store_dir=root))
            _cache[root] = cached
        return cached[1]


def _summed(rows: Sequence[Row], column: str) -> Any:
    values = [r[column] for r in rows]
    if any(v is None for v in values):
        return None
    if len(values) == 1:
        return values[0]
    return sum(values) if all(isinstance(v, int) for v in values) else None


def _percentage(n: Any, d: Any, *, level: str, raw: bool) -> Shown:
    if n is None or d is None:
        return None
    if raw:
        return unrounded_percentage(n, d)
    return published_percentage(n, d, level=level_of(level))


def cohort_figures(
    rows: dict[str, list[Row]], *, level: str, area: str, months: Sequence[str], breakdown: str, raw: bool
) -> CohortFigures:
    """The area's cohorts in the months, by `breakdown`, published or (`raw`, below England, for
    the scheme's own staff) unrounded and labelled not for publication."""
    raw = raw and level != "england"
    wanted = set(months)
    keyed: dict[str, dict[str, list[Row]]] = {}  # key -> measure -> rows
    for name, measure_rows in rows.items():
        for r in measure_rows:
            if r["level"] == level and r["area"] == area and r["month"] in wanted and r["breakdown"] == breakdown:
                key = r["month"] if breakdown == "all" else r["category"]
                keyed.setdefault(key, {}).setdefault(name, []).append(r)
    lines = []
    for key in sorted(keyed):
        true: dict[str, Any] = {}
        for figure, _, name, column, _ in FIGURES:
            found = keyed[key].get(name, [])
            true[figure] = _summed(found, column) if found else (None if column == "median_days" else 0)
        shown_rows = [{"level": level, "area": area, "month": key, "breakdown": breakdown, "category": key, **true}]
        (shown,) = show(_AS_ONE, shown_rows, level=level, raw=raw).rows
        cells = {}
        for figure, _, _, _, of in FIGURES:
            known = true[figure] is not None or figure == "median_days"
            cells[figure] = Cell(
                figure=shown.figures[figure],
                percentage=_percentage(true[figure], true[of], level=level, raw=raw) if of else None,
                known=known,
            )
        lines.append(Line(key=key, cells=cells))
    return CohortFigures(breakdown=breakdown, unrounded=raw, lines=lines)


# All the page's figures as one measure's columns, so that `publication.show` (the one place
# figures are published) treats them as it treats every measure: counts by the NHS rule, the
# median only when every count beside it is shown.
_AS_ONE = Measure(name="cohorts", version=1, description="", reads=(), sql="", columns=tuple(f[0] for f in FIGURES))
