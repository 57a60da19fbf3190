"""Reading findings of an episode the user has already been allowed to open."""

from __future__ import annotations

from django.db.models import QuerySet

from liaison.pathway.models import Episode
from liaison.screening.models import Finding


def episode_findings(*, episode: Episode) -> QuerySet[Finding]:
    """Every finding, voided ones included: they stay visible, marked voided."""
    return (
        Finding.objects.filter(episode=episode)
        .select_related("decided_by", "voided_by")
        .order_by("domain", "recorded_at")
    )
