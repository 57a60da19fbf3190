"""Every change to an episode: one keyword-only action, one transaction, exactly one event,
written through `liaison.pathway.transitions.take_step`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid
from liaison.core.events import EVENTS
from liaison.core.locks import lock
from liaison.organisations.models import Site
from liaison.pathway import registry
from liaison.pathway.codes import ALERTED_BY_NATIONAL_CODE, AlertedBy, JusticeOutcome, LdOutcome, SentenceType
from liaison.pathway.events import CLOSE, IDENTIFY, NOTE, REENTER, REOPEN, VOID
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import opened
from liaison.pathway.stages import OPEN_STAGES
from liaison.pathway.transitions import (
    OpenEpisodeExists,
    check_alerted_by,
    check_codes,
    require_recorder,
    require_site,
    step_time,
    take_step,
    target_minutes_for,
)
from liaison.people.actions import PersonDetails, person_create
from liaison.people.models import Person

__all__ = ["OpenEpisodeExists", "take_step"]


def _who_alerted(*, alerted_by: str, alerted_by_code: str, referral_source: str) -> tuple[str, str, str]:
    """Who alerted L&D in words and as a listed role, and the referral source.

    A listed role fills what is left blank: its label for the words, and the national code it
    counts as for the referral source. What the practitioner gave is kept as given.
    """
    code = (alerted_by_code or "").strip()
    if not code:
        return alerted_by, "", referral_source
    if code not in AlertedBy.values:
        raise Invalid(
            "There is a problem with the identification",
            errors={"alerted_by_code": "Select who alerted L&D from the list, or leave it blank"},
        )
    return (
        alerted_by.strip() or str(AlertedBy(code).label),
        code,
        referral_source or ALERTED_BY_NATIONAL_CODE[code].value,
    )


def _alert_data(alerted_by_code: str) -> dict[str, str]:
    # Only when given, so identifications without a listed role keep their earlier shape.
    return {"alerted_by_code": alerted_by_code} if alerted_by_code else {}


@dataclass(frozen=True)
class Alert:
    """Who alerted L&D, where and why: what identification and re-entry both take, from the
    identification form, the re-entry form and the API alike."""

    site: Site
    point_of_contact: str
    referral_source: str
    alerted_by: str
    alerted_by_code: str = ""
    concerns: Sequence[str] = ()
    concerns_note: str = ""

    def checked(self, scheme_id: int) -> Alert:
        """A normalised copy, or Invalid naming what is wrong; a listed role fills what is blank."""
        require_site(self.site, scheme_id)
        alerted_by, alerted_by_code, referral_source = _who_alerted(
            alerted_by=self.alerted_by, alerted_by_code=self.alerted_by_code, referral_source=self.referral_source
        )
        check_codes(point_of_contact=self.point_of_contact, referral_source=referral_source, concerns=self.concerns)
        check_alerted_by(alerted_by)
        return replace(
            self,
            referral_source=referral_source,
            alerted_by=alerted_by.strip(),
            alerted_by_code=alerted_by_code,
            concerns=sorted(set(self.concerns)),
            concerns_note=self.concerns_note.strip(),
        )

    def data(self) -> dict[str, Any]:
        return {
            "point_of_contact": self.point_of_contact,
            "referral_source": self.referral_source,
            "alerted_by": self.alerted_by,
            **_alert_data(self.alerted_by_code),
            "concerns": list(self.concerns),
        }


@transaction.atomic
def episode_identify(*, by: User, person: Person, alert: Alert, occurred_at: datetime | None = None) -> Episode:
    """Open an episode. Refuses with `open_episode_exists` where the person already has one open
    in this scheme: the caller offers `episode_reenter` on that one instead."""
    site = alert.site
    require_recorder(by, site.scheme_id)
    a = alert.checked(site.scheme_id)
    at = step_time(occurred_at)
    # Lock the person so two practitioners identifying them at once cannot open two episodes.
    lock(Person.objects.filter(pk=person.pk)).first()
    existing = Episode.objects.filter(person=person, scheme_id=site.scheme_id, stage__in=OPEN_STAGES).first()
    if existing:
        raise OpenEpisodeExists(
            f"{person.full_name} already has an open episode in this scheme",
            episode_id=str(existing.pk),
        )
    # The local date: 00:30 on a birthday in London is still the day before in UTC.
    age_band = person.age_band_on(timezone.localdate(at))
    payload = IDENTIFY.dump({**a.data(), "concerns_note": a.concerns_note, "age_band": age_band})
    state = opened(at=at, site_id=site.pk, payload=payload)
    episode = Episode.objects.create(
        person=person,
        scheme_id=site.scheme_id,
        target_minutes=target_minutes_for(site, a.point_of_contact),
        created_by=by,
        **state.columns(),
    )
    PathwayEvent.objects.create(
        episode=episode,
        kind=IDENTIFY.tag,
        occurred_at=at,
        recorded_at=clock.now(),
        actor=by,
        site=site,
        stage_after=state.stage,
        data=payload,
    )
    return episode


@transaction.atomic
def person_identify_new(
    *, by: User, details: PersonDetails, alert: Alert, occurred_at: datetime | None = None
) -> Episode:
    """Record a person new to L&D and open their first episode, together or not at all."""
    person = person_create(by=by, scheme=alert.site.scheme, details=details)
    return episode_identify(by=by, person=person, alert=alert, occurred_at=occurred_at)


@transaction.atomic
def episode_reenter(
    *, by: User, episode: Episode, alert: Alert, note: str = "", occurred_at: datetime | None = None
) -> PathwayEvent:
    """A new alert for a person with an episode in this scheme: joining an open episode at
    identification, or re-entry at court (which reopens a closed one)."""
    a = alert.checked(episode.scheme_id)
    return take_step(
        episode=episode,
        kind=REENTER,
        by=by,
        occurred_at=occurred_at,
        site=a.site,
        data={**a.data(), "note": note.strip()},
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
    confirm_active_support: bool = False,
) -> PathwayEvent:
    """Close with the outcomes. While referrals are active (support continues) the episode stays
    open unless the closure is confirmed: refused with `active_support` and the referrals' ids."""
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
    active = registry.continuing(episode)
    if active and not confirm_active_support and episode.is_open and scope_for(by).can_record_in(episode.scheme_id):
        raise Conflict(
            f"Support is continuing on {len(active)} referral{'s' if len(active) > 1 else ''}: "
            "confirm that you want to close the episode, or close the referrals first",
            code="active_support",
            referrals=[r.pk for r in active],
        )
    return take_step(
        episode=episode,
        kind=CLOSE,
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
        kind=REOPEN,
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
        kind=NOTE,
        by=by,
        occurred_at=occurred_at,
        data={"text": text.strip()},
    )


