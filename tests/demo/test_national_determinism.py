"""The national build is the same for a seed: people, episodes and their events."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from liaison.demo import national
from liaison.demo.hours import local
from liaison.pathway.models import PathwayEvent
from liaison.people.models import Person

from .conftest import FAST_HASHERS, TODAY


def _snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    events = PathwayEvent.objects.order_by("episode_id", "occurred_at", "id")
    return (
        list(events.values_list("episode_id", "kind", "occurred_at", "stage_after")),
        list(Person.objects.order_by("pk").values_list("pk", "given_name", "nhs_number", "date_of_birth")),
    )


def test_the_same_seed_builds_the_same_rows(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    until = local(date.fromisoformat(TODAY), 16, 0)
    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            national.build(seed=5, until=until, password_hash="x", episodes=60, progress=False)
            snapshots.append(_snapshot())
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0][0]) > 60
