"""Every write for referrals and support: keyword-only, one transaction each (the directory's
writes are in directory.py).

Everything about a person goes through `take_step` and writes exactly one event on their episode: a referral is
Step.REFER / REFER.tag; its progress, support assignment and support contacts are
Step.SUPPORT, which support and peer workers may take too.

Each referral event's data carries `referral_id`, `service`, `service_type`, `team_type_code`
and `status`, so reports built from events can say what was referred and how it went.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.core.locks import lock
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.transitions import EARLIEST, take_step
from liaison.referrals import lifecycle
from liaison.referrals.codes import ContactType, ReferralStatus, ReferralUrgency
from liaison.referrals.events import REFER, REFERRAL_UPDATE, SUPPORT_ASSIGN, SUPPORT_CONTACT
from liaison.referrals.lifecycle import ENDED, Transition
from liaison.referrals.models import Referral, Service, SupportContact


class TransitionNotAllowed(Conflict):
    code = "transition_not_allowed"


class ReferralVoided(Conflict):
    code = "referral_voided"


# Appointments and follow-ups are planned ahead, but not by years: more is a typing mistake.
_AHEAD = timedelta(days=366)
# The longest contact worth recording in minutes (a whole day at court).
_LONGEST_CONTACT = 24 * 60


# ---- referrals


def referral_about(referral: Referral, status: str) -> dict[str, Any]:
    """What every referral event says, so reports need nothing but the events."""
    s = referral.service
    return {
        "referral_id": referral.pk,
        "service_id": s.pk,
        "service": s.name,
        "service_type": s.service_type,
        "team_type_code": s.team_type_code,
        "status": status,
    }


def _age_on(episode: Episode, day: date) -> int | None:
    born = episode.person.date_of_birth
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _later(value: datetime | date | None, field: str, what: str) -> None:
    """Appointments and follow-ups: from 2000 on, and at most a year ahead."""
    if value is None:
        return
    at = value if isinstance(value, datetime) else timezone.make_aware(datetime.combine(value, datetime.min.time()))
    if at.tzinfo is None:
        raise Invalid("Give the time with a time zone", errors={field: f"Enter the {what}"})
    if at < EARLIEST or at > clock.now() + _AHEAD:
        raise Invalid(f"That {what} is not plausible", errors={field: f"The {what} must be within the next year"})


@transaction.atomic
def referral_make(
    *,
    by: User,
    episode: Episode,
    service: Service,
    reason: str = "",
    urgency: str = ReferralUrgency.ROUTINE,
    occurred_at: datetime | None = None,
) -> Referral:
    """Refer the person to a directory service: the pathway's refer step, one REFER event."""
    errors = {}
    if service.scheme_id != episode.scheme_id:
        errors["service"] = "Select a service from this scheme's directory"
    elif not service.active:
        errors["service"] = "That service is no longer in the directory: select another"
    elif not service.takes_age(_age_on(episode, timezone.localdate(occurred_at or clock.now()))):
        errors["service"] = f"{service.name} takes people aged {service.age_range.lower()}"
    if urgency not in ReferralUrgency.values:
        errors["urgency"] = "Select the referral's priority for the receiving service"
    if errors:
        raise Invalid("There is a problem with the referral", errors=errors)
    now = clock.now()
    # The row first, so the event can carry its id; the gate below refuses (and rolls back) a
    # user or stage that may not refer.
    referral = Referral.objects.create(
        episode=episode,
        service=service,
        status=ReferralStatus.MADE,
        urgency=urgency,
        reason=reason.strip(),
        made_at=now,
        made_by=by,
        status_changed_at=now,
    )
    event = take_step(
        episode=episode,
        kind=REFER,
        by=by,
        occurred_at=occurred_at,
        data={**referral_about(referral, ReferralStatus.MADE), "urgency": urgency, "reason": referral.reason},
    )
    referral.event = event
    referral.made_at = referral.status_changed_at = event.occurred_at
    referral.save(update_fields=["event", "made_at", "status_changed_at"])
    return referral


def _locked(referral: Referral, by: User) -> Referral:
    """The referral, locked after its episode (the order `take_step` locks in), once the user may
    record support in its scheme: staff elsewhere learn nothing from a refusal."""
    episode = lock(Episode.objects).get(pk=referral.episode_id)
    if not scope_for(by).can_support_in(episode.scheme_id):
        raise PermissionDenied("You cannot record support in this scheme", code="scheme_not_allowed")
    # Only the referral row: PostgreSQL cannot lock the nullable side of the join to its event.
    locked = lock(Referral.objects.select_related("service", "event")).get(pk=referral.pk)
    locked.episode = episode
    if locked.event is not None and locked.event.voided_by.exists():
        raise ReferralVoided("This referral was voided: it cannot be changed")
    return locked


