"""Reading findings of an episode the user has already been allowed to open."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import QuerySet

from liaison.core.errors import NotFound
from liaison.core.vocabulary import FindingStatus, Vulnerability
from liaison.pathway.models import Episode, PathwayEvent
from liaison.screening.events import SAFETY_PLAN
from liaison.screening.models import Decision, Finding


def episode_findings(*, episode: Episode) -> QuerySet[Finding]:
    """Every finding, voided ones included: they stay visible, marked voided."""
    return (
        Finding.objects.filter(episode=episode)
        .select_related("decided_by", "voided_by")
        .order_by("domain", "recorded_at")
    )


def standing_findings(*, episode: Episode) -> dict[str, Finding]:
    """Per domain, the latest finding that stands (not voided, not rejected, not awaiting its
    decision): what the screening form shows as already recorded, so nobody screens blind."""
    standing: dict[str, Finding] = {}
    rows = Finding.objects.filter(episode=episode, voided_at__isnull=True).exclude(
        decision__in=[Decision.PENDING, Decision.REJECTED]
    )
    for f in rows.order_by("recorded_at", "id"):
        standing[f.domain] = f
    return standing


def pending_suggestions(*, episode: Episode) -> QuerySet[Finding]:
    """Suggestions still waiting for the practitioner, voided ones left out."""
    return (
        Finding.objects.filter(episode=episode, decision=Decision.PENDING, voided_at__isnull=True)
        .select_related("episode")
        .order_by("recorded_at", "id")
    )


def finding_get(*, episode: Episode, finding_id: object) -> Finding:
    """One finding of an episode fetched through `episode_get`; another episode's is not found."""
    text = str(finding_id)
    pk = int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
    finding = Finding.objects.filter(episode=episode, pk=pk).select_related("episode").first() if pk else None
    if finding is None:
        raise NotFound("No such finding in this episode")
    return finding


# Findings that need a plan: a self-harm concern suspected or confirmed (a suggestion still
# awaiting its decision counts: the prompt must not wait for paperwork).
_PROMPTING_STATUSES = frozenset({FindingStatus.SUSPECTED, FindingStatus.CONFIRMED})


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
    event flagged `"safety_prompt": true`, with no safety plan recorded since.

    A plan answers the concerns recorded before it, and a later restatement of no greater weight
    (the screening form recording the same suspected self-harm that PHQ-9 item 9 flagged an hour
    earlier) does not ask for the plan again; a graver one (a suspicion now confirmed) does.
    """
    # (when written down, weight): a flag or a suspicion weighs 1, a confirmed concern 2.
    concerns = [
        (f.decided_at or f.recorded_at, 2 if f.status == FindingStatus.CONFIRMED else 1)
        for f in findings
        if _raises_prompt(f)
    ]
    plans = []
    for e in events:
        if e.kind == SAFETY_PLAN.tag and _standing(e):
            plans.append(e.recorded_at)
        elif isinstance(e.data, dict) and e.data.get("safety_prompt") is True and _standing(e):
            concerns.append((e.recorded_at, 1))
    if not concerns:
        return False
    if not plans:
        return True
    # Written-down times, not the times things are said to have happened: a plan recorded after
    # the concern answers it, however either was back-dated.
    last_plan = max(plans)
    answered = max((w for at, w in concerns if at <= last_plan), default=0)
    since = max((w for at, w in concerns if at > last_plan), default=0)
    return since > answered


def safety_events(*, episode: Episode) -> list[PathwayEvent]:
    """The episode's safety plans and the events that raised a safety prompt, voided ones
    included (marked by the prefetched `voided_by`): what `safety_prompt_from` and
    `safety_plans` read, without the rest of the history."""
    return list(
        PathwayEvent.objects.filter(episode=episode)
        .filter(models.Q(kind=SAFETY_PLAN) | models.Q(data__safety_prompt=True))
        .select_related("actor")
        .prefetch_related("voided_by")
        .order_by("recorded_at", "id")
    )


def safety_prompt_needed(episode: Episode) -> bool:
    """True while the episode has a self-harm concern and no safety plan recorded since."""
    findings = Finding.objects.filter(episode=episode, domain=Vulnerability.SELF_HARM, voided_at__isnull=True)
    return safety_prompt_from(findings, safety_events(episode=episode))


def safety_plans(events: Iterable[PathwayEvent]) -> list[PathwayEvent]:
    """The plans among events already fetched, latest first, voided ones left out."""
    plans = [e for e in events if e.kind == SAFETY_PLAN.tag and _standing(e)]
    return sorted(plans, key=lambda e: (e.recorded_at, e.pk), reverse=True)
