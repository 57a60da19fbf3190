"""Reading findings of an episode the user has already been allowed to open."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from liaison.pathway.models import Episode, PathwayEvent
from liaison.screening.events import INSTRUMENT, SCREEN
from liaison.screening.models import Finding


def episode_findings(*, episode: Episode) -> QuerySet[Finding]:
    """Every finding, voided ones included: they stay visible, marked voided."""
    return (
        Finding.objects.filter(episode=episode)
        .select_related("decided_by", "voided_by")
        .order_by("domain", "recorded_at")
    )


def screening_urgencies(*, episode_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The urgency of each episode's latest screening still standing (not voided), in one query:
    a screening step, or an instrument that records urgency (the core screen)."""
    latest: dict[uuid.UUID, str] = {}
    rows = (
        PathwayEvent.objects.filter(episode_id__in=episode_ids, voided_by__isnull=True)
        .filter(Q(kind=SCREEN.tag) | Q(kind=INSTRUMENT.tag, data__has_key="urgency"))
        .order_by("occurred_at", "id")
        .values_list("episode_id", "data__urgency")
    )
    for episode_id, urgency in rows:
        latest[episode_id] = urgency
    return latest
