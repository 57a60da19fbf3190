"""The blocking keys of a record, and keeping them beside each person in the database.

A search at intake looks up only people who share at least one key with what was given, on one
indexed column, so it costs the same over a thousand people or a million; the model then scores
that short list. The keys are the blocking rules Splink de-duplicates a file with
(`comparisons.BLOCKING_RULES`), so the register and a file find the same candidates, and one
more a search alone uses: the full name without the date of birth (`nm:`), for details given
without one. A file has no cap, and common names would make that block the largest by far; a
search looks it up last, within its cap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from liaison.core.paging import in_key_order
from liaison.linkage.models import MatchKey
from liaison.linkage.records import Record, record
from liaison.people.models import Alias, Person

_KEY_LENGTH = MatchKey._meta.get_field("key").max_length or 40
# The prefix of the key only a search uses, after the others (see the module's docstring).
NAME_ONLY = "nm:"


def keys_of(r: Record) -> set[str]:
    keys: set[str] = set()
    if r.nhs_number:
        keys.add(f"n:{r.nhs_number}")
    if r.pnc_id:
        keys.add(f"p:{r.pnc_id}")
    if r.dob:
        # Either name's sound-alike, whichever box it was given in.
        keys.update(f"dn:{r.dob}:{sx}" for sx in (r.given_sx, r.family_sx) if sx)
        if r.given_canon:
            keys.add(f"dc:{r.dob}:{r.given_canon}")
        if r.sx_pair:
            keys.add(f"ds:{r.dob}:{r.sx_pair}")
            keys.add(f"ms:{r.dob[5:]}:{r.sx_pair}")
            keys.add(f"ys:{r.dob_year}:{r.sx_pair}")
    if r.postcode and r.family_sx:
        keys.add(f"pf:{r.postcode}:{r.family_sx}")
    if r.postcode and r.dob:
        keys.add(f"pd:{r.postcode}:{r.dob}")
    if r.given_canon and r.family_name:
        keys.add(f"{NAME_ONLY}{r.given_canon}:{r.family_name}")
    # Long names are cut to the column's length (PostgreSQL refuses longer), stored and searched alike.
    return {k[:_KEY_LENGTH] for k in keys}


def search_keys(r: Record) -> set[str]:
    """What to look up for details given at intake: their keys, and those of the date of birth
    read day for month (stored records are keyed as they were recorded)."""
    keys = keys_of(r)
    if r.dob_swap:
        keys |= keys_of(replace(r, dob=r.dob_swap, dob_year=r.dob_swap[:4]))
    return keys


def person_records(person: Person, aliases: Iterable[Alias] | None = None) -> list[Record]:
    """The person as recorded, and once more under each alias (their other details unchanged)."""
    names = [(person.given_name, person.family_name)]
    names += [(a.given_name, a.family_name) for a in (person.aliases.all() if aliases is None else aliases)]
    return [
        record(
            person.pk,
            given_name=given,
            family_name=family,
            date_of_birth=person.date_of_birth,
            sex=person.sex,
            postcode=person.postcode,
            nhs_number=person.nhs_number,
            pnc_id=person.pnc_id,
        )
        for given, family in names
    ]


def person_keys(person: Person, aliases: Iterable[Alias] | None = None) -> set[str]:
    """Every key of the person, under their own name and each alias (`person_records`)."""
    keys: set[str] = set()
    for r in person_records(person, aliases):
        keys |= keys_of(r)
    return keys


def _rows(person: Person) -> Iterator[MatchKey]:
    for key in sorted(person_keys(person)):
        yield MatchKey(person=person, key=key)


def refresh(person: Person) -> None:
    with transaction.atomic():
        MatchKey.objects.filter(person=person).delete()
        MatchKey.objects.bulk_create(_rows(person))


def rebuild(batch: int = 2000) -> int:
    """Every person's keys afresh (after a bulk load, which saves no signals). Returns how many
    people were keyed."""
    done = 0
    with transaction.atomic():
        MatchKey.objects.all().delete()
        for chunk in in_key_order(Person.objects.prefetch_related("aliases"), batch):
            MatchKey.objects.bulk_create([row for p in chunk for row in _rows(p)], batch_size=5000)
            done += len(chunk)
    return done


def _person_saved(sender: Any, instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh(instance)


def _alias_changed(sender: Any, instance: Alias, raw: bool = False, **kwargs: Any) -> None:
    if not raw and Person.objects.filter(pk=instance.person_id).exists():
        refresh(instance.person)


def connect() -> None:
    post_save.connect(_person_saved, sender=Person, dispatch_uid="linkage-person-keys")
    post_save.connect(_alias_changed, sender=Alias, dispatch_uid="linkage-alias-keys")
    post_delete.connect(_alias_changed, sender=Alias, dispatch_uid="linkage-alias-keys-gone")
