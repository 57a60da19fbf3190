"""Recording a screening outcome as structured findings, one per vulnerability domain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Invalid
from liaison.pathway.actions import take_step
from liaison.pathway.codes import FindingStatus, Urgency, Vulnerability
from liaison.pathway.models import Episode, PathwayEvent
from liaison.screening.events import SCREEN
from liaison.screening.models import Finding, FindingSource


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
        errors["urgency"] = "Select how urgent the need is"
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