def _sync(referral: Referral, locked: Referral, fields: list[str]) -> None:
    for name in fields:
        setattr(referral, name, getattr(locked, name))


@dataclass(frozen=True)
class TransitionDetails:
    reason: str = ""
    appointment_at: datetime | None = None
    place: str = ""
    accompanied: bool | None = None
    outcome: str = ""
    note: str = ""
    follow_up_on: date | None = None


def _check_transition(transition: Transition, d: TransitionDetails) -> None:
    errors = {}
    if transition in lifecycle.NEEDS_REASON and not d.reason.strip():
        errors["reason"] = "Enter why the service declined the referral"
    if transition in lifecycle.NEEDS_APPOINTMENT:
        if d.appointment_at is None:
            errors["appointment_at"] = "Enter the date and time of the appointment"
        if not d.place.strip():
            errors["place"] = "Enter where the appointment is"
        elif len(d.place.strip()) > 200:
            errors["place"] = "The place must be 200 characters or fewer"
    if transition is Transition.ATTEND and d.accompanied is None:
        errors["accompanied"] = "Select whether a support worker went with the person"
    if errors:
        raise Invalid("There is a problem with the referral update", errors=errors)
    _later(d.appointment_at, "appointment_at", "appointment date")
    _later(d.follow_up_on, "follow_up_on", "follow-up date")


@transaction.atomic
def referral_transition(
    *,
    by: User,
    referral: Referral,
    transition: str,
    details: TransitionDetails | None = None,
    occurred_at: datetime | None = None,
) -> PathwayEvent:
    """Move the referral on, as the lifecycle table allows: one REFERRAL_UPDATE event."""
    d = details or TransitionDetails()
    locked = _locked(referral, by)
    if transition not in Transition.values or not lifecycle.allows(locked.status, transition):
        raise TransitionNotAllowed(
            f"A referral that is '{ReferralStatus(locked.status).label.lower()}' does not allow that",
            status=locked.status,
            transition=str(transition),
            allowed=[t.value for t in lifecycle.transitions_from(locked.status)],
        )
    t = Transition(transition)
    _check_transition(t, d)
    before, after = ReferralStatus(locked.status), lifecycle.status_after(locked.status, t)
    data: dict[str, Any] = {**referral_about(locked, after), "transition": t.value, "from_status": before.value}
    changed = ["status", "status_changed_at", "follow_up_due"]
    if t is Transition.DECLINE:
        locked.decline_reason = data["reason"] = d.reason.strip()
        changed.append("decline_reason")
    elif d.reason.strip():
        data["reason"] = d.reason.strip()
    if t in lifecycle.NEEDS_APPOINTMENT:
        assert d.appointment_at is not None
        locked.appointment_at, locked.appointment_place = d.appointment_at, d.place.strip()
        data["appointment_at"], data["place"] = d.appointment_at.isoformat(), locked.appointment_place
        changed += ["appointment_at", "appointment_place"]
    if t in lifecycle.RECORDS_ATTENDANCE:
        locked.accompanied, locked.appointment_outcome = d.accompanied, d.outcome.strip()
        data["accompanied"], data["outcome"] = d.accompanied, locked.appointment_outcome
        changed += ["accompanied", "appointment_outcome"]
    if d.note.strip():
        data["note"] = d.note.strip()
    # A follow-up is due when asked for; a booking's is the appointment; an ended referral has none.
    if after in ENDED:
        locked.follow_up_due = None
    elif d.follow_up_on is not None:
        locked.follow_up_due = d.follow_up_on
    elif t in lifecycle.NEEDS_APPOINTMENT and d.appointment_at is not None:
        locked.follow_up_due = timezone.localdate(d.appointment_at)
    if locked.follow_up_due is not None:
        data["follow_up_due"] = locked.follow_up_due.isoformat()
    event = take_step(
        episode=locked.episode,
        kind=REFERRAL_UPDATE,
        by=by,
        occurred_at=occurred_at,
        data=data,
    )
    locked.status, locked.status_changed_at = after, event.occurred_at
    locked.save(update_fields=changed)
    _sync(referral, locked, changed)
    return event


