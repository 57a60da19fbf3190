"""The dashboard's panels: one area's figures over a period, shown once, drawn as charts.

Every figure here comes from the measures' true rows (`figures.Computed`) and is shown once, at
the area's level, through `publication.show`: a period's count is the sum of its months' true
counts, published as one figure, never a sum of published (rounded) figures. Distinct people,
percentiles and month-end snapshots cannot be added up over months, so those are shown month by
month only (`PER_MONTH_ONLY`).

The measures the panels look for are named once, below. A panel whose measure is not defined
(another part of the catalogue not written yet, or retired) is left out, not broken.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from liaison.core.vocabulary import Vulnerability
from liaison.organisations.models import PointOfContact, Scheme
from liaison.pathway.codes import JusticeOutcome, LdOutcome, ReferralSource
from liaison.people.codes import AGE_BANDS, Sex
from liaison.reporting.charts import Chart, Point, bar_chart, column_chart, is_suppressed, listed, value_of
from liaison.reporting.dashboards.population import age_bands_beside_population, ethnic_groups_beside_population
from liaison.reporting.figures import Computed
from liaison.reporting.measures import REGISTRY, Measure, Row
from liaison.reporting.publication import Shown, ShownMeasure, ShownRow, as_text, show
from liaison.reporting.returns import month_label

# --- the measures the dashboard looks for, in one place
FUNNEL = (("identified", "Identified"), ("screened", "Screened"), ("assessed", "Assessed"), ("referred", "Referred"))
PEOPLE = "people"
RATES = (
    ("screened_of_identified", "Screened of those identified"),
    ("assessed_of_screened", "Assessed of those screened"),
    ("referred_of_identified", "Referred of those identified"),
    ("screened_within_target", "Screened within the target time"),
)
TIME_TO_SCREENING = "time_to_screening"
WITHIN_TARGET = "screened_within_target"
NEEDS = "identified_by_vulnerability"
WITH_A_NEED = "identified_with_a_need"
POINTS_OF_CONTACT = "identified_by_point_of_contact"
DEMOGRAPHICS = (
    ("identified_by_age_band", "Age band at identification"),
    ("identified_by_sex", "Sex"),
    ("identified_by_ethnic_group", "Ethnic group"),
)
ETHNIC_GROUP = "identified_by_ethnic_group"
AGE_BAND = "identified_by_age_band"
OUTCOMES = (
    ("closed_by_ld_outcome", "L&D outcome of the episodes closed"),
    ("closed_by_justice_outcome", "Justice outcome of the episodes closed"),
)
# Figures that are not the sum of their months: distinct people, percentiles, month-end stocks.
PER_MONTH_ONLY = frozenset({PEOPLE, TIME_TO_SCREENING, "open_over_90_days"})

# What each category code reads as; a code not listed shows as it is.
_LABELS: dict[str, dict[str, str]] = {
    "point_of_contact": dict(PointOfContact.choices),
    "referral_source": dict(ReferralSource.choices),
    "sex": dict(Sex.choices),
    "domain": dict(Vulnerability.choices),
    "ld_outcome": dict(LdOutcome.choices),
    "justice_outcome": dict(JusticeOutcome.choices),
}
_ORDER: dict[str, list[str]] = {
    "age_band": [label for _, _, label in AGE_BANDS],
    "sex": [code for code, _ in Sex.choices],
}


@dataclass(frozen=True)
class Area:
    level: str  # a measure row's level: scheme, region or england
    area: str  # and its area: the scheme's id, the region's code, or England
    name: str
    scheme: Scheme | None = None

    @property
    def is_england(self) -> bool:
        return self.level == "england"


ENGLAND = Area(level="england", area="England", name="England")


@dataclass(frozen=True)
class Panel:
    key: str
    heading: str
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class AreaFigures:
    """One area's shown figures for a period: per month, or summed over the period."""

    def __init__(
        self,
        computed: Computed,
        area: Area,
        months: Sequence[str],
        *,
        raw: bool,
        ethnic_mix: dict[str, float] | None = None,
        age_mix: dict[str, float] | None = None,
    ) -> None:
        self.computed, self.area, self.months, self.raw = computed, area, list(months), raw
        self.period_key = f"{months[0]} to {months[-1]}"
        # The area's residents by census ethnic group and by age band from 10
        # (dashboards.population), where known.
        self.ethnic_mix, self.age_mix = ethnic_mix, age_mix

    def defined(self, name: str) -> Measure | None:
        return REGISTRY.get(name) if name in self.computed.rows else None

    def _rows(self, name: str) -> list[Row]:
        return self.computed.of(name, level=self.area.level, area=self.area.area, months=set(self.months))

    def period(self, name: str) -> ShownMeasure | None:
        """The measure over the whole period: true counts summed by category, then shown once."""
        measure = self.defined(name)
        if measure is None:
            return None
        if name in PER_MONTH_ONLY:
            raise ValueError(f"{name} is not the sum of its months: show it month by month")
        totals: dict[tuple[Any, ...], Row] = {}
        for row in self._rows(name):
            category = tuple(row[b] for b in measure.by)
            total = totals.setdefault(
                category, self._empty(measure, self.period_key, dict(zip(measure.by, category, strict=True)))
            )
            for c in measure.columns:
                if not isinstance(row[c], int) or isinstance(row[c], bool):
                    # A statistic (a mean, a median) summed over months would be quietly wrong.
                    raise ValueError(f"{name}.{c} is not a count, so it is not the sum of its months")
                total[c] += row[c]
        if not measure.by and not totals:
            totals[()] = self._empty(measure, self.period_key, {})
        return show(measure, totals.values(), level=self.area.level, raw=self.raw)

    def monthly(self, name: str) -> list[ShownRow] | None:
        """The measure's one row for each month of the period (a month with none: zeros), for a
        measure without categories."""
        measure = self.defined(name)
        if measure is None:
            return None
        found = {r["month"]: r for r in self._rows(name)}
        rows = [found.get(m) or self._empty(measure, m, {}, statistics=True) for m in self.months]
        return show(measure, rows, level=self.area.level, raw=self.raw).rows

    def _empty(self, measure: Measure, month: str, keys: dict[str, Any], *, statistics: bool = False) -> Row:
        # A month without a row had nothing to count: its counts are 0 and its statistics (a
        # median of no waits) are no figure.
        zero: Row = {"level": self.area.level, "area": self.area.area, "month": month, **keys}
        for c in measure.columns:
            zero[c] = None if statistics and c.endswith("_minutes") else 0
        return zero


