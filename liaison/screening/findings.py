"""What the practitioner does with a finding an instrument suggested: confirm it, change its
status, or reject it. Each decision is one pathway event (Step.FINDING); the finding keeps who
decided and when, and the reason stays on the event for the timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from liaison.accounts.models import User
from liaison.core.errors import Conflict, Invalid, NotFound
from liaison.pathway.codes import FindingStatus, vulnerability_label
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Step
from liaison.pathway.transitions import require_recorder, take_step
from liaison.screening.events import FINDING_DECIDE
from liaison.screening.models import Decision, Finding

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
    locked = Finding.objects.select_for_update().filter(pk=finding.pk).first()
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


def decision_summary(data: dict[str, Any]) -> str:
    """A decision event's data in words, for the timeline."""
    domain = data.get("domain")
    label = vulnerability_label(domain) if domain else "Finding"
    decision = data.get("decision")
    status = data.get("status")
    status_label = FindingStatus(status).label.lower() if status in FindingStatus.values else str(status or "")
    if decision == Decision.CONFIRMED:
        return f"{label}: confirmed as {status_label}"
    if decision == Decision.CHANGED:
        before = data.get("status_before")
        was = FindingStatus(before).label.lower() if before in FindingStatus.values else str(before or "")
        return f"{label}: changed from {was} to {status_label}"
    if decision == Decision.REJECTED:
        return f"{label}: rejected"
    return label
