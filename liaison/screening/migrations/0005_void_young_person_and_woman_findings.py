"""Void the findings of the two retired vulnerability domains.

"Young person in custody" and "Woman in custody" were offered as vulnerability domains, with a
status (suspected, confirmed, ...). They are facts about the person, derived from the date of
birth and sex at the episode, and are shown as flags now. Nothing clinical is deleted: findings
of those domains are voided with the reason below, and stay on the episode marked voided.
Their pathway events are not touched (append-only).
"""

from django.db import migrations
from django.utils import timezone

RETIRED = ("young_person", "woman")
REASON = "Now a flag derived from date of birth and sex"


def forwards(apps, schema_editor):
    Finding = apps.get_model("screening", "Finding")
    Finding.objects.filter(domain__in=RETIRED, voided_at__isnull=True).update(
        voided_at=timezone.now(), void_reason=REASON
    )


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0004_retire_young_person_and_woman"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
