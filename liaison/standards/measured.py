"""Measured criteria, filled from the reporting measures (ADR 0012), never defined again here.

A criterion names a measure of the catalogue and which of its columns are the numerator and
the denominator; its figure for an area over a period is the sum of the measure's monthly rows
there (a period's count is the sum of its months, as the dashboard's is). The true counts are
what a submission keeps; what is shown passes through `liaison.reporting.disclosure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from liaison.reporting.disclosure import (
    Level,
    Policy,
    PublishedPercentage,
    Unrounded,
    percentage,
    unrounded_percentage,
)
from liaison.reporting.figures import Computed
from liaison.reporting.measures import REGISTRY
from liaison.standards.models import Criterion, RatingValue
from liaison.standards.periods import Period

LEVELS = {"scheme": Level.SCHEME, "region": Level.REGION, "england": Level.NATIONAL}


@dataclass(frozen=True)
class Figure:
    """A measured criterion's true counts over a period, or why there are none."""

    numerator: int = 0
    denominator: int = 0
    measure_version: int | None = None
    missing: str = ""

    @property
    def available(self) -> bool:
        return not self.missing

    @property
    def exact(self) -> Decimal | None:
        if self.missing or not self.denominator:
            return None
        return Decimal(100 * self.numerator) / Decimal(self.denominator)

    def as_json(self) -> dict[str, Any]:
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "measure_version": self.measure_version,
            "missing": self.missing,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        return cls(
            numerator=int(data.get("numerator") or 0),
            denominator=int(data.get("denominator") or 0),
            measure_version=data.get("measure_version"),
            missing=str(data.get("missing") or ""),
        )


def figure(criterion: Criterion, computed: Computed, *, level: str, area: str, period: Period) -> Figure:
    """The criterion's counts for one area (`scheme` and its id, `region` and its code, or
    `england`) summed over the period's months."""
    spec = criterion.measure
    measure = REGISTRY.get(spec.get("name", ""))
    if measure is None:
        return Figure(
            missing=f"No measure named {spec.get('name')} is in the reporting catalogue yet, so this criterion has "
            "no figure: rate it by hand until there is one."
        )
    where: dict[str, str] = spec.get("numerator_where", {})
    numerator = denominator = 0
    area = "England" if level == "england" else area
    for row in computed.of(measure.name, level=level, area=area, months=set(period.months)):
        denominator += int(row.get(spec["denominator"]) or 0)
        if all(str(row.get(k)) == v for k, v in where.items()):
            numerator += int(row.get(spec["numerator"]) or 0)
    if spec.get("invert"):
        numerator = denominator - numerator
    if denominator == 0:
        return Figure(measure_version=measure.version, missing="Nothing was counted in this period.")
    if numerator > denominator:
        # A measure counting each step in the month it happened (referral progress) can have
        # more of the later step than the earlier one in a short period: no share is given.
        return Figure(
            numerator,
            denominator,
            measure.version,
            missing=f"The measure counts each step in the month it happened: this period has more "
            f"({numerator}) than its base ({denominator}), so no share can be given.",
        )
    return Figure(numerator, denominator, measure.version)


def rating_from(criterion: Criterion, f: Figure) -> str:
    """The rating a measured figure earns by the framework's thresholds (empty without them)."""
    exact = f.exact
    if exact is None or criterion.met_from is None:
        return ""
    if exact >= criterion.met_from:
        return RatingValue.MET
    if criterion.partly_from is not None and exact >= criterion.partly_from:
        return RatingValue.PARTLY
    return RatingValue.NOT_MET


def shown(
    f: Figure, *, level: str, raw: bool = False, policy: Policy | None = None
) -> PublishedPercentage | Unrounded[Decimal | None] | None:
    """The share to show: published at the area's level, or (`raw`, for the scheme's own
    staff) the true share labelled not for publication. None when there is no figure."""
    if not f.available:
        return None
    if raw and level != "england":
        return unrounded_percentage(f.numerator, f.denominator)
    return percentage(f.numerator, f.denominator, level=LEVELS[level], policy=policy)
