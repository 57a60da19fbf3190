"""Every change to an episode: one keyword-only action, one transaction, exactly one event.

`take_step` is the single gate: it locks the episode, asks the stage table, checks the
user may record in the scheme, writes the event and updates the projection.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied, StageNotAllowed
from liaison.organisations.models import PointOfContact, ResponseTarget, Site
from liaison.pathway.codes import JusticeOutcome, LdOutcome, ReferralSource, SentenceType, Vulnerability
from liaison.pathway.models import VOIDABLE_KINDS, Episode, EventKind, PathwayEvent
from liaison.pathway.stages import OPEN_STAGES, Stage, Step, allows, next_stage
from liaison.people.actions import PersonDetails, person_create
from liaison.people.models import Person

# Clocks on custody terminals drift; a little future is allowed, more is a typing mistake.
_FUTURE_TOLERANCE = timedelta(minutes=5)


# The projection keeps when each step was first reached, for timeliness.
_FIRST_TIME = {EventKind.SCREEN: "screened_at", EventKind.ASSESS: "assessed_at", EventKind.REFER: "referred_at"}


class OpenEpisodeExists(Conflict):
    code = "open_episode_exists"


def _when(occurred_at: datetime | None, *, not_before: datetime | None = None, last_step: bool = False) -> datetime:
    """The time a step happened. `not_before` is identification, or with `last_step` the time of
    the episode's latest pathway step: steps are never dated before the step they follow."""
    at = occurred_at or clock.now()
    if at.tzinfo is None:
        raise Invalid("Give the time with a time zone", errors={"occurred_at": "Enter a date and time"})
    if at > clock.now() + _FUTURE_TOLERANCE:
        raise Invalid(
            "That time is in the future", errors={"occurred_at": "The date and time must not be in the future"}
        )
    if not_before and at < not_before:
        if last_step:
            t = timezone.localtime(not_before)
            raise Invalid(
                "That time is before the last step recorded on this episode",
                errors={"occurred_at": f"The date and time must be after the last step ({t.day} {t:%b %Y %H:%M})"},
            )
        raise Invalid(
            "That time is before the episode began",
            errors={"occurred_at": "The date and time must be after the person was identified"},
        )
    return at


def _require_recorder(by: User, scheme_id: int) -> None:
    if not scope_for(by).can_record_in(scheme_id):
        raise PermissionDenied("You cannot record in this scheme", code="scheme_not_allowed")


def _require_site(site: Site, scheme_id: int) -> None:
    if site.scheme_id != scheme_id:
        raise Invalid("That site belongs to another scheme", errors={"site": "Select one of this scheme's sites"})
    if not site.active:
        raise Invalid("That site is closed", errors={"site": "Select a site that is open"})


def _check_codes(*, point_of_contact: str, referral_source: str, concerns: Sequence[str]) -> None:
    errors = {}
    if point_of_contact not in PointOfContact.values:
        errors["point_of_contact"] = "Select the point of contact"
    if referral_source not in ReferralSource.values:
        errors["referral_source"] = "Select who referred the person (referral source)"
    bad = [c for c in concerns if c not in Vulnerability.values]
    if bad:
        errors["concerns"] = f"Unknown concern: {', '.join(map(str, bad[:3]))}"
    if errors:
        raise Invalid("There is a problem with the identification", errors=errors)


def _check_alerted_by(alerted_by: str) -> None:
    if not alerted_by.strip():
        raise Invalid("Say who alerted L&D", errors={"alerted_by": "Enter who alerted the L&D team"})
    # The column holds 160 characters; PostgreSQL would refuse more with a database error.
    if len(alerted_by.strip()) > 160:
        raise Invalid("That is too long", errors={"alerted_by": "Who alerted L&D must be 160 characters or fewer"})


def _target_minutes(site: Site, point_of_contact: str) -> int:
    target = ResponseTarget.objects.filter(site=site, point_of_contact=point_of_contact).first()
    return target.minutes if target else settings.DEFAULT_RESPONSE_TARGET_MINUTES


