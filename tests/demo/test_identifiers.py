import nhs_number

from liaison.people.identifiers import normalise_pnc_id, normalise_postcode
from liaison.people.models import Person


def test_every_nhs_number_is_from_the_999_range_and_passes_modulus_11(build_demo):
    build_demo(size=150)
    numbers = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    assert len(numbers) > 50
    assert all(n.startswith("999") and nhs_number.is_valid(n) for n in numbers)


def test_some_people_give_no_nhs_number_and_some_are_unverified(build_demo):
    build_demo(size=150)
    statuses = set(Person.objects.values_list("nhs_number_status", flat=True))
    assert statuses == {"verified", "unverified", "not_given"}
    assert not Person.objects.filter(nhs_number_status="not_given").exclude(nhs_number="").exists()


def test_pnc_ids_and_postcodes_are_valid(build_demo):
    build_demo(size=150)
    for pnc, postcode in Person.objects.values_list("pnc_id", "postcode"):
        assert not pnc or normalise_pnc_id(pnc) == pnc
        assert not postcode or normalise_postcode(postcode) == postcode
