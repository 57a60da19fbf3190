"""Coverage on a date, worked out from footprints and population estimates: England, each
region and each force area, every local authority counted once."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.core import clock
from liaison.geography.models import ALL_AGES, LocalAuthority, PopulationEstimate, PopulationRelease
from liaison.organisations.coverage import coverage_on, milestones, rollout
from liaison.organisations.models import CoverageClaim, Footprint

ENGLAND = 57_690_323
LIVERPOOL, KNOWSLEY = ("E08000012", 503_740), ("E08000011", 159_243)
MERSEYSIDE = 503_740 + 159_243 + 282_745 + 185_982 + 324_852  # with Sefton, St Helens, Wirral


def covers(scheme, code: str, start: date, end: date | None = None) -> Footprint:
    la = LocalAuthority.objects.get(code=code)
    return Footprint.objects.create(scheme=scheme, local_authority=la, effective_from=start, effective_to=end)


def by_name(figures):
    return {f.name: f for f in figures}


@pytest.fixture
def liverpool_and_knowsley(network):
    """Scheme A covers Liverpool from April 2014 and Knowsley for 2014/15 only."""
    covers(network.scheme_a, LIVERPOOL[0], date(2014, 4, 1))
    covers(network.scheme_a, KNOWSLEY[0], date(2014, 4, 1), date(2015, 3, 31))
    return network


def test_nothing_is_covered_before_any_footprint_starts(liverpool_and_knowsley):
    c = coverage_on(date(2014, 3, 31))
    assert (c.england.population, c.england.covered, c.england.percent) == (ENGLAND, 0, 0.0)


def test_a_footprint_covers_its_local_authoritys_people_in_england_region_and_force_area(liverpool_and_knowsley):
    c = coverage_on(date(2014, 4, 1))
    covered = LIVERPOOL[1] + KNOWSLEY[1]
    assert c.england.covered == covered
    assert c.england.percent == round(100 * covered / ENGLAND, 1) == 1.1
    merseyside = by_name(c.force_areas)["Merseyside"]
    assert (merseyside.population, merseyside.covered) == (MERSEYSIDE, covered)
    assert merseyside.percent == 45.5  # 662,983 of 1,456,562
    north_west = by_name(c.regions)["North West"]
    assert north_west.covered == covered
    assert by_name(c.regions)["London"].covered == 0
    assert c.population_year == 2023


def test_the_last_day_of_a_footprint_counts_and_the_next_does_not(liverpool_and_knowsley):
    assert coverage_on(date(2015, 3, 31)).england.covered == LIVERPOOL[1] + KNOWSLEY[1]
    assert coverage_on(date(2015, 4, 1)).england.covered == LIVERPOOL[1]


def test_an_area_two_schemes_cover_counts_once(liverpool_and_knowsley):
    covers(liverpool_and_knowsley.scheme_b, LIVERPOOL[0], date(2014, 4, 1))
    assert coverage_on(date(2016, 1, 1)).england.covered == LIVERPOOL[1]


def test_every_region_and_force_area_is_listed_covered_or_not(liverpool_and_knowsley):
    c = coverage_on(date(2016, 1, 1))
    assert len(c.regions) == 9 and len(c.force_areas) == 39
    assert sum(r.population for r in c.regions) == sum(f.population for f in c.force_areas) == ENGLAND


def test_a_date_is_counted_by_the_latest_estimate_on_or_before_it(liverpool_and_knowsley):
    release = PopulationRelease.objects.create(
        year=2025, source="test", sha256="0" * 64, rows=296, loaded_at=clock.now()
    )
    PopulationEstimate.objects.bulk_create(
        PopulationEstimate(release=release, local_authority=e.local_authority, population=e.population * 2)
        for e in PopulationEstimate.objects.filter(release__year=2023, age=ALL_AGES)
    )
    assert coverage_on(date(2024, 12, 31)).england.population == ENGLAND
    later = coverage_on(date(2025, 7, 1))
    assert (later.population_year, later.england.population, later.england.covered) == (
        2025,
        2 * ENGLAND,
        2 * LIVERPOOL[1],
    )
    # Before any loaded year, the earliest loaded one.
    assert coverage_on(date(2015, 1, 1)).population_year == 2023


def test_the_rollout_gives_englands_coverage_from_each_date_cover_changes(liverpool_and_knowsley):
    steps = [(day, figure.covered) for day, figure in rollout()]
    assert steps == [(date(2014, 4, 1), LIVERPOOL[1] + KNOWSLEY[1]), (date(2015, 4, 1), LIVERPOOL[1])]


def test_each_published_claim_stands_beside_the_figure_computed_for_its_date(liverpool_and_knowsley):
    shown = milestones()
    assert len(shown) == CoverageClaim.objects.count() >= 6
    april_2015 = next(m for m in shown if m.claim.as_of == date(2015, 4, 1))
    assert april_2015.claim.schemes == 26 and april_2015.claim.population == 28_500_000
    assert april_2015.computed == coverage_on(date(2015, 4, 1)).england.percent
    assert all(m.claim.source and m.claim.url.startswith("https://") for m in shown)
