"""The demo network's footprints grow in waves that reproduce the published milestones: 10
schemes from April 2014, 26 covering about half of England from April 2015, about 82% by April
2018, and all of England by March 2021."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.geography.models import LocalAuthority
from liaison.organisations.coverage import coverage_on
from liaison.organisations.models import Footprint, OrganisationEvent, Scheme


@pytest.fixture
def demo(build_demo):
    build_demo(size=0)


def percent(day: date) -> float:
    return coverage_on(day).england.percent


def live_schemes(day: date) -> int:
    return Footprint.objects.in_effect(day).values("scheme").distinct().count()


def test_ten_schemes_are_live_from_april_2014_and_26_from_april_2015(demo):
    assert live_schemes(date(2014, 3, 31)) == 0
    assert live_schemes(date(2014, 4, 1)) == 10
    assert live_schemes(date(2015, 4, 1)) == Scheme.objects.count() == 26


def test_about_half_of_england_is_covered_from_april_2015(demo):
    assert 15 < percent(date(2015, 3, 31)) < 20  # wave 1 only
    assert 52 <= percent(date(2015, 4, 1)) <= 54  # published: 53%, 28.5 million


def test_about_82_percent_is_covered_by_april_2018_and_all_by_march_2021(demo):
    assert 80 <= percent(date(2018, 4, 1)) <= 84  # NHS England: 82% (RAND: 75%)
    assert 95 < percent(date(2020, 3, 31)) < 100  # the sources disagree: March 2020 or 2021
    assert percent(date(2020, 4, 1)) == percent(date(2021, 3, 31)) == 100.0


def test_every_local_authority_is_covered_by_one_scheme_at_a_time(demo):
    covered = Footprint.objects.in_effect(date(2021, 3, 31))
    assert covered.count() == covered.values("local_authority").distinct().count() == LocalAuthority.objects.count()


def test_each_footprint_was_added_with_its_event(demo):
    added = OrganisationEvent.objects.filter(kind="scheme:footprint:add")
    assert added.count() == Footprint.objects.count()
    later = Footprint.objects.filter(effective_from=date(2019, 4, 1)).first()
    event = added.get(subject_id=later.pk)
    assert event.occurred_at.date() == date(2019, 4, 1)
    assert event.data["local_authority"] == later.local_authority.code
