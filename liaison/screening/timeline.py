"""How screening's events read on the episode's timeline."""

from __future__ import annotations

from typing import Any

from liaison.pathway.codes import FindingStatus, Urgency, vulnerability_label
from liaison.pathway.timeline import Lines, label, plain, reads, time_of, vulnerability, yes_no
from liaison.screening.events import FINDING_DECIDE, INSTRUMENT, SAFETY_PLAN, SCREEN
from liaison.screening.models import Decision, FindingSource
from liaison.screening.safety import informed_lines


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