def take_step(
    *,
    episode: Episode,
    step: Step,
    kind: EventKind,
    by: User,
    occurred_at: datetime | None,
    data: dict[str, Any],
    site: Site | None = None,
    voids: PathwayEvent | None = None,
) -> PathwayEvent:
    # Lock the row so two practitioners cannot both move the episode on from the same stage.
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    _require_recorder(by, locked.scheme_id)
    if not allows(locked.stage, step):
        raise StageNotAllowed(
            f"An episode at stage '{Stage(locked.stage).label}' does not allow: {step.label.lower()}",
            stage=locked.stage,
            step=step.value,
        )
    if step in (Step.NOTE, Step.VOID):
        # A note may describe anything since identification; it does not move the episode.
        at = _when(occurred_at, not_before=locked.identified_at)
    else:
        # Out-of-order steps would make the timeline, the timeliness figures and a replay of the
        # events disagree with the stage (a closure dated before the screening it follows).
        last = (
            PathwayEvent.objects.filter(episode=locked)
            .exclude(kind__in=[EventKind.NOTE, EventKind.VOID])
            .order_by("-occurred_at")
            .values_list("occurred_at", flat=True)
            .first()
        )
        at = _when(
            occurred_at,
            not_before=last or locked.identified_at,
            last_step=last is not None and last > locked.identified_at,
        )
    before = Stage(locked.stage)
    after = next_stage(before, step)
    if step in (Step.REOPEN, Step.REENTER) and before == Stage.CLOSED:
        after = Stage(locked.stage_before_closure or Stage.IDENTIFIED)
    changed: list[str] = []
    if after != before:
        locked.stage = after
        changed.append("stage")
    first_time = _FIRST_TIME.get(kind)
    if first_time and getattr(locked, first_time) is None:
        setattr(locked, first_time, at)
        changed.append(first_time)
    # Only closing itself sets the closure; a note or a void on a closed episode must not
    # overwrite the stage it reopens to, or the time it was closed.
    if after == Stage.CLOSED and before != Stage.CLOSED:
        locked.stage_before_closure = before
        locked.closed_at = at
        changed += ["stage_before_closure", "closed_at"]
    elif before == Stage.CLOSED and after != Stage.CLOSED:
        # Reopened: the outcomes belonged to the closure that no longer stands.
        locked.closed_at = None
        locked.justice_outcome = locked.sentence_type = locked.ld_outcome = ""
        changed += ["closed_at", "justice_outcome", "sentence_type", "ld_outcome"]
    if site is not None and site.pk != locked.current_site_id:
        locked.current_site = site
        changed.append("current_site")
    if kind == EventKind.CLOSE:
        for name in ("justice_outcome", "sentence_type", "ld_outcome"):
            setattr(locked, name, data[name])
            changed.append(name)
    if changed:
        locked.save(update_fields=changed)
    event = PathwayEvent.objects.create(
        episode=locked,
        kind=kind,
        occurred_at=at,
        recorded_at=clock.now(),
        actor=by,
        site=site or locked.current_site,
        stage_after=after,
        data=data,
        voids=voids,
    )
    # Keep the caller's instance in step with the database.
    for name in changed:
        setattr(episode, name, getattr(locked, name))
    return event


