"""Correcting a person's details after identification: validated, evented, scoped."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from liaison.core.errors import Invalid, PermissionDenied
from liaison.people.actions import PersonDetails, person_details_correct
from liaison.people.codes import NhsNumberStatus
from liaison.people.identifiers import nhs_number_check_digit
from liaison.people.models import Alias, PersonEvent
from tests import factories


def details_of(person) -> PersonDetails:
    return PersonDetails(
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        gender_identity=person.gender_identity,
        ethnicity=person.ethnicity,
        postcode=person.postcode,
        nhs_number=person.nhs_number,
        nhs_number_status=person.nhs_number_status,
        pnc_id=person.pnc_id,
    )


@pytest.fixture
def person(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a).person


def test_a_correction_keeps_the_old_and_new_value_and_why(network, person):
    old_name = person.family_name
    fixed = replace(details_of(person), family_name="Corrected", date_of_birth=date(1990, 2, 3))
    person_details_correct(by=network.practitioner_a, person=person, details=fixed, reason="Misspelt at the desk")
    person.refresh_from_db()
    assert person.family_name == "Corrected"
    event = PersonEvent.objects.get(person=person, kind="person:change")
    assert event.data["changes"]["family_name"] == [old_name, "Corrected"]
    assert event.data["changes"]["date_of_birth"][1] == "1990-02-03"
    assert event.data["reason"] == "Misspelt at the desk"


def test_nothing_changed_writes_nothing(network, person):
    person_details_correct(by=network.practitioner_a, person=person, details=details_of(person), reason="")
    assert not PersonEvent.objects.filter(person=person, kind="person:change").exists()


def test_a_correction_needs_a_reason_and_valid_details(network, person):
    with pytest.raises(Invalid) as no_reason:
        person_details_correct(
            by=network.practitioner_a, person=person, details=replace(details_of(person), given_name="X"), reason=" "
        )
    assert "reason" in no_reason.value.errors
    with pytest.raises(Invalid) as bad:
        person_details_correct(
            by=network.practitioner_a,
            person=person,
            details=replace(details_of(person), nhs_number="1234567890"),
            reason="typo",
        )
    assert "nhs_number" in bad.value.errors
    assert not PersonEvent.objects.filter(person=person, kind="person:change").exists()


def test_staff_of_another_scheme_cannot_correct(network, person):
    with pytest.raises(PermissionDenied):
        person_details_correct(
            by=network.practitioner_b, person=person, details=replace(details_of(person), given_name="X"), reason="r"
        )


def _valid_nhs_number(start: str) -> str:
    """A synthetic NHS number in the 999 range with its check digit."""
    for n in range(1000):
        first_nine = f"{start}{n:03d}"
        digit = nhs_number_check_digit(first_nine)
        if digit is not None:
            return f"{first_nine}{digit}"
    raise AssertionError("no valid number")


def test_a_changed_nhs_number_is_not_carried_over_as_verified(network, person):
    first, second = _valid_nhs_number("999123"), _valid_nhs_number("999456")
    verified = replace(details_of(person), nhs_number=first, nhs_number_status=NhsNumberStatus.VERIFIED)
    person_details_correct(by=network.practitioner_a, person=person, details=verified, reason="Traced on PDS")
    assert person.nhs_number_status == NhsNumberStatus.VERIFIED
    moved = replace(details_of(person), nhs_number=second)
    person_details_correct(by=network.practitioner_a, person=person, details=moved, reason="Wrong number given")
    person.refresh_from_db()
    assert (person.nhs_number, person.nhs_number_status) == (second, NhsNumberStatus.UNVERIFIED)
    last = PersonEvent.objects.filter(person=person, kind="person:change").order_by("occurred_at", "id").last()
    assert last is not None
    assert last.data["changes"]["nhs_number_status"] == [NhsNumberStatus.VERIFIED, NhsNumberStatus.UNVERIFIED]


def test_marking_the_number_verified_is_a_correction_of_its_own(network, person):
    number = _valid_nhs_number("999789")
    person_details_correct(
        by=network.practitioner_a,
        person=person,
        # Status left unsaid, as a partner system may: a number newly given is unverified.
        details=replace(details_of(person), nhs_number=number, nhs_number_status=""),
        reason="Given",
    )
    assert person.nhs_number_status == NhsNumberStatus.UNVERIFIED
    checked = replace(details_of(person), nhs_number_status=NhsNumberStatus.VERIFIED)
    person_details_correct(by=network.practitioner_a, person=person, details=checked, reason="Traced on PDS")
    person.refresh_from_db()
    assert person.nhs_number_status == NhsNumberStatus.VERIFIED


def test_an_alias_is_added_once_and_kept_with_the_ones_held(network, person):
    with_alias = replace(details_of(person), aliases=[("Jo", "Bloggs")])
    person_details_correct(by=network.practitioner_a, person=person, details=with_alias, reason="Gave another name")
    again = replace(details_of(person), aliases=[("jo", "BLOGGS")])
    person_details_correct(by=network.practitioner_a, person=person, details=again, reason="Said it again")
    assert list(Alias.objects.filter(person=person).values_list("given_name", "family_name")) == [("Jo", "Bloggs")]
    events = PersonEvent.objects.filter(person=person, kind="person:change")
    assert [e.data["changes"] for e in events] == [{"aliases": [None, ["Jo Bloggs"]]}]
