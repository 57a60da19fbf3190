"""Correct stored referral sources, and drop the retired concerns from episodes.

Referral source (NHS Data Dictionary, Source of Referral for Mental Health). Until now `D1` was
offered as "Education service" and `Q1` as "Temporary transfer from another mental health
service"; in the Data Dictionary `D1` is Employer and `Q1` a mental health drop-in service. The
meaning of what was stored is certain, because the list offered nothing else under those codes:

- every stored `D1` meant an education service, and becomes `C2`;
- every stored `Q1` meant a temporary transfer, and becomes `I1`.

Every other code the list offered (E1 to E6, B1, B2, C1, A1, G4) was labelled as the Data
Dictionary labels it and is left alone. A stored value that is not a code of the list at all is
uncertain: it is left as it is and printed (code and count) for someone to look at.

Pathway events are not rewritten: they are append-only, and a payload written before this
correction is read through `liaison.pathway.codes.LEGACY_REFERRAL_SOURCE` by its schema version.

Concerns. Being a young person or a woman in custody is now a flag derived from the person's
date of birth and sex, not a vulnerability; the codes `young_person` and `woman` are dropped from
each episode's concerns (the identification event keeps them as raised, and reads them still).

Reversing this migration changes nothing: after it, `C2` and `I1` are recorded in their own
right and could not be told apart from corrected rows.
"""

from django.db import migrations

# Frozen here: a migration must not change when the code's lists do.
CERTAIN = {"D1": "C2", "Q1": "I1"}
KNOWN = {
    "E1", "E2", "E3", "E4", "E5", "E6", "B1", "B2", "A1", "A3", "H1", "C1", "C2", "C3", "D1", "G4", "M4", "M6",
    "P1", "Q1", "I1", "I2",
}  # fmt: skip
RETIRED_CONCERNS = {"young_person", "woman"}


def forwards(apps, schema_editor):
    Episode = apps.get_model("pathway", "Episode")
    for old, new in CERTAIN.items():
        Episode.objects.filter(referral_source=old).update(referral_source=new)
    uncertain = {}
    for code in Episode.objects.exclude(referral_source__in=KNOWN).values_list("referral_source", flat=True):
        uncertain[code] = uncertain.get(code, 0) + 1
    for code, count in sorted(uncertain.items()):
        print(f"  referral source {code!r} on {count} episode(s) is not a code of the list: left as it is")

    # JSON containment cannot be queried on SQLite, so read the lists in batches.
    changed = []
    for episode in Episode.objects.only("id", "concerns").iterator(chunk_size=2000):
        concerns = episode.concerns or []
        if any(c in RETIRED_CONCERNS for c in concerns):
            episode.concerns = [c for c in concerns if c not in RETIRED_CONCERNS]
            changed.append(episode)
        if len(changed) >= 500:
            Episode.objects.bulk_update(changed, ["concerns"])
            changed = []
    if changed:
        Episode.objects.bulk_update(changed, ["concerns"])


class Migration(migrations.Migration):
    dependencies = [
        ("pathway", "0004_referral_source_codes_and_alerted_by"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
