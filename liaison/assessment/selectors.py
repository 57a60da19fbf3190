"""Reading assessments of an episode the user has already been allowed to open (`episode_get`)."""

from __future__ import annotations

from dataclasses import dataclass

from liaison.assessment.models import Assessment
from liaison.core.errors import NotFound
from liaison.pathway.models import Episode, PathwayEvent


def episode_assessments(*, episode: Episode) -> list[Assessment]:
    """Every version, oldest first, in one query."""
    return list(Assessment.objects.filter(episode=episode).select_related("author").order_by("version"))


def assessment_get(*, episode: Episode, assessment_id: object) -> Assessment:
    """One version; an id of another episode's assessment is not found."""
    text = str(assessment_id)
    pk = int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
    found = (
        Assessment.objects.filter(episode=episode, pk=pk).select_related("author", "episode", "replaces").first()
        if pk
        else None
    )
    if found is None:
        raise NotFound("No such assessment in this episode")
    return found


@dataclass(frozen=True)
class Version:
    """A version with what the list around it says about it."""

    assessment: Assessment
    superseded_by: Assessment | None

    @property
    def is_current(self) -> bool:
        return self.superseded_by is None


def versions(assessments: list[Assessment]) -> list[Version]:
    """Each version with the one that replaced it, from a list already fetched (no query)."""
    replaced = {a.replaces_id: a for a in assessments if a.replaces_id}
    return [Version(a, replaced.get(a.pk)) for a in assessments]


def completion_void(*, assessment: Assessment) -> PathwayEvent | None:
    """The void of the timeline entry that recorded this version, if someone voided it."""
    if assessment.event_id is None:
        return None
    return PathwayEvent.objects.filter(voids_id=assessment.event_id).select_related("actor").first()


def superseding(*, assessment: Assessment) -> Assessment | None:
    return Assessment.objects.filter(replaces=assessment).first()
