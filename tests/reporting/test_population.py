"""The population beside those identified: Census 2021 ethnic groups of the area a scheme covers."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.geography.models import CensusEthnicGroup, LocalAuthority
from liaison.geography.selectors import local_authority_totals, release_for
from liaison.organisations.models import Footprint
from liaison.reporting.dashboards.population import AS_STORED, ethnic_mix

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
