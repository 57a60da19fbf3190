"""How an episode reads on its page: the timeline in words, and timeliness against the target.

Events keep codes in their data; people read labels. Everything here works on rows already
fetched by the selectors, so the page's query count does not grow with the timeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models
from django.utils import formats, timezone

from liaison.core.events import EVENTS, is_tombstone
from liaison.core.vocabulary import vulnerability_label
from liaison.organisations.models import PointOfContact
from liaison.pathway.codes import AlertedBy, JusticeOutcome, LdOutcome, ReferralSource, SentenceType
from liaison.pathway.events import CLOSE, IDENTIFY, NOTE, REENTER, REOPEN, VOID
from liaison.pathway.models import Episode, PathwayEvent

Lines = list[str]


def label(choices: type[models.TextChoices]) -> Callable[[Any], Lines]:
    def show(value: Any) -> Lines:
        if value in (None, ""):
            return []
        try:
            return [str(choices(value).label)]
        except ValueError:
            return [str(value)]

    return show


def labels(choices: type[models.TextChoices]) -> Callable[[Any], Lines]:
    one = label(choices)
    return lambda values: [line for v in values or [] for line in one(v)]


def vulnerabilities(values: Any) -> Lines:
    """Vulnerability codes in words; old events may name a retired one (young person, woman)."""
    return [vulnerability_label(v) for v in values or [] if v not in (None, "")]


def vulnerability(value: Any) -> Lines:
    return vulnerabilities([value])


def plain(value: Any) -> Lines:
    return [str(value)] if value not in (None, "") else []


def yes_no(value: Any) -> Lines:
    return [] if value is None else ["Yes" if value else "No"]


def time_of(value: Any) -> Lines:
    """An ISO time kept in event data, in local time as the page shows times."""
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return plain(value)
    return [formats.date_format(timezone.localtime(at), "j F Y, H:i")] if at.tzinfo else plain(value)


def _kind(value: Any) -> Lines:
    return [EVENTS.get(value).label] if value in EVENTS else plain(value)


def day_of(value: Any) -> Lines:
    """An ISO date kept in event data, as the page shows dates."""
    try:
        return [formats.date_format(date.fromisoformat(str(value)), "j F Y")]
    except ValueError:
        return plain(value)


def minutes_of(value: Any) -> Lines:
    return [] if value in (None, "") else [f"{value} minutes"]


Show = Callable[[Any], Lines]
# For each tag, the data keys worth showing, in order, with their label and how to show them.
# Each app registers its own tags' readings (its `timeline.py`) when it starts.
_DETAILS: dict[str, list[tuple[str, str, Show]]] = {}


def reads(tag: str, details: list[tuple[str, str, Show]]) -> None:
    """Register how an event of `tag` reads on the timeline (and in reports)."""
    if tag not in EVENTS:
        raise ValueError(f"{tag} is not a declared event tag")
    _DETAILS[tag] = details


reads(
    IDENTIFY.tag,
    [
        ("point_of_contact", "Point of contact", label(PointOfContact)),
        ("referral_source", "Referral source", label(ReferralSource)),
        ("alerted_by", "Who alerted L&D", plain),
        ("alerted_by_code", "Role of who alerted L&D", label(AlertedBy)),
        ("concerns", "Concerns raised", vulnerabilities),
        ("concerns_note", "About the concerns", plain),
        ("age_band", "Age band", plain),
    ],
)
reads(
    REENTER.tag,
    [
        ("point_of_contact", "Point of contact", label(PointOfContact)),
        ("referral_source", "Referral source", label(ReferralSource)),
        ("alerted_by", "Who alerted L&D", plain),
        ("alerted_by_code", "Role of who alerted L&D", label(AlertedBy)),
        ("concerns", "Concerns raised", vulnerabilities),
        ("note", "Note", plain),
    ],
)
reads(
    CLOSE.tag,
    [
        ("justice_outcome", "Justice outcome", label(JusticeOutcome)),
        ("sentence_type", "Type of sentence", label(SentenceType)),
        ("ld_outcome", "L&D outcome", label(LdOutcome)),
        ("note", "Note", plain),
    ],
)
reads(REOPEN.tag, [("reason", "Reason", plain)])
reads(NOTE.tag, [("text", "Note", plain)])
reads(VOID.tag, [("voided_kind", "Entry voided", _kind), ("reason", "Reason", plain)])


def describe(event: PathwayEvent) -> list[tuple[str, Lines]]:
    """The event's data as labelled lines, leaving out what was not recorded."""
    data = event.data if isinstance(event.data, dict) else {}
    if is_tombstone(data):
        return []  # disposed of after review (ADR 0027): nothing left to show
    if event.kind in EVENTS and event.schema_version != event.event_type.version:
        # An older version reads in today's shape. Current rows were validated when written, so
        # the page does not validate them again on every view.
        data = event.payload().model_dump(mode="json")
    out = []
    for key, heading, show in _DETAILS.get(event.kind, []):
        lines = show(data.get(key))
        if lines:
            out.append((heading, lines))
    return out


def concern_labels(episode: Episode) -> Lines:
    return vulnerabilities(episode.concerns)


@dataclass(frozen=True)
class Entry:
    event: PathwayEvent
    details: list[tuple[str, Lines]]
    voided_by: PathwayEvent | None
    can_void: bool

    @property
    def recorded_later(self) -> bool:
        """Written down at least a minute after it happened, so both times are worth showing."""
        return self.event.recorded_at - self.event.occurred_at >= timedelta(minutes=1)

    @property
    def void_reason(self) -> str:
        return str(self.voided_by.data.get("reason", "")) if self.voided_by else ""


def timeline(events: Iterable[PathwayEvent], *, can_record: bool) -> list[Entry]:
    entries = []
    for e in events:
        # `voided_by` is prefetched by `episode_events`; at most one void per entry.
        voids = list(e.voided_by.all())
        voided_by = voids[0] if voids else None
        entries.append(
            Entry(
                event=e,
                details=describe(e),
                voided_by=voided_by,
                can_void=can_record and voided_by is None and e.voidable,
            )
        )
    return entries


@dataclass(frozen=True)
class Timeliness:
    label: str
    minutes: int | None
    target_minutes: int | None
    breach: bool
    waiting: bool = False


def timeliness_rows(episode: Episode, steps: list[tuple[str, int | None]], at: datetime) -> list[Timeliness]:
    """The `timeliness` selector's minutes with the site's target, which applies to screening.

    While screening is awaited on an open episode the row shows the wait so far.
    """
    rows = []
    for label, minutes in steps:
        if label != "Screened":
            rows.append(Timeliness(label, minutes, None, False))
            continue
        waiting = minutes is None and episode.is_open
        if waiting:
            minutes = int(episode.wait_for_screening(at).total_seconds() // 60)
        breach = minutes is not None and episode.breaches_target(at)
        rows.append(Timeliness(label, minutes, episode.target_minutes, breach, waiting))
    return rows
