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

from liaison.organisations.models import PointOfContact
from liaison.pathway.codes import (
    AlertedBy,
    FindingStatus,
    JusticeOutcome,
    LdOutcome,
    ReferralSource,
    SentenceType,
    Urgency,
    vulnerability_label,
)
from liaison.pathway.models import VOIDABLE_KINDS, Episode, EventKind, PathwayEvent
from liaison.referrals.codes import ContactType, ReferralStatus, ReferralUrgency, ServiceType
from liaison.screening.models import Decision, FindingSource
from liaison.screening.safety import informed_lines
from liaison.sharing.codes import (
    Agency,
    CapacityOutcome,
    Channel,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    OverrideKind,
    Purpose,
    ShareBasis,
)

Lines = list[str]


def _label(choices: type[models.TextChoices]) -> Callable[[Any], Lines]:
    def show(value: Any) -> Lines:
        if value in (None, ""):
            return []
        try:
            return [str(choices(value).label)]
        except ValueError:
            return [str(value)]

    return show


def _vulnerabilities(values: Any) -> Lines:
    # Old events may name a retired domain (a young person or a woman in custody): still read it.
    return [vulnerability_label(v) for v in values or [] if v not in (None, "")]


def _plain(value: Any) -> Lines:
    return [str(value)] if value not in (None, "") else []


def _yes_no(value: Any) -> Lines:
    return [] if value is None else ["Yes" if value else "No"]


def _findings(values: Any) -> Lines:
    lines = []
    for f in values or []:
        line = f"{vulnerability_label(f.get('domain'))}: {_label(FindingStatus)(f.get('status'))[0].lower()}"
        if source := _label(FindingSource)(f.get("source")):
            line += f" ({source[0]})"
        if note := f.get("note"):
            line += f". {note}"
        lines.append(line)
    return lines


def _time(value: Any) -> Lines:
    """An ISO time kept in event data, in local time as the page shows times."""
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return _plain(value)
    return [formats.date_format(timezone.localtime(at), "j F Y, H:i")] if at.tzinfo else _plain(value)


def _flags(values: Any) -> Lines:
    # The safety prompt is a prompt to act, never a score; the other flags are the instruments' own.
    names = {"safety_prompt": "Safety prompt raised", "complete_full_audit": "Complete the full AUDIT"}
    return [names.get(str(v), str(v).replace("_", " ").capitalize()) for v in values or []]


def _kind(value: Any) -> Lines:
    return _label(EventKind)(value)


def _day(value: Any) -> Lines:
    """An ISO date kept in event data, as the page shows dates."""
    try:
        return [formats.date_format(date.fromisoformat(str(value)), "j F Y")]
    except ValueError:
        return _plain(value)


def _minutes(value: Any) -> Lines:
    return [] if value in (None, "") else [f"{value} minutes"]


# What a referral event says about its referral, before its own details.
_REFERRAL = [
    ("service", "Service", _plain),
    ("service_type", "Type of service", _label(ServiceType)),
    ("status", "Referral status", _label(ReferralStatus)),
]


