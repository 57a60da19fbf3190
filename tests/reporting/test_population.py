"""The population beside those identified: Census 2021 ethnic groups and the mid-year estimates
by age band of the area a scheme covers."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.geography.models import ALL_AGES, CensusEthnicGroup, LocalAuthority, PopulationEstimate
from liaison.geography.selectors import local_authority_totals, release_for
from liaison.organisations.models import Footprint
from liaison.people.codes import AGE_BANDS
from liaison.reporting.dashboards.population import AS_STORED, age_mix, ethnic_mix

ON = date(2024, 6, 30)


@pytest.fixture
def leeds(network):
    """Scheme A covers Leeds alone, from 2020."""
    la = LocalAuthority.objects.get(name="Leeds")
    Footprint.objects.filter(scheme=network.scheme_a).delete()
    Footprint.objects.create(scheme=network.scheme_a, local_authority=la, effective_from=date(2020, 1, 1))
    return la


def test_england_is_every_force_area_as_the_census_counted_it(db):
    mix = ethnic_mix(schemes=None, on=ON)

    assert mix is not None and set(mix) == set(AS_STORED.values())
    assert sum(mix.values()) == sum(CensusEthnicGroup.objects.values_list("population", flat=True))
    assert mix["White"] > mix["Asian or Asian British"] > mix["Other ethnic groups"]


def test_a_scheme_covering_one_authority_has_its_force_areas_mix_at_its_share_of_the_population(network, leeds):
    totals = local_authority_totals(release_for(ON))
    in_force = [la.pk for la in LocalAuthority.objects.filter(force_area=leeds.force_area)]
    share = totals[leeds.pk] / sum(totals[pk] for pk in in_force)
    census = dict(CensusEthnicGroup.objects.filter(force_area=leeds.force_area).values_list("group", "population"))

    mix = ethnic_mix(schemes=[network.scheme_a], on=ON)

    assert mix is not None
    for group, stored in AS_STORED.items():
        assert mix[stored] == pytest.approx(census[group] * share)


def test_a_scheme_with_no_footprint_on_the_day_has_no_known_population(network, leeds):
    assert ethnic_mix(schemes=[network.scheme_a], on=date(2019, 6, 30)) is None
    assert ethnic_mix(schemes=[], on=ON) is None


@pytest.fixture
def hartlepool_and_scilly(network):
    """Scheme A covers Hartlepool and the Isles of Scilly, from 2020."""
    Footprint.objects.filter(scheme=network.scheme_a).delete()
    for code in ("E06000001", "E06000053"):
        la = LocalAuthority.objects.get(code=code)
        Footprint.objects.create(scheme=network.scheme_a, local_authority=la, effective_from=date(2020, 1, 1))


def test_a_schemes_age_mix_is_its_local_authorities_residents_from_10_added_up(network, hartlepool_and_scilly):
    mix = age_mix(schemes=[network.scheme_a], on=ON)

    # Worked by hand from population_by_age_mid2023.csv: Hartlepool + the Isles of Scilly.
    assert mix == {
        "10-17": 9750 + 172,
        "18-24": 7315 + 190,
        "25-34": 11749 + 205,
        "35-44": 11530 + 282,
        "45-54": 11289 + 280,
        "55-64": 13959 + 303,
        "65 and over": 19107 + 605,
    }
    # Their residents less their under-10s (10,667 and 192): nobody counted twice or lost.
    assert sum(mix.values()) == 95_366 + 2_229 - 10_667 - 192


def test_englands_age_mix_is_every_local_authority_from_10_in_the_stores_bands(db):
    mix = age_mix(schemes=None, on=ON)

    assert mix is not None and list(mix) == [label for _, _, label in AGE_BANDS]
    assert sum(mix.values()) == 57_690_323 - 6_413_404


def test_an_age_mix_is_not_known_without_a_footprint_or_estimates_by_age(network, hartlepool_and_scilly):
    assert age_mix(schemes=[network.scheme_a], on=date(2019, 6, 30)) is None
    assert age_mix(schemes=[], on=ON) is None
    PopulationEstimate.objects.filter(local_authority__code="E06000053").exclude(age=ALL_AGES).delete()
    assert age_mix(schemes=[network.scheme_a], on=ON) is None, "a part of the area is not known by age"