@transaction.atomic
def episode_identify(
    *,
    by: User,
    person: Person,
    site: Site,
    point_of_contact: str,
    referral_source: str,
    alerted_by: str,
    concerns: Sequence[str] = (),
    concerns_note: str = "",
    occurred_at: datetime | None = None,
) -> Episode:
    """Open an episode. Refuses with `open_episode_exists` where the person already has one open
    in this scheme: the caller offers `episode_reenter` on that one instead."""
    _require_recorder(by, site.scheme_id)
    _require_site(site, site.scheme_id)
    _check_codes(point_of_contact=point_of_contact, referral_source=referral_source, concerns=concerns)
    _check_alerted_by(alerted_by)
    at = _when(occurred_at)
    # Lock the person so two practitioners identifying them at once cannot open two episodes.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    existing = Episode.objects.filter(person=person, scheme_id=site.scheme_id, stage__in=OPEN_STAGES).first()
    if existing:
        raise OpenEpisodeExists(
            f"{person.full_name} already has an open episode in this scheme",
            episode_id=str(existing.pk),
        )
    episode = Episode.objects.create(
        person=person,
        scheme_id=site.scheme_id,
        site=site,
        current_site=site,
        point_of_contact=point_of_contact,
        referral_source=referral_source,
        alerted_by=alerted_by.strip(),
        concerns=sorted(set(concerns)),
        concerns_note=concerns_note.strip(),
        # The local date: 00:30 on a birthday in London is still the day before in UTC.
        age_band=person.age_band_on(timezone.localdate(at)),
        stage=Stage.IDENTIFIED,
        target_minutes=_target_minutes(site, point_of_contact),
        identified_at=at,
        created_by=by,
    )
    PathwayEvent.objects.create(
        episode=episode,
        kind=EventKind.IDENTIFY,
        occurred_at=at,
        recorded_at=clock.now(),
        actor=by,
        site=site,
        stage_after=Stage.IDENTIFIED,
        data={
            "point_of_contact": point_of_contact,
            "referral_source": referral_source,
            "alerted_by": episode.alerted_by,
            "concerns": episode.concerns,
            "concerns_note": episode.concerns_note,
            "age_band": episode.age_band,
        },
    )
    return episode


@transaction.atomic
def person_identify_new(
    *,
    by: User,
    details: PersonDetails,
    site: Site,
    point_of_contact: str,
    referral_source: str,
    alerted_by: str,
    concerns: Sequence[str] = (),
    concerns_note: str = "",
    occurred_at: datetime | None = None,
) -> Episode:
    """Record a person new to L&D and open their first episode, together or not at all."""
    person = person_create(by=by, scheme=site.scheme, details=details)
    return episode_identify(
        by=by,
        person=person,
        site=site,
        point_of_contact=point_of_contact,
        referral_source=referral_source,
        alerted_by=alerted_by,
        concerns=concerns,
        concerns_note=concerns_note,
        occurred_at=occurred_at,
    )


@transaction.atomic
def episode_reenter(
    *,
    by: User,
    episode: Episode,
    site: Site,
    point_of_contact: str,
    referral_source: str,
    alerted_by: str,
    concerns: Sequence[str] = (),
    note: str = "",
    occurred_at: datetime | None = None,
) -> PathwayEvent:
    """A new alert for a person with an episode in this scheme: joining an open episode at
    identification, or re-entry at court (which reopens a closed one)."""
    _require_site(site, episode.scheme_id)
    _check_codes(point_of_contact=point_of_contact, referral_source=referral_source, concerns=concerns)
    _check_alerted_by(alerted_by)
    return take_step(
        episode=episode,
        step=Step.REENTER,
        kind=EventKind.REENTER,
        by=by,
        occurred_at=occurred_at,
        site=site,
        data={
            "point_of_contact": point_of_contact,
            "referral_source": referral_source,
            "alerted_by": alerted_by.strip(),
            "concerns": sorted(set(concerns)),
            "note": note.strip(),
        },
    )


@transaction.atomic
def assessment_record(
    *, by: User, episode: Episode, summary: str, recommendations: str = "", occurred_at: datetime | None = None
) -> PathwayEvent:
    if not summary.strip():
        raise Invalid("The assessment needs a summary", errors={"summary": "Enter the assessment summary"})
    return take_step(
        episode=episode,
        step=Step.ASSESS,
        kind=EventKind.ASSESS,
        by=by,
        occurred_at=occurred_at,
        data={"summary": summary.strip(), "recommendations": recommendations.strip()},
    )


