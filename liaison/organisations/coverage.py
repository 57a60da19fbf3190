"""How much of England's population L&D covers on a date, from footprints and population
estimates: England, each ONS region and each police force area.

A local authority is covered on a date when any scheme's footprint includes it that day; it
counts once however many schemes cover it. Its people are the persons, all ages, of the
estimate `geography.selectors.release_for` picks for the date (the latest mid-year on or before
it). Aggregate figures about places, never about people: nothing here is scoped or suppressed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from liaison.geography.models import ForceArea, Region
from liaison.geography.selectors import local_authorities, local_authority_totals, release_for
from liaison.organisations.models import CoverageClaim, Footprint, Site, SiteKind


@dataclass(frozen=True)
class Figure:
    code: str
    name: str
    population: int
    covered: int

    @property
    def percent(self) -> float:
        return round(100 * self.covered / self.population, 1) if self.population else 0.0


@dataclass(frozen=True)
class Coverage:
    on: date
    population_year: int | None
    england: Figure
    regions: list[Figure]
    force_areas: list[Figure]


ENGLAND = ("E92000001", "England")


def covered_local_authority_ids(on: date) -> set[int]:
    return set(Footprint.objects.in_effect(on).values_list("local_authority_id", flat=True))


def coverage_on(on: date) -> Coverage:
    release = release_for(on)
    people = local_authority_totals(release)
    covered = covered_local_authority_ids(on)
    population: dict[str, int] = defaultdict(int)
    reached: dict[str, int] = defaultdict(int)
    for la in local_authorities():
        n = people.get(la.pk, 0)
        reach = n if la.pk in covered else 0
        for key in (ENGLAND[0], la.region.code, la.force_area.code):
            population[key] += n
            reached[key] += reach

    def figure(code: str, name: str) -> Figure:
        return Figure(code=code, name=name, population=population[code], covered=reached[code])

    return Coverage(
        on=on,
        population_year=release.year if release else None,
        england=figure(*ENGLAND),
        regions=[figure(r.code, r.name) for r in Region.objects.order_by("name")],
        force_areas=[figure(f.code, f.name) for f in ForceArea.objects.order_by("name")],
    )


@dataclass(frozen=True)
class Milestone:
    """A published claim beside the figure computed for the same date."""

    claim: CoverageClaim
    computed: float


def milestones() -> list[Milestone]:
    return [Milestone(claim=c, computed=coverage_on(c.as_of).england.percent) for c in CoverageClaim.objects.all()]


def rollout() -> list[tuple[date, Figure]]:
    """England's coverage from each date a footprint starts or ends, in order: the rollout."""
    starts = set(Footprint.objects.values_list("effective_from", flat=True))
    ends = {d for d in Footprint.objects.values_list("effective_to", flat=True) if d is not None}
    days = sorted(starts | {d + timedelta(days=1) for d in ends})
    return [(day, coverage_on(day).england) for day in days]


@dataclass(frozen=True)
class CustodyCover:
    """Whether L&D staff are in every live scheme's open custody suites around the clock."""

    suites: int
    round_the_clock: int
    short: list[Site]  # the suites without 24/7 cover, by scheme and name

    @property
    def percent(self) -> float:
        return round(100 * self.round_the_clock / self.suites, 1) if self.suites else 0.0


def custody_cover(on: date) -> CustodyCover:
    """The custody suites of schemes live on `on`, from their structured opening hours."""
    suites = list(
        Site.objects.filter(kind=SiteKind.CUSTODY_SUITE, active=True, scheme__go_live__lte=on)
        .select_related("scheme")
        .prefetch_related("opening_periods")
        .order_by("scheme__name", "name")
    )
    short = [s for s in suites if not s.open_24_7]
    return CustodyCover(suites=len(suites), round_the_clock=len(suites) - len(short), short=short)
