"""Blocking in the database, then scoring: the true person is found through typos and swaps."""

from __future__ import annotations

from datetime import date

from liaison.linkage.selectors import candidates, query_record
from liaison.people.models import Person
from tests.linkage.conftest import NHS_NUMBER


def _found(**given: object) -> list[Person]:
    return [p for p, _ in candidates(query_record(**given))]  # type: ignore[arg-type]


def test_a_typo_in_the_family_name_still_finds_the_person(register: dict[str, Person]) -> None:
    found = _found(given_name="Jordan", family_name="Ashwroth", date_of_birth=date(1990, 5, 17))
    assert found[0] == register["jordan"]


def test_a_nickname_and_a_moved_postcode_still_find_the_person(register: dict[str, Person]) -> None:
    found = _found(given_name="Bob", family_name="Kowalski", date_of_birth=date(1979, 8, 4), postcode="M1 1AA")
    assert found[0] == register["elsewhere"]


def test_names_given_the_other_way_round_still_find_the_person(register: dict[str, Person]) -> None:
    found = _found(given_name="Ashworth", family_name="Jordan", date_of_birth=date(1990, 5, 17))
    assert found[0] == register["jordan"]


def test_day_and_month_swapped_still_find_the_person(register: dict[str, Person]) -> None:
    found = _found(given_name="Sam", family_name="Okafor", date_of_birth=date(1985, 9, 3))
    assert found[0] == register["numbered"]


def test_the_same_name_born_another_day_is_not_offered_above_the_person(register: dict[str, Person]) -> None:
    found = _found(given_name="Jordan", family_name="Ashworth", date_of_birth=date(1990, 5, 17), postcode="LS6 2AB")
    assert found[0] == register["jordan"]
    assert register["namesake"] not in found[:1]


def test_an_exact_nhs_number_ranks_first_whatever_the_names(register: dict[str, Person]) -> None:
    found = _found(given_name="Jordan", family_name="Ashworth", date_of_birth=date(1990, 5, 17), nhs_number=NHS_NUMBER)
    assert found[0] == register["numbered"]


def test_an_alias_is_found_like_a_name(register: dict[str, Person]) -> None:
    register["brother"].aliases.create(given_name="Jay", family_name="Marsh")
    found = _found(given_name="Jay", family_name="Marsh", date_of_birth=date(1993, 1, 2))
    assert found == [register["brother"]]


def test_nothing_to_look_up_finds_nobody(register: dict[str, Person]) -> None:
    assert _found() == []
