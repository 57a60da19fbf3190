"""`liaison events verify`: do the stored events still explain what the rows say?

Two checks, streamed so they run at national scale in bounded memory:
- every stored event, in every event table, validates against the schema of the version it
  names (a row that does not was written around the contract);
- every episode's events, replayed through the one projection, give the projection its row
  holds (a difference means something wrote the row without an event, or the fold changed).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps

from liaison.core.events import EVENTS, PayloadInvalid, UnknownTag, is_tombstone
from liaison.core.models import Event
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import Projection, StepRefused, project

_CHUNK = 2000


@dataclass
class Report:
    events: int = 0
    episodes: int = 0
    invalid: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.invalid and not self.differences


def event_tables() -> list[type[Event]]:
    return [m for m in apps.get_models() if issubclass(m, Event)]


def check_payloads(report: Report) -> None:
    for model in event_tables():
        rows = model._default_manager.order_by("pk").values_list("pk", "kind", "schema_version", "data")
        for pk, kind, version, data in rows.iterator(chunk_size=_CHUNK):
            report.events += 1
            if is_tombstone(data):
                continue  # disposed of after review (ADR 0027); `audit verify` proves it was so
            try:
                problem = EVENTS.get(kind).check_stored(data, version)
            except UnknownTag:
                problem = f"no event type is declared for {kind!r}"
            if problem:
                report.invalid.append(f"{model._meta.label} {pk} ({kind} v{version}): {problem}")


def _histories() -> Iterator[tuple[Episode, list[PathwayEvent]]]:
    """Each episode with its events, oldest first, a chunk of episodes at a time."""
    ids = list(Episode.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        events: dict[object, list[PathwayEvent]] = {pk: [] for pk in chunk}
        for e in PathwayEvent.objects.filter(episode_id__in=chunk).order_by("occurred_at", "id"):
            events[e.episode_id].append(e)
        for episode in Episode.objects.filter(pk__in=chunk).order_by("pk"):
            yield episode, events[episode.pk]


def check_projections(report: Report) -> None:
    for episode, events in _histories():
        report.episodes += 1
        if any(is_tombstone(e.data) for e in events):
            continue  # a disposed episode keeps its projection; its events keep no content to replay
        try:
            replayed = project(events)
        except (StepRefused, ValueError, UnknownTag, PayloadInvalid) as e:
            report.differences.append(f"episode {episode.pk}: its events cannot be replayed ({e})")
            continue
        differences = Projection.of(episode).differences(replayed)
        if differences:
            said = ", ".join(f"{k} is {a!r}, events say {b!r}" for k, (a, b) in sorted(differences.items()))
            report.differences.append(f"episode {episode.pk}: {said}")


def verify() -> Report:
    report = Report()
    check_payloads(report)
    check_projections(report)
    return report
