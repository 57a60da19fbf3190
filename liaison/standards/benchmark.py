"""A scheme beside its region and England on every criterion of a framework, for one period.

Self-assessed criteria: how many schemes rated it met, partly met or not met in their latest
submission for the period, in the region and in England. Measured criteria: the share from the
measures for the scheme, its region and England. Every figure below England is published by
`liaison.reporting.disclosure` (the one place that rounds and suppresses): a region of a few
schemes shows `*` rather than counts that would name each scheme's rating.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from liaison.organisations.models import Scheme
from liaison.reporting.disclosure import Level, Published, PublishedPercentage, Unrounded, percentage, publish
from liaison.reporting.figures import Computed
from liaison.standards.measured import Figure, figure, shown
from liaison.standards.models import Criterion, Framework, RatingValue, Submission
from liaison.standards.periods import Period
from liaison.standards.selectors import criteria_of, latest_submissions


@dataclass(frozen=True)
class Share:
    """One rating's count among an area's schemes and its share, both as published."""

    rating: str
    label: str
    count: Published
    percent: PublishedPercentage


@dataclass(frozen=True)
class Distribution:
    shares: list[Share]
    schemes: Published  # how many schemes of the area submitted


@dataclass(frozen=True)
class Line:
    criterion: Criterion
    scheme_rating: str = ""  # self-assessed: the scheme's latest submitted rating
    region: Distribution | None = None
    england: Distribution | None = None
    # measured: the share for each area (None: no figure, `missing` says why)
    scheme_value: PublishedPercentage | Unrounded[Decimal | None] | None = None
    region_value: PublishedPercentage | None = None
    england_value: PublishedPercentage | None = None
    missing: str = ""


@dataclass(frozen=True)
class Benchmark:
    scheme: Scheme
    framework: Framework
    period: Period
    submitted: Submission | None
    region_schemes: int
    england_schemes: int
    lines: list[Line] = field(default_factory=list)


def _distribution(code: str, submissions: list[Submission], level: Level) -> Distribution:
    counts = Counter(s.line(code).get("rating", "") for s in submissions)
    total = sum(counts[r] for r in RatingValue.values)
    shares = [
        Share(
            rating=value,
            label=str(label),
            count=publish(counts[value], level=level),
            percent=percentage(counts[value], total, level=level),
        )
        for value, label in RatingValue.choices
    ]
    return Distribution(shares=shares, schemes=publish(len(submissions), level=level))


def _published(f: Figure, level: str) -> PublishedPercentage | None:
    value = shown(f, level=level)
    assert not isinstance(value, Unrounded)
    return value


def benchmark(*, scheme: Scheme, framework: Framework, period: Period, computed: Computed, raw: bool) -> Benchmark:
    """`raw` shows the scheme's own measured shares unrounded (its own staff, not for publication)."""
    latest = latest_submissions(framework=framework, period=period.code)
    region_ids = set(Scheme.objects.filter(region_id=scheme.region_id).values_list("id", flat=True))
    in_region = [s for sid, s in latest.items() if sid in region_ids]
    everyone = list(latest.values())
    own = latest.get(scheme.pk)
    lines = []
    for c in criteria_of(framework):
        if c.measured:
            mine = figure(c, computed, level="scheme", area=str(scheme.pk), period=period)
            region = figure(c, computed, level="region", area=scheme.region.code, period=period)
            england = figure(c, computed, level="england", area="England", period=period)
            lines.append(
                Line(
                    criterion=c,
                    scheme_value=shown(mine, level="scheme", raw=raw),
                    region_value=_published(region, "region"),
                    england_value=_published(england, "england"),
                    missing=mine.missing if not mine.available and not england.available else "",
                )
            )
        else:
            lines.append(
                Line(
                    criterion=c,
                    scheme_rating=own.line(c.code).get("rating", "") if own else "",
                    region=_distribution(c.code, in_region, Level.REGION),
                    england=_distribution(c.code, everyone, Level.NATIONAL),
                )
            )
    return Benchmark(
        scheme=scheme,
        framework=framework,
        period=period,
        submitted=own,
        region_schemes=len(in_region),
        england_schemes=len(everyone),
        lines=lines,
    )
