"""The demo's people are as old as L&D meets them: children 10 to 17 on the day they are met."""

from __future__ import annotations

from datetime import date, timedelta

from liaison.demo.people import PeopleMaker
from liaison.people.codes import age_on


def test_a_child_is_ten_to_seventeen_and_an_adult_eighteen_or_more_on_the_day_first_met():
    maker = PeopleMaker(9)
    for n in range(3000):
        # Every day of a leap cycle, so birthdays near 29 February come up too.
        day = date(2024, 1, 1) + timedelta(days=n % 1461)
        child, _ = maker.person(districts=("L1",), first_seen=day, child=True)
        assert 10 <= age_on(child.date_of_birth, day) <= 17
        adult, _ = maker.person(districts=("L1",), first_seen=day, child=False)
        assert adult.date_of_birth is None or age_on(adult.date_of_birth, day) >= 18