def labelled(by: str, code: str) -> str:
    if code == "":
        return "Not recorded"
    return _LABELS.get(by, {}).get(code, code)


def _ordered(by: str, rows: Sequence[ShownRow]) -> list[ShownRow]:
    order = _ORDER.get(by)
    if order is None:
        return sorted(rows, key=lambda r: labelled(by, r.keys[by]))
    return sorted(rows, key=lambda r: (order.index(r.keys[by]) if r.keys[by] in order else len(order), r.keys[by]))


def _short(month: str) -> str:
    return month_label(month)[:3] + " " + month[2:4]


def _breakdown(figures: AreaFigures, name: str, title: str) -> Chart | None:
    shown = figures.period(name)
    if shown is None:
        return None
    (by,) = shown.measure.by[:1] or ("",)
    points = [Point(labelled(by, r.keys[by]), r.figure("value")) for r in _ordered(by, shown.rows)]
    return bar_chart(key=name, title=f"{title}, {figures.area.name}", points=points, header="Episodes")


def _by_month(
    key: str,
    title: str,
    rows: Sequence[ShownRow],
    column: str,
    *,
    header: str,
    extra: Sequence[tuple[str, Sequence[Shown]]],
    unit: str = "",
) -> Chart:
    points = [Point(_short(r.keys["month"]), r.figure(column)) for r in rows]
    return column_chart(key=key, title=title, points=points, unit=unit, header=header, extra=extra)


def funnel(figures: AreaFigures) -> Panel | None:
    points = [
        Point(label, shown.rows[0].figure("value"))
        for name, label in FUNNEL
        if (shown := figures.period(name)) is not None
    ]
    if not points:
        return None
    title = f"The pathway, {figures.area.name}"
    chart = bar_chart(key="funnel", title=title, points=points, header="Episodes", summary=listed(points))
    return Panel(
        key="funnel",
        heading="The pathway",
        charts=[chart],
        notes=[
            "Each stage counts the episodes whose first identification, screening, assessment or referral "
            "fell in the period, so a stage can include episodes identified before it."
        ],
    )


def trends(figures: AreaFigures) -> Panel | None:
    identified = figures.monthly("identified")
    if identified is None:
        return None
    extra = [
        (label, [r.figure("value") for r in rows])
        for name, label in (*FUNNEL[1:], (PEOPLE, "People"))
        if (rows := figures.monthly(name)) is not None
    ]
    title = f"Episodes identified each month, {figures.area.name}"
    chart = _by_month("trend", title, identified, "value", header="Identified", extra=extra)
    notes = ["People counts distinct people in each month; a person seen in two months counts in both."]
    return Panel(key="trends", heading="Monthly trends", charts=[chart], notes=notes)


