"""The monthly return: a scheme's figures for one month, from the definitions (ADR 0013).

A draft is computed, never stored: every measure's scheme-level rows for the month, the
definition versions they came from, and the data-quality warnings a scheme manager should read
before submitting. A submitted return (`models.MonthlyReturn`) keeps exactly that, with a content
hash over its canonical JSON, so anyone can check a stored return was not altered.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from liaison.organisations.models import Scheme
from liaison.reporting.figures import Computed, all_rows
from liaison.reporting.measures import REGISTRY, Measure, Row
from liaison.reporting.publication import ShownMeasure, show
from liaison.reporting.store import LONDON, month_bounds

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

# measure -> {"version": n, "columns": [...], "by": [...], "rows": [{category..., figure...}]}
Figures = dict[str, dict[str, Any]]


def parse_month(text: str) -> str:
    """`text` if it is a month like 2025-03 (from 2000 on), else ValueError with a plain reason."""
    match = _MONTH.match(text or "")
    if not match or int(match.group(1)) < 2000:
        raise ValueError("Give the month as YYYY-MM, for example 2025-03.")
    return text


def next_month(month: str) -> str:
    return month_bounds(month)[1].strftime("%Y-%m")


def previous_month(month: str) -> str:
    start = month_bounds(month)[0]
    return (start - timedelta(days=1)).strftime("%Y-%m")


def month_of(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m")


def month_label(month: str) -> str:
    return month_bounds(month)[0].strftime("%B %Y")


def has_ended(month: str, now: datetime) -> bool:
    return now >= month_bounds(month)[1]


def due_at(month: str) -> datetime:
    """The end of the due day (LIAISON_RETURN_DUE_DAY, default the 15th) of the next month."""
    start = month_bounds(month)[1]
    return start + timedelta(days=settings.RETURN_DUE_DAY)


class Status(enum.StrEnum):
    IN_PROGRESS = "in progress"  # the month has not ended
    DUE = "due"  # ended, not yet submitted, before the due date
    OVERDUE = "overdue"  # past the due date and not submitted
    SUBMITTED = "submitted"
    SUBMITTED_LATE = "submitted late"
    RESUBMITTED = "resubmitted"

    @property
    def tag_colour(self) -> str:
        """The NHS.UK tag modifier for the status."""
        return {
            Status.IN_PROGRESS: "grey",
            Status.DUE: "yellow",
            Status.OVERDUE: "red",
            Status.SUBMITTED: "green",
            Status.SUBMITTED_LATE: "orange",
            Status.RESUBMITTED: "blue",
        }[self]


def status(month: str, *, latest_version: int | None, first_late: bool, now: datetime) -> Status:
    if latest_version is not None:
        if latest_version > 1:
            return Status.RESUBMITTED
        return Status.SUBMITTED_LATE if first_late else Status.SUBMITTED
    if not has_ended(month, now):
        return Status.IN_PROGRESS
    return Status.OVERDUE if now >= due_at(month) else Status.DUE


@dataclass(frozen=True)
class Draft:
    scheme: Scheme
    month: str
    figures: Figures
    definitions: dict[str, int]
    warnings: list[str]
    store_version: str
    refreshed_at: datetime | None

    @property
    def content_hash(self) -> str:
        return content_hash(scheme_code=self.scheme.code, month=self.month, figures=self.figures)


def content_hash(*, scheme_code: str, month: str, figures: Figures) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces) of what a return says."""
    canonical = json.dumps(
        {"scheme": scheme_code, "month": month, "figures": figures},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _figures(scheme: Scheme, month: str, computed: Computed) -> Figures:
    out: Figures = {}
    for name, measure in sorted(REGISTRY.items()):
        rows = computed.of(name, level="scheme", area=str(scheme.pk), months={month})
        out[name] = {
            "version": measure.version,
            "columns": list(measure.columns),
            "by": list(measure.by),
            # Counts are ints and statistics floats (see publication.py), kept as they are.
            "rows": [{k: r[k] for k in (*measure.by, *measure.columns)} for r in rows],
        }
    return out


def draft(scheme: Scheme, month: str, *, computed: Computed | None = None) -> Draft:
    """The scheme's return for the month as the store says now."""
    computed = computed or all_rows()
    figures = _figures(scheme, month, computed)
    return Draft(
        scheme=scheme,
        month=month,
        figures=figures,
        definitions={name: f["version"] for name, f in figures.items()},
        warnings=warnings(figures),
        store_version=computed.store_version,
        refreshed_at=computed.refreshed_at,
    )


def _total(figures: Figures, name: str, column: str = "value") -> int | None:
    measure = figures.get(name)
    if measure is None:
        return None
    return sum(int(r.get(column) or 0) for r in measure["rows"])


def warnings(figures: Figures) -> list[str]:
    """What a scheme manager should check before submitting: signs of missing or poor data.

    Each is a plain sentence; none stops a submission (the figures are what the records say),
    but every one shown is kept with the submitted return.
    """
    found: list[str] = []
    identified = _total(figures, "identified") or 0
    if identified == 0:
        found.append("No episodes were identified this month. If the scheme was working, its records may be missing.")
        return found
    screened = _total(figures, "screened_of_identified", "numerator")
    if screened is not None and screened * 2 < identified:
        found.append(
            f"Fewer than half the episodes identified this month have been screened ({screened} of {identified})."
        )
    for name, what in QUALITY_SHARES:
        measure = figures.get(name)
        if measure is None or not measure["rows"]:
            continue
        numerator = _total(figures, name, "numerator") or 0
        denominator = _total(figures, name, "denominator") or 0
        if denominator and numerator * 100 > denominator * QUALITY_THRESHOLD_PERCENT:
            found.append(
                f"{what}: {numerator} of {denominator} episodes ({100 * numerator // denominator}%), "
                f"more than {QUALITY_THRESHOLD_PERCENT}%."
            )
    for name, column, what in QUALITY_COUNTS:
        count = _total(figures, name, column)
        if count:
            found.append(f"{what}: {count}.")
    return found


# Data-quality measures (each a rate) whose share above the threshold makes a warning.
QUALITY_THRESHOLD_PERCENT = 10
QUALITY_SHARES: tuple[tuple[str, str], ...] = (
    ("nhs_number_unknown", "NHS number unknown"),
    ("ethnicity_not_stated", "Ethnicity not stated or not known"),
)
# Data-quality counts (measure, column) any of which makes a warning.
QUALITY_COUNTS: tuple[tuple[str, str, str], ...] = (
    ("open_over_90_days", "numerator", "Episodes open more than 90 days at the end of the month"),
)


def measure_as_stored(name: str, stored: Mapping[str, Any]) -> Measure:
    """The definition a stored return's figures came from: today's, with the stored version,
    columns and categories (a later version may count differently, or no longer exist)."""
    columns, by = tuple(stored["columns"]), tuple(stored["by"])
    current = REGISTRY.get(name)
    if current is None:
        return Measure(
            name=name,
            version=stored["version"],
            description="No longer defined.",
            reads=(),
            sql="",
            columns=columns,
            by=by,
            numerator="numerator" if "numerator" in columns else "",
        )
    return replace(current, version=stored["version"], columns=columns, by=by)


def shown(scheme: Scheme, month: str, figures: Figures, *, raw: bool) -> list[ShownMeasure]:
    """A return's figures as shown: published, or unrounded for the scheme's own staff."""
    out = []
    # In the catalogue's order (a JSON column need not keep its keys' order); retired ones last.
    order = {name: i for i, name in enumerate(REGISTRY)}
    for name, stored in sorted(figures.items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
        measure = measure_as_stored(name, stored)
        rows: list[Row] = [{"level": "scheme", "area": str(scheme.pk), "month": month, **r} for r in stored["rows"]]
        out.append(show(measure, rows, level="scheme", raw=raw))
    return out