@transaction.atomic
def referral_record(
    *, by: User, episode: Episode, service: str, reason: str = "", occurred_at: datetime | None = None
) -> PathwayEvent:
    """An onward referral in outline; the referrals app adds the directory and its lifecycle."""
    if not service.strip():
        raise Invalid("Say who the person was referred to", errors={"service": "Enter the service referred to"})
    return take_step(
        episode=episode,
        step=Step.REFER,
        kind=EventKind.REFER,
        by=by,
        occurred_at=occurred_at,
        data={"service": service.strip(), "reason": reason.strip()},
    )


@transaction.atomic
def episode_close(
    *,
    by: User,
    episode: Episode,
    justice_outcome: str,
    ld_outcome: str,
    sentence_type: str = "",
    note: str = "",
    occurred_at: datetime | None = None,
) -> PathwayEvent:
    errors = {}
    if justice_outcome not in JusticeOutcome.values:
        errors["justice_outcome"] = "Select the justice outcome"
    if ld_outcome not in LdOutcome.values:
        errors["ld_outcome"] = "Select the L&D outcome"
    if justice_outcome == JusticeOutcome.SENTENCED and sentence_type not in SentenceType.values:
        errors["sentence_type"] = "Select the type of sentence"
    if justice_outcome != JusticeOutcome.SENTENCED and sentence_type:
        errors["sentence_type"] = "Only give a sentence type when the outcome is sentenced"
    if errors:
        raise Invalid("There is a problem with the closure", errors=errors)
    return take_step(
        episode=episode,
        step=Step.CLOSE,
        kind=EventKind.CLOSE,
        by=by,
        occurred_at=occurred_at,
        data={
            "justice_outcome": justice_outcome,
            "sentence_type": sentence_type,
            "ld_outcome": ld_outcome,
            "note": note.strip(),
        },
    )


@transaction.atomic
def episode_reopen(*, by: User, episode: Episode, reason: str, occurred_at: datetime | None = None) -> PathwayEvent:
    if not reason.strip():
        raise Invalid("Say why the episode is reopened", errors={"reason": "Enter why you are reopening the episode"})
    return take_step(
        episode=episode,
        step=Step.REOPEN,
        kind=EventKind.REOPEN,
        by=by,
        occurred_at=occurred_at,
        data={"reason": reason.strip()},
    )


@transaction.atomic
def episode_note(*, by: User, episode: Episode, text: str, occurred_at: datetime | None = None) -> PathwayEvent:
    if not text.strip():
        raise Invalid("The note is empty", errors={"text": "Enter the note"})
    return take_step(
        episode=episode,
        step=Step.NOTE,
        kind=EventKind.NOTE,
        by=by,
        occurred_at=occurred_at,
        data={"text": text.strip()},
    )


@transaction.atomic
def entry_void(*, by: User, episode: Episode, event: PathwayEvent, reason: str) -> PathwayEvent:
    """Void a clinical entry: it stays on the timeline, marked voided, with the reason."""
    # The scheme first, so staff elsewhere learn nothing about the entry from the refusal.
    _require_recorder(by, episode.scheme_id)
    if event.episode_id != episode.pk:
        raise Invalid("That entry belongs to another episode", errors={"event": "Select an entry of this episode"})
    if event.kind not in VOIDABLE_KINDS:
        raise Invalid(
            "Only screening, assessment, referral and note entries can be voided",
            errors={"event": "This entry cannot be voided"},
            code="not_voidable",
        )
    if PathwayEvent.objects.filter(voids=event).exists():
        raise Conflict("That entry is already voided", code="already_voided")
    if not reason.strip():
        raise Invalid("Say why the entry is voided", errors={"reason": "Enter why you are voiding this entry"})
    at = clock.now()
    void = take_step(
        episode=episode,
        step=Step.VOID,
        kind=EventKind.VOID,
        by=by,
        occurred_at=at,
        data={"reason": reason.strip(), "voided_kind": event.kind},
        voids=event,
    )
    # Findings written by a voided screening are voided with it.
    event.findings.filter(voided_at__isnull=True).update(voided_at=at, voided_by=by, void_reason=reason.strip())
    return void
