"""Reading suggested findings of an episode the user has already been allowed to open."""

from __future__ import annotations

from django.db.models import QuerySet

from liaison.core.errors import NotFound
from liaison.pathway.models import Episode
from liaison.screening.models import Decision, Finding


def pending_suggestions(*, episode: Episode) -> QuerySet[Finding]:
    """Suggestions still waiting for the practitioner, voided ones left out."""
    return (
        Finding.objects.filter(episode=episode, decision=Decision.PENDING, voided_at__isnull=True)
        .select_related("episode")
        .order_by("recorded_at", "id")
    )


def finding_get(*, episode: Episode, finding_id: object) -> Finding:
    """One finding of an episode fetched through `episode_get`; another episode's is not found."""
    text = str(finding_id)
    pk = int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
    finding = Finding.objects.filter(episode=episode, pk=pk).select_related("episode").first() if pk else None
    if finding is None:
        raise NotFound("No such finding in this episode")
    return finding
