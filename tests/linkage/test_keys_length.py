"""Blocking keys fit their column whatever the names: PostgreSQL refuses a longer value."""

from liaison.linkage.keys import keys_of, search_keys
from liaison.linkage.models import MatchKey
from liaison.linkage.records import record
from tests import factories


def test_keys_of_the_longest_names_fit_the_column_and_still_match(db) -> None:
    long_given, long_family = "A" * 100, "B" * 99 + "C"
    r = record("x", given_name=long_given, family_name=long_family, date_of_birth="1990-05-17", postcode="LS1 4AP")
    width = MatchKey._meta.get_field("key").max_length or 0
    assert all(len(k) <= width for k in keys_of(r))
    assert keys_of(r) & search_keys(r) == keys_of(r)


def test_a_person_with_the_longest_names_is_saved_with_their_keys(network) -> None:
    person = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, given_name="A" * 100, family_name="B" * 100
    )
    assert MatchKey.objects.filter(person=person, key__startswith="nm:").exists()
