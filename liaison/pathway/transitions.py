"""The single gate every episode change passes: `take_step` locks the episode, asks the stage
table, checks the user may record in the scheme, writes exactly one event and updates the
projection, in the caller's transaction. The checks shared by several actions live here too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied, StageNotAllowed
from liaison.core.events import EventType, Payload
from liaison.core.locks import lock
from liaison.core.vocabulary import Vulnerability
from liaison.organisations.models import PointOfContact, ResponseTarget, Site
from liaison.pathway import registry
from liaison.pathway.codes import ReferralSource
from liaison.pathway.events import NOTE, VOID
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import Projection, apply
from liaison.pathway.stages import Stage, Step, allows

# Clocks on custody terminals drift; a little future is allowed, more is a typing mistake.
_FUTURE_TOLERANCE = timedelta(minutes=5)
# Nothing L&D records predates the national programme's origins; earlier is a typing mistake
# (and years before 1900 break the conversion to UTC on some databases).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


class OpenEpisodeExists(Conflict):
    code = "open_episode_exists"


def step_time(occurred_at: datetime | None, *, not_before: datetime | None = None, last_step: bool = False) -> datetime:
    """The time a step happened. `not_before` is identification, or with `last_step` the time of
    the episode's latest pathway step: steps are never dated before the step they follow."""
    at = occurred_at or clock.now()
    if at.tzinfo is None:
        raise Invalid("Give the time with a time zone", errors={"occurred_at": "Enter a date and time"})
    if at < EARLIEST:
        raise Invalid("That time is too long ago", errors={"occurred_at": "The date must be in the year 2000 or later"})
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


def require_recorder(by: User, scheme_id: int, step: Step | None = None) -> None:
    scope = scope_for(by)
    if step is Step.SUPPORT and scope.can_support_in(scheme_id):
        return
    if not scope.can_record_in(scheme_id):
        raise PermissionDenied("You cannot record in this scheme", code="scheme_not_allowed")


def require_site(site: Site, scheme_id: int) -> None:
    if site.scheme_id != scheme_id:
        raise Invalid("That site belongs to another scheme", errors={"site": "Select one of this scheme's sites"})
    if not site.active:
        raise Invalid("That site is closed", errors={"site": "Select a site that is open"})


def check_codes(*, point_of_contact: str, referral_source: str, concerns: Sequence[str]) -> None:
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


def check_alerted_by(alerted_by: str) -> None:
    if not alerted_by.strip():
        raise Invalid("Say who alerted L&D", errors={"alerted_by": "Enter who alerted the L&D team"})
    # The column holds 160 characters; PostgreSQL would refuse more with a database error.
    if len(alerted_by.strip()) > 160:
        raise Invalid("That is too long", errors={"alerted_by": "Who alerted L&D must be 160 characters or fewer"})


def target_minutes_for(site: Site, point_of_contact: str) -> int:
    target = ResponseTarget.objects.filter(site=site, point_of_contact=point_of_contact).first()
    return target.minutes if target else settings.DEFAULT_RESPONSE_TARGET_MINUTES


def take_step(
    *,
    episode: Episode,
    kind: EventType,
    by: User,
    occurred_at: datetime | None,
    data: Mapping[str, Any] | Payload,
    site: Site | None = None,
    voids: PathwayEvent | None = None,
) -> PathwayEvent:
    """Take the step `kind` declares, write its event and apply it to the projection."""
    if kind.stream != "episode" or kind.step is None:
        raise ValueError(f"{kind.tag} is not a step on an episode")
    step = Step(kind.step)
    # Validate before anything is locked or written: a bad payload is a bug in the writer.
    payload = kind.dump(data)
    # Lock the row so two practitioners cannot both move the episode on from the same stage.
    locked = lock(Episode.objects).get(pk=episode.pk)
    require_recorder(by, locked.scheme_id, step)
    if not allows(locked.stage, step):
        raise StageNotAllowed(
            f"An episode at stage '{Stage(locked.stage).label}' does not allow: {step.label.lower()}",
            stage=locked.stage,
            step=step.value,
        )
    registry.check_prerequisites(step, locked)
    if step in (Step.NOTE, Step.VOID):
        # A note may describe anything since identification; it does not move the episode.
        at = step_time(occurred_at, not_before=locked.identified_at)
    else:
        # Out-of-order steps would make the timeline, the timeliness figures and a replay of the
        # events disagree with the stage (a closure dated before the screening it follows).
        last = (
            PathwayEvent.objects.filter(episode=locked)
            .exclude(kind__in=[NOTE.tag, VOID.tag])
            .order_by("-occurred_at")
            .values_list("occurred_at", flat=True)
            .first()
        )
        at = step_time(
            occurred_at,
            not_before=last or locked.identified_at,
            last_step=last is not None and last > locked.identified_at,
        )
    before = Projection.of(locked)
    after = apply(before, kind, at=at, site_id=(site or locked.current_site).pk, payload=payload, voided=voids)
    changed = list(after.differences(before))
    for name in changed:
        setattr(locked, name, getattr(after, name))
    if changed:
        locked.save(update_fields=changed)
    event = PathwayEvent.objects.create(
        episode=locked,
        kind=kind.tag,
        occurred_at=at,
        recorded_at=clock.now(),
        actor=by,
        site_id=after.current_site_id,
        stage_after=after.stage,
        data=payload,
        voids=voids,
    )
    # Keep the caller's instance in step with the database.
    for name in changed:
        setattr(episode, name, getattr(locked, name))
    return event
