"""The retention schedule and the report of records past it (issue 11, "Data rights").

One schedule per record type, from the settings (default: the NHS England Records Management
Code of Practice 2023 for mental health records). Liaison never deletes a record on its own: this
report lists what has passed its period so that a scheme manager can review it; an episode on
it can then be disposed of, by two people, through `liaison disposal` (actions.py, ADR 0027).

- An episode is past retention `RETENTION_EPISODE_YEARS` after its last contact: its closure, or
  its last event if later (a note after closing is contact too). Open episodes never are.
- A person's identity, and the audit of who looked at them, are past retention only when every
  one of their episodes is (and, with none, years after they were registered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone

from liaison.pathway.models import Episode
from liaison.people.models import Person

SOURCE = "NHS England Records Management Code of Practice 2023, Appendix II: mental health records"


@dataclass(frozen=True)
class RecordType:
    name: str
    kept_for: str
    source: str


def schedule() -> list[RecordType]:
    years = settings.RETENTION_EPISODE_YEARS
    return [
        RecordType(
            "An episode: its events, screening, assessment, referrals, consents and shares",
            f"{years} years after the last contact",
            SOURCE,
        ),
        RecordType("A person's identity, aliases and identifiers", "While any of their episodes is kept", SOURCE),
        RecordType("Who has looked at a person's record (the access audit)", "As long as the person's record", SOURCE),
    ]


def _cutoff(as_of: date) -> datetime:
    years = settings.RETENTION_EPISODE_YEARS
    try:
        day = as_of.replace(year=as_of.year - years)
    except ValueError:  # 29 February, and the year `years` back has none
        day = as_of.replace(year=as_of.year - years, day=28)
    return timezone.make_aware(datetime.combine(day, time.min))


def episodes_past_retention(*, as_of: date, scheme_ids: frozenset[int] | None = None) -> QuerySet[Episode]:
    """Closed episodes whose last contact is more than the period before `as_of`, oldest first."""
    cutoff = _cutoff(as_of)
    episodes = Episode.objects.filter(closed_at__isnull=False, closed_at__lt=cutoff)
    if scheme_ids is not None:
        episodes = episodes.filter(scheme_id__in=scheme_ids)
    return (
        episodes.annotate(last_event=Max("events__occurred_at"))
        .filter(last_event__lt=cutoff)
        .select_related("scheme", "person")
        .order_by("closed_at", "pk")
    )


def people_past_retention(*, as_of: date, scheme_ids: frozenset[int] | None = None) -> QuerySet[Person]:
    """People none of whose episodes is still kept (and registered before the cut-off)."""
    cutoff = _cutoff(as_of)
    kept = Episode.objects.exclude(pk__in=episodes_past_retention(as_of=as_of).values("pk")).values("person_id")
    people = Person.objects.filter(created_at__lt=cutoff).exclude(pk__in=kept)
    if scheme_ids is not None:
        people = people.filter(registered_by_scheme_id__in=scheme_ids)
    return people.order_by("created_at", "pk")
