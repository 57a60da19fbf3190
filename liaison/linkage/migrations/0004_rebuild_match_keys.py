"""The blocking keys changed (model person.2: either name's sound-alike with the date of birth,
the postcode with it, the full name alone): every person's keys are rebuilt with the current
rules, so that "Seen before?" finds people recorded before the change."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def rebuild(apps: Any, schema_editor: Any) -> None:
    # The keys module's own rules, as `keys.refresh` stores them. The historical models have the
    # fields a person's records read; their aliases are the prefetched rows, passed in.
    from liaison.linkage.keys import person_keys

    person_model = apps.get_model("people", "Person")
    match_key = apps.get_model("linkage", "MatchKey")
    match_key.objects.all().delete()
    people = person_model.objects.prefetch_related("aliases").order_by("pk")
    batch: list[Any] = []
    for person in people.iterator(chunk_size=2000):
        keys = person_keys(person, person.aliases.all())
        batch += [match_key(person_id=person.pk, key=k) for k in sorted(keys)]
        if len(batch) >= 5000:
            match_key.objects.bulk_create(batch)
            batch = []
    match_key.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("linkage", "0003_personmerge")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