# ---- support


def eligible_worker(worker: User, scheme_id: int) -> bool:
    """Support and peer workers, and the practitioners and leads who may also give support."""
    return worker.is_active and scope_for(worker).can_support_in(scheme_id)


@transaction.atomic
def support_assign(
    *,
    by: User,
    referral: Referral,
    worker: User,
    follow_up_on: date | None = None,
    note: str = "",
    occurred_at: datetime | None = None,
) -> PathwayEvent:
    """Give the referral a support or peer worker, who sees its follow-ups on their worklist."""
    locked = _locked(referral, by)
    if locked.status == ReferralStatus.CLOSED:
        raise Conflict("This referral is closed: make a new referral instead", code="referral_closed")
    if not eligible_worker(worker, locked.episode.scheme_id):
        raise Invalid(
            "That person cannot give support in this scheme", errors={"worker": "Select a worker in this scheme"}
        )
    _later(follow_up_on, "follow_up_on", "follow-up date")
    locked.support_worker = worker
    if follow_up_on is not None:
        locked.follow_up_due = follow_up_on
    data = {**referral_about(locked, locked.status), "worker_id": worker.pk, "worker": str(worker)}
    if locked.follow_up_due is not None:
        data["follow_up_due"] = locked.follow_up_due.isoformat()
    if note.strip():
        data["note"] = note.strip()
    event = take_step(
        episode=locked.episode,
        kind=SUPPORT_ASSIGN,
        by=by,
        occurred_at=occurred_at,
        data=data,
    )
    locked.save(update_fields=["support_worker", "follow_up_due"])
    _sync(referral, locked, ["support_worker", "follow_up_due"])
    return event


@dataclass(frozen=True)
class ContactDetails:
    contact_type: str
    duration_minutes: int
    outcome: str
    note: str = ""
    follow_up_on: date | None = None


def _check_contact(d: ContactDetails) -> None:
    errors = {}
    if d.contact_type not in ContactType.values:
        errors["contact_type"] = "Select the type of contact"
    if not 0 <= d.duration_minutes <= _LONGEST_CONTACT:
        errors["duration_minutes"] = f"Enter the length of the contact in minutes, from 0 to {_LONGEST_CONTACT}"
    if not d.outcome.strip():
        errors["outcome"] = "Enter the outcome of the contact"
    if errors:
        raise Invalid("There is a problem with the contact", errors=errors)
    _later(d.follow_up_on, "follow_up_on", "follow-up date")


@transaction.atomic
def support_contact_log(
    *,
    by: User,
    episode: Episode,
    details: ContactDetails,
    referral: Referral | None = None,
    occurred_at: datetime | None = None,
) -> SupportContact:
    """A contact with the person, about one of the episode's referrals or in general."""
    if not scope_for(by).can_support_in(episode.scheme_id):
        raise PermissionDenied("You cannot record support in this scheme", code="scheme_not_allowed")
    if referral is not None and referral.episode_id != episode.pk:
        raise Invalid(
            "That referral belongs to another episode", errors={"referral": "Select one of this episode's referrals"}
        )
    _check_contact(details)
    locked = _locked(referral, by) if referral is not None else None
    contact = SupportContact.objects.create(
        episode=episode,
        referral=locked,
        worker=by,
        contacted_at=clock.now(),
        contact_type=details.contact_type,
        duration_minutes=details.duration_minutes,
        outcome=details.outcome.strip(),
        note=details.note.strip(),
    )
    data: dict[str, Any] = {
        "contact_id": contact.pk,
        "contact_type": contact.contact_type,
        "duration_minutes": contact.duration_minutes,
        "outcome": contact.outcome,
        "note": contact.note,
        "worker_id": by.pk,
        "worker": str(by),
    }
    if locked is not None:
        if details.follow_up_on is not None and locked.status not in ENDED:
            locked.follow_up_due = details.follow_up_on
            locked.save(update_fields=["follow_up_due"])
            _sync(referral, locked, ["follow_up_due"])  # type: ignore[arg-type]
        data = {**referral_about(locked, locked.status), **data}
        if locked.follow_up_due is not None:
            data["follow_up_due"] = locked.follow_up_due.isoformat()
    event = take_step(episode=episode, kind=SUPPORT_CONTACT, by=by, occurred_at=occurred_at, data=data)
    contact.event, contact.contacted_at = event, event.occurred_at
    contact.save(update_fields=["event", "contacted_at"])
    return contact
