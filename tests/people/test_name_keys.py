"""The names a person is found by follow their record and aliases, folded for searching."""

from __future__ import annotations

from liaison.people import names
from liaison.people.models import Alias, NameKey
from tests import factories


def _keys(person) -> set[str]:
    return set(NameKey.objects.filter(person=person).values_list("key", flat=True))


def test_a_new_person_is_found_by_their_names_folded(network):
    person = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, given_name="Zoë ", family_name="MacLEOD"
    )
    assert _keys(person) == {"zoë", "macleod"}


def test_an_alias_adds_its_names_and_a_correction_replaces_the_old_ones(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a, given_name="Sam", family_name="Jones")
    Alias.objects.create(person=person, given_name="Samantha", family_name="Smith-Jones")
    person.family_name = "Jonas"
    person.save()
    assert _keys(person) == {"sam", "jonas", "samantha", "smith-jones"}


def test_a_prefix_is_every_name_it_begins_and_no_other(network):
    for family in ("Smith", "Smithson", "smit", "Psmith"):
        factories.person(by=network.practitioner_a, scheme=network.scheme_a, given_name="Alex", family_name=family)
    assert set(names.beginning("SMITH").values_list("key", flat=True)) == {"smith", "smithson"}
    assert set(names.beginning("Ψυχ").values_list("key", flat=True)) == set()


def test_names_in_any_script_are_found_by_their_beginning(network):
    factories.person(by=network.practitioner_a, scheme=network.scheme_a, given_name="Ψυχή", family_name="王秀英")
    assert set(names.beginning("ψυ").values_list("key", flat=True)) == {"ψυχή"}
    assert set(names.beginning("王").values_list("key", flat=True)) == {"王秀英"}


def test_rebuild_keys_everyone_after_a_bulk_load(network):
    people = [factories.person(by=network.practitioner_a, scheme=network.scheme_a) for _ in range(3)]
    NameKey.objects.all().delete()
    assert names.rebuild(batch=2) == NameKey.objects.values("person").distinct().count()
    assert all(_keys(p) == {"alex", p.family_name.casefold()} for p in people)
