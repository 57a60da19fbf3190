"""A measure's rows as they may be shown: published (disclosure control) or unrounded for checking.

Every figure a page, a download, the API or a chart shows comes from `show` here, which hands each
one to `liaison.reporting.disclosure`; nothing else decides what a figure looks like. A measure's
columns are of two kinds, told apart by their values: whole numbers are counts (published by the
NHS rule at the row's level), and fractions are statistics of a group (the median minutes, say),
which are shown only when every count of their row is shown: a median of two waits would give
the two waits away. A rate's percentage is computed from its published numerator and
denominator, never from the true ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeAlias

from liaison.reporting.disclosure import (
    SUPPRESSED,
    Level,
    Policy,
    PublishedCount,
    Suppressed,
    Unrounded,
    percentage,
    publish,
    unrounded,
    unrounded_percentage,
)
from liaison.reporting.measures import Measure, Row

LEVELS = {"england": Level.NATIONAL, "region": Level.REGION, "scheme": Level.SCHEME}

# What one shown figure may be: a published count or percentage, `*`, an unrounded figure with
# its label, or None (no figure: a statistic of an empty group).
Shown: TypeAlias = PublishedCount | Suppressed | Decimal | Unrounded[Any] | None


@dataclass(frozen=True)
class ShownRow:
    keys: dict[str, str]  # the month and the measure's category columns
    figures: dict[str, Shown]
    percentage: Shown = None  # for a rate: numerator over denominator

    def figure(self, name: str) -> Shown:
        return self.percentage if name == "percentage" else self.figures[name]


@dataclass(frozen=True)
class ShownMeasure:
    measure: Measure
    level: Level
    unrounded: bool
    rows: list[ShownRow] = field(default_factory=list)

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.measure.columns, "percentage") if self.measure.is_rate else self.measure.columns

    @property
    def width(self) -> int:
        """Columns in its table: the categories and the figures."""
        return len(self.measure.by) + len(self.columns)


def level_of(row_level: str) -> Level:
    try:
        return LEVELS[row_level]
    except KeyError:
        raise ValueError(f"unknown level {row_level!r}: scheme, region or england") from None


def show(
    measure: Measure, rows: Iterable[Row], *, level: str, raw: bool = False, policy: Policy | None = None
) -> ShownMeasure:
    """The rows (all of one level) as shown: published, or with `raw` true and below national,
    unrounded and labelled not for publication (the caller decides who may see that)."""
    disclosure_level = level_of(level)
    policy = policy or Policy.from_settings()
    raw = raw and disclosure_level is not Level.NATIONAL
    shown = []
    for row in rows:
        if row["level"] != level:
            raise ValueError(f"a {row['level']} row among {level} rows")
        keys = {k: "" if row[k] is None else str(row[k]) for k in ("month", *measure.by)}
        counts = {c: row[c] for c in measure.columns if _is_count(row[c])}
        figures: dict[str, Shown] = {
            c: (unrounded(v) if raw else publish(v, level=disclosure_level, policy=policy)) for c, v in counts.items()
        }
        every_count_shown = not any(isinstance(f, Suppressed) for f in figures.values())
        for c in measure.columns:
            if c not in counts:
                figures[c] = _statistic(row[c], raw=raw, shown=every_count_shown)
        rate: Shown = None
        if measure.is_rate:
            n, d = int(row["numerator"]), int(row["denominator"])
            rate = unrounded_percentage(n, d) if raw else percentage(n, d, level=disclosure_level, policy=policy)
        shown.append(ShownRow(keys=keys, figures=figures, percentage=rate))
    return ShownMeasure(measure=measure, level=disclosure_level, unrounded=raw, rows=shown)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _statistic(value: Any, *, raw: bool, shown: bool) -> Shown:
    if value is None:
        return None
    exact = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if raw:
        return Unrounded(exact)
    return exact if shown else SUPPRESSED


def plain(figure: Shown) -> int | str | None:
    """A shown figure for a file or JSON: a whole number, a decimal as text, `*`, or None.
    Unrounded figures keep their value; whoever writes them out labels the whole file not for
    publication."""
    value: Any = figure.value if isinstance(figure, Unrounded) else figure
    if value is None:
        return None
    if isinstance(value, Suppressed | Decimal):
        return str(value)
    return int(value)


def as_text(figure: Shown) -> str:
    """A shown figure on a page: `*`, a number with thousands separators, or an en dash for none."""
    value = figure.value if isinstance(figure, Unrounded) else figure
    if value is None:
        return "\u2013"  # an en dash: no figure
    if isinstance(value, Suppressed):
        return "*"
    if isinstance(value, Decimal):
        return f"{value:,}"
    return f"{int(value):,}"