@transaction.atomic
def entry_void(*, by: User, episode: Episode, event: PathwayEvent, reason: str) -> PathwayEvent:
    """Void a clinical entry: it stays on the timeline, marked voided, with the reason."""
    # The scheme first, so staff elsewhere learn nothing about the entry from the refusal.
    require_recorder(by, episode.scheme_id)
    if event.episode_id != episode.pk:
        raise Invalid("That entry belongs to another episode", errors={"event": "Select an entry of this episode"})
    if event.kind not in EVENTS.voidable():
        raise Invalid(
            "Only screening, instrument, assessment, referral and note entries can be voided",
            errors={"event": "This entry cannot be voided"},
            code="not_voidable",
        )
    if not reason.strip():
        raise Invalid("Say why the entry is voided", errors={"reason": "Enter why you are voiding this entry"})
    # Checked under the episode's lock: two voids of one entry at once, the second waits and then
    # sees the first (a coded conflict, not the database refusing a second `voids`).
    lock(Episode.objects.filter(pk=episode.pk)).first()
    if PathwayEvent.objects.filter(voids=event).exists():
        raise Conflict("That entry is already voided", code="already_voided")
    at = clock.now()
    void = take_step(
        episode=episode,
        kind=VOID,
        by=by,
        occurred_at=at,
        data={"reason": reason.strip(), "voided_kind": event.kind},
        voids=event,
    )
    # Findings written by a voided screening are voided with it.
    event.findings.filter(voided_at__isnull=True).update(voided_at=at, voided_by=by, void_reason=reason.strip())
    event.instrument_responses.filter(voided_at__isnull=True).update(
        voided_at=at, voided_by=by, void_reason=reason.strip()
    )
    return void
