"""A pending suggested finding, as an instrument would leave it, made directly for tests that do
not depend on the instruments themselves."""

from __future__ import annotations

from liaison.accounts.models import User
from liaison.core import clock
from liaison.pathway.models import Episode, PathwayEvent
from liaison.screening.models import Decision, Finding, FindingSource


def pending_finding(
    *, episode: Episode, by: User, domain: str = "mental_health", status: str = "suspected", code: str = "phq9"
) -> Finding:
    event = PathwayEvent.objects.filter(episode=episode).order_by("-id").first()
    assert event is not None
    return Finding.objects.create(
        episode=episode,
        event=event,
        domain=domain,
        status=status,
        source=FindingSource.INSTRUMENT,
        note="PHQ-9 total 14 (moderate)",
        decided_by=by,
        recorded_at=clock.now(),
        decision=Decision.PENDING,
        suggested_by=code,
    )
