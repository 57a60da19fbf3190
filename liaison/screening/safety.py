"""Safety plans: what the practitioner and custody staff will do to keep the person safe, and who
was told. Words, never a score: NICE NG225 advises against tools or scales that predict suicide
or self-harm, so nothing here rates risk; a concern raises a prompt for a plan, and the plan
clears it.

`safety_plan_record` is the action (Step.SAFETY, one event); `safety_prompt_needed` the read
that pages (the episode page, the instruments' results) ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models, transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Invalid
from liaison.pathway.codes import FindingStatus, Vulnerability
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Step
from liaison.pathway.transitions import EARLIEST, require_recorder, take_step
from liaison.screening.events import SAFETY_PLAN
from liaison.screening.models import Decision, Finding

# Findings that need a plan: a self-harm concern suspected or confirmed (a suggestion still
# awaiting its decision counts: the prompt must not wait for paperwork).
_PROMPTING_STATUSES = frozenset({FindingStatus.SUSPECTED, FindingStatus.CONFIRMED})


class InformedRole(models.TextChoices):
    """Who in custody (or court) was told about the plan."""

    CUSTODY_SERGEANT = "custody_sergeant", "Custody sergeant"
    DETENTION_OFFICER = "detention_officer", "Detention officer"
    HEALTHCARE_PROFESSIONAL = "healthcare_professional", "Custody healthcare professional"
    OTHER = "other", "Someone else"


@dataclass(frozen=True)
class Informed:
    role: str
    name: str = ""


def _check(plan: str, informed: Sequence[Informed], informed_at: datetime | None, episode: Episode) -> None:
    errors: dict[str, str] = {}
    if not plan.strip():
        errors["plan"] = "Enter the safety plan"
    elif len(plan.strip()) > 10_000:
        errors["plan"] = "The safety plan must be 10,000 characters or fewer"
    if not informed:
        errors["informed"] = "Select who you told about the plan"
    for i in informed:
        if i.role not in InformedRole.values:
            errors["informed"] = "Select who you told from the list"
        elif i.role == InformedRole.OTHER and not i.name.strip():
            errors["informed_other"] = "Enter who else you told, with their role"
        elif len(i.name.strip()) > 160:
            errors["informed"] = "Names must be 160 characters or fewer"
    if informed_at is None or informed_at.tzinfo is None:
        errors["informed_at"] = "Enter the date and time you told them"
    elif informed_at < max(EARLIEST, episode.identified_at):
        errors["informed_at"] = "The time you told them must be after the person was identified"
    elif informed_at > clock.now() + timedelta(minutes=5):  # custody terminals' clocks drift
        errors["informed_at"] = "The time you told them must not be in the future"
    if errors:
        raise Invalid("There is a problem with the safety plan", errors=errors)


@transaction.atomic
def safety_plan_record(
    *,
    by: User,
    episode: Episode,
    plan: str,
    informed: Sequence[Informed],
    informed_at: datetime | None,
    occurred_at: datetime | None = None,
) -> PathwayEvent:
    require_recorder(by, episode.scheme_id, Step.SAFETY)
    _check(plan, informed, informed_at, episode)
    assert informed_at is not None
    return take_step(
        episode=episode,
        kind=SAFETY_PLAN,
        by=by,
        occurred_at=occurred_at,
        data={
            "plan": plan.strip(),
            "informed": [{"role": i.role, "name": i.name.strip()} for i in informed],
            "informed_at": informed_at.isoformat(),
        },
    )


# ---- reads


def _raises_prompt(f: Finding) -> bool:
    return (
        f.domain == Vulnerability.SELF_HARM
        and f.status in _PROMPTING_STATUSES
        and not f.is_voided
        and f.decision != Decision.REJECTED
    )


def _standing(e: PathwayEvent) -> bool:
    """Not voided; uses the prefetched `voided_by` where the caller loaded it."""
    cache = getattr(e, "_prefetched_objects_cache", {})
    if "voided_by" in cache:
        return not cache["voided_by"]
    return not e.voided_by.exists()


def safety_prompt_from(findings: Iterable[Finding], events: Iterable[PathwayEvent]) -> bool:
    """The rule on rows already fetched (the episode page has both): a self-harm concern, or an
    event flagged `"safety_prompt": true`, with no safety plan recorded since."""
    concerns = [f.decided_at or f.recorded_at for f in findings if _raises_prompt(f)]
    plans = []
    for e in events:
        if e.kind == SAFETY_PLAN.tag and _standing(e):
            plans.append(e.recorded_at)
        elif isinstance(e.data, dict) and e.data.get("safety_prompt") is True and _standing(e):
            concerns.append(e.recorded_at)
    if not concerns:
        return False
    # Written-down times, not the times things are said to have happened: a plan recorded after
    # the concern answers it, however either was back-dated.
    return not plans or max(plans) < max(concerns)


def safety_prompt_needed(episode: Episode) -> bool:
    """True while the episode has a self-harm concern and no safety plan recorded since."""
    findings = Finding.objects.filter(episode=episode, domain=Vulnerability.SELF_HARM, voided_at__isnull=True)
    events = PathwayEvent.objects.filter(episode=episode, voided_by__isnull=True).filter(
        models.Q(kind=SAFETY_PLAN) | models.Q(data__safety_prompt=True)
    )
    return safety_prompt_from(findings, events.prefetch_related("voided_by"))


def safety_plans(events: Iterable[PathwayEvent]) -> list[PathwayEvent]:
    """The plans among events already fetched, latest first, voided ones left out."""
    plans = [e for e in events if e.kind == SAFETY_PLAN.tag and _standing(e)]
    return sorted(plans, key=lambda e: (e.recorded_at, e.pk), reverse=True)


def informed_lines(data: object) -> list[str]:
    """Who was told, as people read it: 'Custody sergeant: PS Khan'."""
    lines = []
    for i in data if isinstance(data, list) else []:
        if not isinstance(i, dict):
            continue
        role = i.get("role")
        label = InformedRole(role).label if role in InformedRole.values else str(role or "")
        name = str(i.get("name") or "")
        lines.append(f"{label}: {name}" if name and role != InformedRole.OTHER else name or label)
    return lines
