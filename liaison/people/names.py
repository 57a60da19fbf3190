"""The names a person is found by (`NameKey`), kept in step with their record and aliases.

A search word matches a name it begins, whatever the case (as `istartswith` did): each name is
folded once here (`casefold`, spaces collapsed), the word the same way, and the names beginning
with it are the index range from the word to the word followed by the highest code point. The
keys follow every save of a person or alias (signals, connected in PeopleConfig.ready); a bulk
load, which sends none, ends with `rebuild` (`liaison people index`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from liaison.core.paging import in_key_order
from liaison.people.models import Alias, NameKey, Person

# Above every character: "smith" <= any name beginning "smith" < "smith" + this.
_LAST = "\U0010ffff"
_LENGTH = NameKey._meta.get_field("key").max_length or 100


def fold(name: str) -> str:
    return " ".join(name.casefold().split())[:_LENGTH]


def name_keys(person: Person, aliases: Iterable[Alias]) -> set[str]:
    names = [person.given_name, person.family_name]
    for alias in aliases:
        names += [alias.given_name, alias.family_name]
    return {key for name in names if (key := fold(name))}


def beginning(word: str) -> QuerySet[NameKey]:
    """The keys of the names that begin with `word` (an index range on both databases)."""
    folded = fold(word)
    return NameKey.objects.filter(key__gte=folded, key__lt=folded + _LAST)


def _rows(person: Person, aliases: Iterable[Alias]) -> Iterator[NameKey]:
    for key in sorted(name_keys(person, aliases)):
        yield NameKey(person=person, key=key)


def refresh(person: Person) -> None:
    with transaction.atomic():
        NameKey.objects.filter(person=person).delete()
        NameKey.objects.bulk_create(_rows(person, Alias.objects.filter(person=person)))


def rebuild(batch: int = 5000) -> int:
    """Every person's name keys afresh, in pages by primary key. Returns how many people."""
    done = 0
    with transaction.atomic():
        NameKey.objects.all().delete()
        for chunk in in_key_order(Person.objects.prefetch_related("aliases"), batch):
            NameKey.objects.bulk_create([row for p in chunk for row in _rows(p, p.aliases.all())], batch_size=5000)
            done += len(chunk)
    return done


def _person_saved(sender: Any, instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh(instance)


def _alias_changed(sender: Any, instance: Alias, raw: bool = False, **kwargs: Any) -> None:
    if not raw and Person.objects.filter(pk=instance.person_id).exists():
        refresh(instance.person)


def connect() -> None:
    post_save.connect(_person_saved, sender=Person, dispatch_uid="people-name-keys")
    post_save.connect(_alias_changed, sender=Alias, dispatch_uid="people-alias-name-keys")
    post_delete.connect(_alias_changed, sender=Alias, dispatch_uid="people-alias-name-keys-gone")
