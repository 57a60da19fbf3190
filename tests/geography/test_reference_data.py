"""The shipped ONS files are sane: England's local authorities, its 39 force areas and 9 regions,
the mid-2023 population and Census 2021 ethnic groups, each adding up to the published totals."""

from __future__ import annotations

import csv

from django.db.models import Sum

from liaison.geography.models import (
    ALL_AGES,
    CensusEthnicGroup,
    ForceArea,
    LocalAuthority,
    PopulationEstimate,
    Region,
    Sex,
)
from liaison.geography.reference import ETHNICITY, LOOKUP, POPULATION, POPULATION_BY_AGE, load_reference
from liaison.people.codes import AGE_BANDS

# ONS: mid-2023 estimate of England's usual resident population.
ENGLAND_MID_2023 = 57_690_323
# Of whom under 10, left out of the age bands (L&D sees people from 10): summed from the same
# single years of age the bands were.
ENGLAND_UNDER_10_MID_2023 = 6_413_404
# The store's bands as the population file spells them (an open band as `65+`).
BANDS = [f"{low}-{high}" if high is not None else f"{low}+" for low, high, _ in AGE_BANDS]


def test_england_has_296_local_authorities_in_39_force_areas_and_9_regions(reference):
    assert LocalAuthority.objects.count() == 296
    assert ForceArea.objects.count() == 39
    assert Region.objects.count() == 9
    assert all(f.code.startswith("E23") for f in ForceArea.objects.all())
    assert all(la.code[:3] in {"E06", "E07", "E08", "E09"} for la in LocalAuthority.objects.all())


def test_the_shipped_population_adds_up_to_englands_published_mid_2023_total(reference):
    cells = PopulationEstimate.objects.filter(release__year=2023, sex=Sex.PERSONS, age=ALL_AGES)
    assert cells.count() == 296
    assert cells.aggregate(n=Sum("population"))["n"] == ENGLAND_MID_2023
    assert min(cells.values_list("population", flat=True)) == 2229  # the Isles of Scilly


def test_each_force_area_lies_wholly_in_the_region_it_is_filed_under(reference):
    for la in LocalAuthority.objects.select_related("force_area"):
        assert la.region_id == la.force_area.region_id, la


def test_known_places_sit_in_their_force_area_and_region(reference):
    def where(code):
        la = LocalAuthority.objects.select_related("force_area", "region").get(code=code)
        return la.name, la.force_area.name, la.region.name

    assert where("E08000012") == ("Liverpool", "Merseyside", "North West")
    assert where("E06000066") == ("Somerset", "Avon and Somerset", "South West")
    assert where("E06000065") == ("North Yorkshire", "North Yorkshire", "Yorkshire and The Humber")
    assert where("E06000012") == ("North East Lincolnshire", "Humberside", "Yorkshire and The Humber")
    assert LocalAuthority.objects.filter(force_area__name="Metropolitan Police").count() == 32
    assert list(LocalAuthority.objects.filter(force_area__code="E23000034").values_list("name", flat=True)) == [
        "City of London"
    ]


def test_census_ethnic_groups_add_up_to_englands_census_population(reference):
    rows = CensusEthnicGroup.objects.all()
    assert rows.count() == 39 * 5
    total = rows.aggregate(n=Sum("population"))["n"]
    # 56,490,048 published; summing perturbed local authority cells drifts by a few.
    assert abs(total - 56_490_048) < 100
    white = rows.filter(group="white").aggregate(n=Sum("population"))["n"]
    assert abs(white - 45_783_401) < 100


def test_the_files_agree_with_each_other_code_for_code():
    with LOOKUP.open() as a, POPULATION.open() as b, ETHNICITY.open() as c:
        lookup, population, ethnicity = (list(csv.DictReader(f)) for f in (a, b, c))
    assert [r["lad23cd"] for r in lookup] == [r["code"] for r in population]
    assert {r["pfa23cd"] for r in lookup} == {r["pfa22cd"] for r in ethnicity}
    assert len({r["lad23cd"] for r in lookup}) == len(lookup)


def test_the_age_bands_are_the_stores_for_every_local_authority_in_the_lookups_order():
    with LOOKUP.open() as a, POPULATION_BY_AGE.open() as b:
        lookup, bands = list(csv.DictReader(a)), list(csv.DictReader(b))
    assert list(bands[0]) == ["code", "age_band", "population"]
    assert [(r["code"], r["age_band"]) for r in bands] == [(la["lad23cd"], band) for la in lookup for band in BANDS]


def test_each_authoritys_bands_are_its_population_aged_10_and_over(reference):
    cells = PopulationEstimate.objects.filter(release__year=2023)
    totals = dict(cells.filter(age=ALL_AGES).values_list("local_authority__code", "population"))
    banded: dict[str, int] = {}
    for code, people in cells.filter(age__in=BANDS).values_list("local_authority__code", "population"):
        banded[code] = banded.get(code, 0) + people
    assert set(banded) == set(totals)
    assert all(0 < banded[code] < totals[code] for code in totals)
    assert sum(totals.values()) - sum(banded.values()) == ENGLAND_UNDER_10_MID_2023
    # Hartlepool, summed by hand from its single years of age.
    hartlepool = PopulationEstimate.objects.filter(release__year=2023, local_authority__code="E06000001")
    assert dict(hartlepool.exclude(age=ALL_AGES).values_list("age", "population")) == {
        "10-17": 9750,
        "18-24": 7315,
        "25-34": 11749,
        "35-44": 11530,
        "45-54": 11289,
        "55-64": 13959,
        "65+": 19107,
    }


def test_a_shipped_release_loaded_before_the_age_bands_is_loaded_again_with_them(reference):
    PopulationEstimate.objects.filter(release__year=2023).exclude(age=ALL_AGES).delete()

    load_reference()

    assert PopulationEstimate.objects.filter(release__year=2023, age__in=BANDS).count() == 296 * len(BANDS)
    assert PopulationEstimate.objects.filter(release__year=2023, age=ALL_AGES).count() == 296
