"""How screening's events read on the episode's timeline."""

from __future__ import annotations

from typing import Any

from liaison.core.vocabulary import FindingStatus, Urgency, vulnerability_label
from liaison.pathway.timeline import Lines, label, plain, reads, time_of, vulnerability, yes_no
from liaison.screening.actions import InformedRole
from liaison.screening.events import FINDING_DECIDE, INSTRUMENT, SAFETY_PLAN, SCREEN
from liaison.screening.models import Decision, FindingSource


def findings_lines(values: Any) -> Lines:
    lines = []
    for f in values or []:
        line = f"{vulnerability_label(f.get('domain'))}: {label(FindingStatus)(f.get('status'))[0].lower()}"
        if source := label(FindingSource)(f.get("source")):
            line += f" ({source[0]})"
        if note := f.get("note"):
            line += f". {note}"
        lines.append(line)
    return lines


def _flags(values: Any) -> Lines:
    # The safety prompt is a prompt to act, never a score; the other flags are the instruments' own.
    names = {"safety_prompt": "Safety prompt raised", "complete_full_audit": "Complete the full AUDIT"}
    return [names.get(str(v), str(v).replace("_", " ").capitalize()) for v in values or []]


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


reads(
    SCREEN.tag,
    [
        ("findings", "Findings", findings_lines),
        ("urgency", "Urgency", label(Urgency)),
        ("needs_assessment", "Needs a fuller assessment", yes_no),
        ("note", "Note", plain),
    ],
)
reads(
    FINDING_DECIDE.tag,
    [
        ("domain", "Finding", vulnerability),
        ("decision", "Decision", label(Decision)),
        ("status_before", "Suggested status", label(FindingStatus)),
        ("status", "Status now", label(FindingStatus)),
        ("reason", "Reason", plain),
    ],
)
reads(
    SAFETY_PLAN.tag,
    [
        ("plan", "Safety plan", plain),
        ("informed", "Who was told", informed_lines),
        ("informed_at", "When they were told", time_of),
    ],
)
reads(
    INSTRUMENT.tag,
    [
        ("title", "Instrument", plain),
        ("total", "Total", plain),
        ("band_label", "Band", plain),
        ("flags", "Flags", _flags),
        ("suggested", "Suggested findings", findings_lines),
        ("findings", "Findings", findings_lines),
        ("urgency", "Urgency", label(Urgency)),
    ],
)
