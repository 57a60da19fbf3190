"""Screening's writes: the screening step (structured findings, one per vulnerability domain),
the practitioner's decisions on suggested findings, and safety plans (a prompt to act, never a
risk score). Each is one transaction and one event through `take_step`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models, transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound
from liaison.core.locks import lock
from liaison.core.vocabulary import FindingStatus, Urgency, Vulnerability
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Step
from liaison.pathway.transitions import EARLIEST, require_recorder, take_step
from liaison.screening.events import FINDING_DECIDE, SAFETY_PLAN, SCREEN
from liaison.screening.models import Decision, Finding, FindingSource


@dataclass(frozen=True)
class FindingInput:
    domain: str
    status: str
    source: str = FindingSource.SCREENING
    note: str = ""


def _check(findings: Sequence[FindingInput], urgency: str) -> None:
    errors: dict[str, str] = {}
    seen: set[str] = set()
    for f in findings:
        if f.domain not in Vulnerability.values:
            errors[f"findings.{f.domain}"] = f"Unknown vulnerability domain: {f.domain}"
        elif f.domain in seen:
            errors[f"findings.{f.domain}"] = f"{Vulnerability(f.domain).label} is given more than once"
        elif f.status not in FindingStatus.values:
            errors[f"findings.{f.domain}"] = f"Select a status for {Vulnerability(f.domain).label.lower()}"
        elif f.source not in FindingSource.values:
            errors[f"findings.{f.domain}"] = f"Select a source for {Vulnerability(f.domain).label.lower()}"
        seen.add(f.domain)
    if not findings:
        errors["findings"] = "Record a finding for at least one vulnerability domain"
    if urgency not in Urgency.values:
        errors["urgency"] = "Select how soon L&D needs to act"
    if errors:
        raise Invalid("There is a problem with the screening", errors=errors)


@transaction.atomic
def screening_record(
    *,
    by: User,
    episode: Episode,
    findings: Sequence[FindingInput],
    urgency: str,
    needs_assessment: bool,
    note: str = "",
    occurred_at: datetime | None = None,
) -> PathwayEvent:
    _check(findings, urgency)
    event = take_step(
        episode=episode,
        kind=SCREEN,
        by=by,
        occurred_at=occurred_at,
        data={
            "urgency": urgency,
            "needs_assessment": needs_assessment,
            "note": note.strip(),
            "findings": [
                {"domain": f.domain, "status": f.status, "source": f.source, "note": f.note.strip()} for f in findings
            ],
        },
    )
    now = clock.now()
    Finding.objects.bulk_create(
        Finding(
            episode=episode,
            event=event,
            domain=f.domain,
            status=f.status,
            source=f.source,
            note=f.note.strip(),
            decided_by=by,
            recorded_at=now,
        )
        for f in findings
    )
    return event


# ---- decisions on suggested findings


# What a practitioner may decide; pending is where a suggestion starts, never a decision.
DECISIONS = (Decision.CONFIRMED, Decision.CHANGED, Decision.REJECTED)


def _problems(finding: Finding, decision: str, status: str | None, note: str) -> dict[str, str]:
    """Field name -> message for one decision, checked before anything is written."""
    name = finding.domain_label.lower()
    if decision not in DECISIONS:
        return {"decision": f"Select whether to confirm, change or reject the suggested finding for {name}"}
    if decision == Decision.CONFIRMED:
        if status not in (None, "", finding.status):
            return {"status": "To give another status, choose change instead of confirm"}
        return {}
    errors = {}
    if decision == Decision.CHANGED:
        if status not in FindingStatus.values:
            errors["status"] = f"Select the status {name} should have"
        elif status == finding.status:
            errors["status"] = "Select a status different from the suggested one, or confirm it"
        if not note.strip():
            errors["note"] = f"Enter why you are changing the suggested finding for {name}"
    if decision == Decision.REJECTED and not note.strip():
        errors["note"] = f"Enter why you are rejecting the suggested finding for {name}"
    if len(note.strip()) > 4000:
        errors["note"] = "The reason must be 4000 characters or fewer"
    return errors


def _still_pending(finding: Finding) -> Finding:
    """The finding again, locked, refusing anything already decided or voided."""
    locked = lock(Finding.objects.filter(pk=finding.pk)).first()
    if locked is None:
        raise NotFound("No such finding in this episode")
    if locked.is_voided:
        raise Conflict("That finding has been voided", code="finding_voided")
    if locked.decision != Decision.PENDING:
        raise Conflict("That finding has already been decided, or was not a suggestion", code="finding_not_pending")
    return locked


@transaction.atomic
def finding_decide(
    *,
    by: User,
    finding: Finding,
    decision: str,
    status: str | None = None,
    note: str = "",
    occurred_at: datetime | None = None,
) -> PathwayEvent:
    """Confirm (status stays), change (to another status, with a reason) or reject (with a reason)
    a pending suggested finding."""
    # The scheme first, so staff elsewhere learn nothing about the finding from the refusal.
    require_recorder(by, finding.episode.scheme_id, Step.FINDING)
    errors = _problems(finding, decision, status, note)
    if errors:
        raise Invalid("There is a problem with the decision", errors=errors)
    # take_step locks the episode first (every action's lock order), then the finding is locked
    # and checked again: two practitioners deciding at once, one of them sees the conflict.
    before = finding.status
    after = status if decision == Decision.CHANGED and status else before
    event = take_step(
        episode=finding.episode,
        kind=FINDING_DECIDE,
        by=by,
        occurred_at=occurred_at,
        data={
            "finding_id": finding.pk,
            "domain": finding.domain,
            "decision": decision,
            "status_before": before,
            "status": after,
            "suggested_by": finding.suggested_by,
            "reason": note.strip(),
        },
    )
    locked = _still_pending(finding)
    if locked.status != before:
        raise Conflict("That finding changed while you were deciding", code="finding_not_pending")
    locked.decision = decision
    locked.status = after
    locked.decided_by = by
    locked.decided_at = event.occurred_at
    locked.save(update_fields=["decision", "status", "decided_by", "decided_at"])
    for name in ("decision", "status", "decided_by", "decided_at"):
        setattr(finding, name, getattr(locked, name))
    return event


@dataclass(frozen=True)
class DecisionInput:
    finding: Finding
    decision: str
    status: str | None = None
    note: str = ""


@transaction.atomic
def findings_decide(
    *, by: User, episode: Episode, decisions: Sequence[DecisionInput], occurred_at: datetime | None = None
) -> list[PathwayEvent]:
    """Several decisions from one page: all of them, one event each, or none at all.

    Errors come back keyed `<finding id>.<field>` so the page can put each beside its fieldset.
    """
    require_recorder(by, episode.scheme_id, Step.FINDING)
    if not decisions:
        raise Invalid("Decide at least one suggested finding", errors={"decisions": "Decide at least one finding"})
    errors: dict[str, str] = {}
    for d in decisions:
        if d.finding.episode_id != episode.pk:
            raise NotFound("No such finding in this episode")
        errors.update({f"{d.finding.pk}.{k}": v for k, v in _problems(d.finding, d.decision, d.status, d.note).items()})
    if errors:
        raise Invalid("There is a problem with the decisions", errors=errors)
    return [
        finding_decide(
            by=by, finding=d.finding, decision=d.decision, status=d.status, note=d.note, occurred_at=occurred_at
        )
        for d in decisions
    ]


# ---- safety plans (a prompt to act, never a risk score)


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


def _check_plan(plan: str, informed: Sequence[Informed], informed_at: datetime, episode: Episode) -> None:
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
    if informed_at.tzinfo is None:
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
    informed_at: datetime | None = None,
    occurred_at: datetime | None = None,
) -> PathwayEvent:
    """`informed_at` None means now, the rule of every date and time left blank (issue 12)."""
    require_recorder(by, episode.scheme_id, Step.SAFETY)
    informed_at = informed_at or clock.now()
    _check_plan(plan, informed, informed_at, episode)
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