def timeliness(figures: AreaFigures) -> Panel | None:
    waits = figures.monthly(TIME_TO_SCREENING)
    if waits is None:
        return None
    extra: list[tuple[str, Sequence[Shown]]] = [
        ("Episodes screened", [r.figure("episodes") for r in waits]),
        ("90th percentile (minutes)", [r.figure("p90_minutes") for r in waits]),
    ]
    within = figures.monthly(WITHIN_TARGET)
    if within is not None:
        extra.append(("Within target (%)", [r.percentage for r in within]))
    title = f"Median minutes from identification to first screening, {figures.area.name}"
    chart = _by_month("timeliness", title, waits, "median_minutes", header="Median (minutes)", extra=extra, unit=" min")
    notes = [
        "Medians and 90th percentiles cannot be added up across months, so they are shown for each month only. "
        "A statistic of a month whose count is suppressed is suppressed too."
    ]
    if (share := figures.period(WITHIN_TARGET)) is not None:
        notes.append(_share(share.rows[0].percentage, "screened within the target time"))
    return Panel(key="timeliness", heading="Timeliness", charts=[chart], notes=notes)


def _share(figure: Shown, what: str) -> str:
    """A sentence for a period's percentage (already shown through disclosure control)."""
    if is_suppressed(figure):
        return f"The share of episodes {what} over the period is not shown: too few episodes to publish it."
    if value_of(figure) is None:
        return f"There were no episodes to give the share {what}."
    return f"Over the period, {as_text(figure)}% of episodes were {what}."


def needs(figures: AreaFigures) -> Panel | None:
    chart = _breakdown(figures, NEEDS, "Needs of the episodes identified")
    if chart is None:
        return None
    notes = ["An episode counts once in every domain it has a need in (confirmed or suspected)."]
    if (any_need := figures.period(WITH_A_NEED)) is not None:
        notes.append(_share(any_need.rows[0].percentage, "identified with at least one need"))
    return Panel(key="needs", heading="Needs", charts=[chart], notes=notes)


def points_of_contact(figures: AreaFigures) -> Panel | None:
    chart = _breakdown(figures, POINTS_OF_CONTACT, "Episodes identified by point of contact")
    return Panel(key="points-of-contact", heading="Points of contact", charts=[chart]) if chart else None


def demographics(figures: AreaFigures) -> Panel | None:
    charts = [c for name, title in DEMOGRAPHICS if (c := _breakdown(figures, name, title)) is not None]
    if not charts:
        return None
    notes: list[str] = []
    for beside in (
        ethnic_groups_beside_population(figures, notes, measure=ETHNIC_GROUP),
        age_bands_beside_population(figures, notes, measure=AGE_BAND),
    ):
        if beside is not None:
            charts.append(beside)
    return Panel(key="demographics", heading="Who was identified", charts=charts, notes=notes)


def outcomes(figures: AreaFigures) -> Panel | None:
    charts = [c for name, title in OUTCOMES if (c := _breakdown(figures, name, title)) is not None]
    notes = ["Episodes closed in the period whose closure still stands (not reopened since)."]
    return Panel(key="outcomes", heading="Outcomes", charts=charts, notes=notes) if charts else None


def benchmark(figures: AreaFigures, england: AreaFigures) -> Panel | None:
    """The area's rates beside England's, over the same period."""
    if figures.area.is_england:
        return None
    points: list[Point] = []
    for name, label in RATES:
        mine, national = figures.period(name), england.period(name)
        if mine is None or national is None:
            continue
        points.append(Point(f"{label}: {figures.area.name}", mine.rows[0].percentage))
        points.append(Point(f"{label}: England", national.rows[0].percentage, comparison=True))
    charts = []
    if points:
        title = f"{figures.area.name} beside England"
        charts.append(bar_chart(key="benchmark", title=title, points=points, unit="%", header="Percentage"))
    if (wait := _median_beside_england(figures, england)) is not None:
        charts.append(wait)
    if not charts:
        return None
    notes = [
        "Each rate follows the episodes identified (or screened) in the period to date. Below national level "
        "percentages are worked out from the published counts. A median is of one month: medians of "
        "months cannot be combined into the period's."
    ]
    return Panel(key="benchmark", heading="Benchmarking against England", charts=charts, notes=notes)


def _median_beside_england(figures: AreaFigures, england: AreaFigures) -> Chart | None:
    """The last month's median wait for a first screening, the area's beside England's."""
    mine, national = figures.monthly(TIME_TO_SCREENING), england.monthly(TIME_TO_SCREENING)
    if not mine or not national:
        return None
    month = month_label(figures.months[-1])
    points = [
        Point(figures.area.name, mine[-1].figure("median_minutes")),
        Point("England", national[-1].figure("median_minutes"), comparison=True),
    ]
    title = f"Median minutes to first screening, {month}"
    return bar_chart(key="benchmark-wait", title=title, points=points, unit=" min", header="Median (minutes)")


PANELS: tuple[Callable[[AreaFigures], Panel | None], ...] = (
    funnel,
    trends,
    timeliness,
    needs,
    points_of_contact,
    demographics,
    outcomes,
)


def panels(figures: AreaFigures, england: AreaFigures) -> list[Panel]:
    found = [p for make in PANELS if (p := make(figures)) is not None]
    if (compared := benchmark(figures, england)) is not None:
        found.append(compared)
    return found