# For each kind, the data keys worth showing, in order, with their label and how to show them.
_DETAILS: dict[str, list[tuple[str, str, Callable[[Any], Lines]]]] = {
    EventKind.IDENTIFY: [
        ("point_of_contact", "Point of contact", _label(PointOfContact)),
        ("referral_source", "Referral source", _label(ReferralSource)),
        ("alerted_by", "Who alerted L&D", _plain),
        ("alerted_by_code", "Role of who alerted L&D", _label(AlertedBy)),
        ("concerns", "Concerns raised", _vulnerabilities),
        ("concerns_note", "About the concerns", _plain),
        ("age_band", "Age band", _plain),
    ],
    EventKind.REENTER: [
        ("point_of_contact", "Point of contact", _label(PointOfContact)),
        ("referral_source", "Referral source", _label(ReferralSource)),
        ("alerted_by", "Who alerted L&D", _plain),
        ("alerted_by_code", "Role of who alerted L&D", _label(AlertedBy)),
        ("concerns", "Concerns raised", _vulnerabilities),
        ("note", "Note", _plain),
    ],
    EventKind.SCREEN: [
        ("findings", "Findings", _findings),
        ("urgency", "Urgency", _label(Urgency)),
        ("needs_assessment", "Needs a fuller assessment", _yes_no),
        ("note", "Note", _plain),
    ],
    EventKind.ASSESS: [
        ("version", "Assessment version", _plain),
        ("summary", "Summary", _plain),
        ("needs", "Needs in", _vulnerabilities),
        ("recommendations", "Recommendations", _plain),
    ],
    EventKind.ASSESSMENT_AMEND: [
        ("version", "Assessment version", _plain),
        ("replaces_version", "Replaces version", _plain),
        ("reason", "Why it was amended", _plain),
        ("summary", "Summary", _plain),
        ("needs", "Needs in", _vulnerabilities),
        ("recommendations", "Recommendations", _plain),
    ],
    EventKind.FINDING_DECIDE: [
        ("domain", "Finding", lambda v: [vulnerability_label(v)] if v else []),
        ("decision", "Decision", _label(Decision)),
        ("status_before", "Suggested status", _label(FindingStatus)),
        ("status", "Status now", _label(FindingStatus)),
        ("reason", "Reason", _plain),
    ],
    EventKind.SAFETY_PLAN: [
        ("plan", "Safety plan", _plain),
        ("informed", "Who was told", informed_lines),
        ("informed_at", "When they were told", _time),
    ],
    EventKind.REFER: [
        ("service", "Referred to", _plain),
        ("service_type", "Type of service", _label(ServiceType)),
        ("urgency", "Urgency", _label(ReferralUrgency)),
        ("reason", "Reason", _plain),
    ],
    EventKind.REFERRAL_UPDATE: [
        *_REFERRAL,
        ("reason", "Reason", _plain),
        ("appointment_at", "Appointment", _time),
        ("place", "Where", _plain),
        ("accompanied", "Support worker went with the person", _yes_no),
        ("outcome", "Outcome", _plain),
        ("note", "Note", _plain),
        ("follow_up_due", "Next follow-up due", _day),
    ],
    EventKind.SUPPORT_ASSIGN: [
        *_REFERRAL,
        ("worker", "Support worker", _plain),
        ("follow_up_due", "Next follow-up due", _day),
        ("note", "Note", _plain),
    ],
    EventKind.SUPPORT_CONTACT: [
        ("service", "About the referral to", _plain),
        ("contact_type", "Type of contact", _label(ContactType)),
        ("duration_minutes", "Length", _minutes),
        ("outcome", "Outcome", _plain),
        ("note", "Note", _plain),
        ("worker", "Worker", _plain),
        ("follow_up_due", "Next follow-up due", _day),
    ],
    EventKind.CLOSE: [
        ("justice_outcome", "Justice outcome", _label(JusticeOutcome)),
        ("sentence_type", "Type of sentence", _label(SentenceType)),
        ("ld_outcome", "L&D outcome", _label(LdOutcome)),
        ("note", "Note", _plain),
    ],
    EventKind.REOPEN: [("reason", "Reason", _plain)],
    EventKind.NOTE: [("text", "Note", _plain)],
    EventKind.VOID: [("voided_kind", "Entry voided", _kind), ("reason", "Reason", _plain)],
    EventKind.CONSENT_RECORD: [
        ("scope", "Consent to", _label(ConsentScope)),
        ("agency", "Agency", _label(Agency)),
        ("agency_name", "Agency's name", _plain),
        ("purpose", "Purpose", _label(Purpose)),
        ("decision", "Decision", _label(ConsentDecision)),
        ("method", "How", _label(ConsentMethod)),
        ("capacity_outcome", "Capacity (in doubt)", _label(CapacityOutcome)),
        ("capacity_judged_by", "Capacity judged by", _plain),
        ("guardian_name", "Parent or guardian", _plain),
    ],
    EventKind.CONSENT_WITHDRAW: [
        ("scope", "Consent to", _label(ConsentScope)),
        ("agency", "Agency", _label(Agency)),
        ("purpose", "Purpose", _label(Purpose)),
        ("note", "Note", _plain),
    ],
    EventKind.SHARE: [
        ("agency", "Shared with", _label(Agency)),
        ("recipient_name", "Recipient", _plain),
        ("purpose", "Purpose", _label(Purpose)),
        ("basis", "Basis", _label(ShareBasis)),
        ("override_kind", "Override", _label(OverrideKind)),
        ("channel", "How", _label(Channel)),
        ("finding_ids", "Findings shared", lambda ids: [f"{len(ids)} selected"] if ids else []),
    ],
    EventKind.INSTRUMENT: [
        ("title", "Instrument", _plain),
        ("total", "Total", _plain),
        ("band_label", "Band", _plain),
        ("flags", "Flags", _flags),
        ("suggested", "Suggested findings", _findings),
        ("findings", "Findings", _findings),
        ("urgency", "Urgency", _label(Urgency)),
    ],
}


def describe(event: PathwayEvent) -> list[tuple[str, Lines]]:
    """The event's data as labelled lines, leaving out what was not recorded."""
    data = event.data if isinstance(event.data, dict) else {}
    out = []
    for key, label, show in _DETAILS.get(event.kind, []):
        lines = show(data.get(key))
        if lines:
            out.append((label, lines))
    return out


def concern_labels(episode: Episode) -> Lines:
    return _vulnerabilities(episode.concerns)


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
                can_void=can_record and voided_by is None and e.kind in VOIDABLE_KINDS,
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
