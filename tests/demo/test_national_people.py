"""NHS numbers in the national build: from the 999 range with valid check digits, never the
same twice, across both simulation streams, and never running out at the national scale."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from liaison.demo import national, national_people, streams
from liaison.demo.build import setup
from liaison.demo.hours import local
from liaison.demo.national_people import PEOPLE_PER_EPISODE, VALID_NUMBERS, NationalPeople, given_share
from liaison.people.codes import NhsNumberStatus
from liaison.people.identifiers import nhs_number_check_digit
from liaison.people.models import Person

from .conftest import FAST_HASHERS, TODAY


def _valid(number: str) -> bool:
    return number.startswith("999") and len(number) == 10 and nhs_number_check_digit(number[:9]) == int(number[9])


def test_the_range_holds_as_many_valid_numbers_as_the_build_counts_on():
    assert sum(nhs_number_check_digit(f"999{p:06d}") is not None for p in range(1_000_000)) == VALID_NUMBERS


def test_a_full_national_build_plans_to_use_less_than_the_range():
    share = given_share(national.EPISODES)
    assert 0.65 < share < 0.78
    assert share * PEOPLE_PER_EPISODE * national.EPISODES < 0.96 * VALID_NUMBERS


def test_a_build_the_range_can_hold_keeps_the_demos_share():
    assert given_share(100_000) == pytest.approx(0.78)


def test_a_lower_share_keeps_verified_and_unverified_in_the_demos_proportion():
    maker = NationalPeople(1, share=0.39)
    assert maker.verified_share == pytest.approx(0.25)
    assert maker.given_share == pytest.approx(0.39)


def test_a_stretch_hands_out_each_valid_number_once_then_none(monkeypatch):
    monkeypatch.setattr(national_people, "PREFIXES", 40)
    maker = NationalPeople(3)
    drawn = [maker.nhs_number() for _ in range(45)]
    given = [n for n in drawn if n]
    assert len(set(given)) == len(given) == sum(nhs_number_check_digit(f"999{p:06d}") is not None for p in range(40))
    assert drawn[-1] == ""
    person, _ = maker.person(districts=("M1",), first_seen=date(2025, 1, 1), child=False)
    assert person.nhs_number == "" and person.nhs_number_status == NhsNumberStatus.NOT_GIVEN


def test_the_streams_stretches_cover_the_range_without_overlap(db, monkeypatch):
    monkeypatch.setattr(national_people, "PREFIXES", 5000)
    casts, _, _ = setup(seed=2, until=local(date.fromisoformat(TODAY), 16, 0), password_hash="x")
    stretches = streams._numbers(streams.split(casts))
    makers = [NationalPeople(2, stream=i + 1, first=a, last=b) for i, (a, b) in enumerate(stretches)]
    drawn = [[n for n in iter(m.nhs_number, "")] for m in makers]
    every = [n for numbers in drawn for n in numbers]
    assert all(drawn) and all(_valid(n) for n in every)
    assert len(set(every)) == len(every) == sum(nhs_number_check_digit(f"999{p:06d}") is not None for p in range(5000))


def test_a_build_larger_than_its_range_never_repeats_a_number(db, settings, monkeypatch):
    """A range of 300 prefixes (about 270 numbers) for 400 episodes: the numbers run out in the
    build, the people after have none, and no number is handed out twice."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    monkeypatch.setattr(national_people, "PREFIXES", 300)
    with transaction.atomic():
        national.build(seed=4, until=local(date.fromisoformat(TODAY), 16, 0), password_hash="x", episodes=400,
                       progress=False)  # fmt: skip
        numbers = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
        assert 200 < len(numbers) <= 273
        assert len(set(numbers)) == len(numbers) and all(_valid(n) for n in numbers)
        assert not Person.objects.filter(nhs_number="").exclude(nhs_number_status=NhsNumberStatus.NOT_GIVEN).exists()
        transaction.set_rollback(True)
