"""Keep the latest screening's urgency on the episode, so the worklist reads no events.

Filled from the stored events as the projection (`pathway.projection.apply`) now keeps it: each
screening step that records an urgency and still stands (no void names it), oldest first, as
[UTC time, urgency]; the episode's urgency is the last of them. `liaison events verify` replays
the same events through the projection and must find no difference.
"""

from datetime import UTC

from django.db import migrations, models

# Frozen here: the tags of screening steps when this was written (a migration must not change
# when the code's lists do).
SCREENING_STEPS = ("episode:screen", "screening:instrument")
_CHUNK = 2000


def forwards(apps, schema_editor):
    Episode = apps.get_model("pathway", "Episode")
    PathwayEvent = apps.get_model("pathway", "PathwayEvent")
    voided = PathwayEvent.objects.filter(voids__isnull=False).values("voids_id")
    rows = (
        PathwayEvent.objects.filter(kind__in=SCREENING_STEPS)
        .exclude(pk__in=voided)
        .order_by("episode_id", "occurred_at", "id")
        .values_list("episode_id", "occurred_at", "data")
    )
    changed = []

    def keep(episode_id, standing):
        changed.append(Episode(pk=episode_id, screening_urgencies=standing, urgency=standing[-1][1]))
        if len(changed) >= 500:
            Episode.objects.bulk_update(changed, ["screening_urgencies", "urgency"])
            changed.clear()

    # Streamed an episode at a time (the rows come in episode order): bounded memory at any size.
    current, standing = None, []
    for episode_id, at, data in rows.iterator(chunk_size=_CHUNK):
        if episode_id != current:
            if standing:
                keep(current, standing)
            current, standing = episode_id, []
        urgency = (data or {}).get("urgency")
        if urgency:
            standing.append([at.astimezone(UTC).isoformat(), urgency])
    if standing:
        keep(current, standing)
    if changed:
        Episode.objects.bulk_update(changed, ["screening_urgencies", "urgency"])

class Migration(migrations.Migration):
    dependencies = [
        ("pathway", "0005_correct_referral_sources_and_concerns"),
    ]

    operations = [
        migrations.AddField(
            model_name="episode",
            name="screening_urgencies",
            field=models.JSONField(
                blank=True, default=list, help_text="Each standing screening's [UTC time, urgency], oldest first"
            ),
        ),
        migrations.AddField(
            model_name="episode",
            name="urgency",
            field=models.CharField(
                blank=True,
                choices=[("immediate", "Immediate"), ("same_day", "Same day"), ("routine", "Routine")],
                help_text="How soon L&D acts, from the latest screening",
                max_length=12,
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
