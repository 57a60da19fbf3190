"""Recording people: every bad detail is named, and nothing is written when one is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from liaison.core.errors import Invalid, PermissionDenied
from liaison.people.actions import PersonDetails, person_create
from liaison.people.models import Alias, LocalIdentifier, Person


def create(network, *, by=None, scheme=None, **details):
    fields = {"given_name": "Sam", "family_name": "Okafor"}
    fields.update(details)
    return person_create(
        by=by or network.practitioner_a, scheme=scheme or network.scheme_a, details=PersonDetails(**fields)
    )


def test_a_person_is_recorded_with_normalised_identifiers(network):
    person = create(
        network,
        given_name=" Sam ",
        nhs_number="999-123-4578",
        pnc_id="2019/12345g",
        postcode="ls14ap",
        aliases=[("Sammy", " O "), ("", " ")],
        local_identifiers=[("custody_record", " 01/1234/25 ")],
    )

    assert (person.given_name, person.nhs_number, person.nhs_number_status) == ("Sam", "9991234578", "unverified")
    assert (person.pnc_id, person.postcode) == ("2019/0012345G", "LS1 4AP")
    assert [(a.given_name, a.family_name) for a in Alias.objects.filter(person=person)] == [("Sammy", "O")]
    assert LocalIdentifier.objects.get(person=person).value == "01/1234/25"
    assert (person.registered_by_scheme, person.created_by) == (network.scheme_a, network.practitioner_a)


def test_without_an_nhs_number_the_status_is_not_given(network):
    assert create(network).nhs_number_status == "not_given"


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"given_name": " "}, "given_name"),
        ({"family_name": ""}, "family_name"),
        ({"given_name": "x" * 101}, "given_name"),
        ({"date_of_birth": date(2200, 1, 1)}, "date_of_birth"),
        ({"date_of_birth": date(1850, 1, 1)}, "date_of_birth"),
        ({"sex": "7"}, "sex"),
        ({"gender_identity": "male"}, "gender_identity"),
        ({"ethnicity": "Q"}, "ethnicity"),
        ({"postcode": "nowhere"}, "postcode"),
        ({"nhs_number": "999 123 4579"}, "nhs_number"),
        ({"pnc_id": "2019/12345Q"}, "pnc_id"),
        ({"nhs_number": "999 123 4578", "nhs_number_status": "not_given"}, "nhs_number_status"),
        ({"nhs_number_status": "verified"}, "nhs_number"),
        ({"nhs_number": "999 123 4578", "nhs_number_status": "guessed"}, "nhs_number_status"),
        ({"local_identifiers": [("shoe_size", "9")]}, "local_identifiers"),
        ({"local_identifiers": [("custody_record", " ")]}, "local_identifiers"),
        ({"local_identifiers": [("custody_record", "1" * 61)]}, "local_identifiers"),
        ({"aliases": [("x" * 101, "Smith")]}, "aliases"),
        ({"aliases": [("", "y" * 101)]}, "aliases"),
    ],
)
def test_bad_details_are_refused_by_field_and_nobody_is_recorded(network, details, field):
    with pytest.raises(Invalid) as refused:
        create(network, **details)

    assert field in refused.value.errors
    assert not Person.objects.exists()


def test_every_bad_field_is_named_at_once(network):
    with pytest.raises(Invalid) as refused:
        create(network, given_name="", postcode="?", nhs_number="1")

    assert set(refused.value.errors) == {"given_name", "postcode", "nhs_number"}


def test_the_messages_are_written_for_people(network):
    with pytest.raises(Invalid) as refused:
        create(network, postcode="?", nhs_number="12")

    assert refused.value.errors["postcode"] == "Enter a full UK postcode, like LS1 4AP"
    assert refused.value.errors["nhs_number"] == "Enter an NHS number of 10 digits, like 999 123 4578"


def test_a_date_of_birth_today_is_accepted(network):
    today = timezone.localdate()
    assert create(network, date_of_birth=today).date_of_birth == today


def test_a_date_of_birth_tomorrow_is_refused(network):
    with pytest.raises(Invalid):
        create(network, date_of_birth=timezone.localdate() + timedelta(days=1))


def test_a_local_identifier_in_use_in_the_scheme_is_refused_and_nobody_is_recorded(network):
    create(network, local_identifiers=[("custody_record", "CR-1")])

    with pytest.raises(Invalid) as refused:
        create(network, family_name="Second", local_identifiers=[("custody_record", "CR-1")])

    assert refused.value.code == "duplicate_identifier"
    assert not Person.objects.filter(family_name="Second").exists()


def test_the_same_local_identifier_may_be_used_in_another_scheme(network):
    create(network, local_identifiers=[("custody_record", "CR-1")])

    other = create(
        network, by=network.practitioner_b, scheme=network.scheme_b, local_identifiers=[("custody_record", "CR-1")]
    )

    assert other.registered_by_scheme == network.scheme_b


@pytest.mark.parametrize("who", ["support_worker_a", "commissioner", "analyst", "practitioner_b"])
def test_only_recording_staff_of_the_scheme_can_record_a_person(network, who):
    with pytest.raises(PermissionDenied):
        create(network, by=getattr(network, who))

    assert not Person.objects.exists()
