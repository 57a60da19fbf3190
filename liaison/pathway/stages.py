"""The pathway's stages and the one table of what each stage allows.

Every transition in actions.py asks this table first, so the rules live in one place: the
pages show exactly these next steps and the API refuses anything else with
`stage_not_allowed`.
"""

from __future__ import annotations

from django.db import models


class Stage(models.TextChoices):
    IDENTIFIED = "identified", "Identified"
    SCREENED = "screened", "Screened"
    ASSESSED = "assessed", "Assessed"
    REFERRED = "referred", "Referred"
    CLOSED = "closed", "Closed"


class Step(models.TextChoices):
    SCREEN = "screen", "Record screening"
    ASSESS = "assess", "Record assessment"
    REFER = "refer", "Record onward referral"
    CLOSE = "close", "Close episode"
    REENTER = "reenter", "Record re-entry (for example at court)"
    REOPEN = "reopen", "Reopen episode"
    NOTE = "note", "Add a note"
    VOID = "void", "Void an entry"
    # Steps alongside the pathway: they never move the stage and are not offered as "next steps".
    FINDING = "finding", "Confirm, change or reject a finding"
    SAFETY = "safety", "Record a safety plan"
    SUPPORT = "support", "Record referral progress or a support contact"
    CONSENT = "consent", "Record or withdraw consent"
    SHARE = "share", "Share information"

    @classmethod
    def alongside(cls) -> frozenset[Step]:
        return frozenset({cls.VOID, cls.FINDING, cls.SAFETY, cls.SUPPORT, cls.CONSENT, cls.SHARE})


# A step leads to a stage, or to None where the stage stays as it is.
_SAME = None
_WHILE_OPEN = {Step.FINDING: _SAME, Step.SAFETY: _SAME, Step.CONSENT: _SAME, Step.SHARE: _SAME}
# Support (referral progress, support contacts) once the person has been screened.
_SUPPORT = {Step.SUPPORT: _SAME}
ALLOWED: dict[Stage, dict[Step, Stage | None]] = {
    Stage.IDENTIFIED: {
        Step.SCREEN: Stage.SCREENED,
        # Closing before screening: released before L&D arrived, or the person declined.
        Step.CLOSE: Stage.CLOSED,
        Step.REENTER: _SAME,
        Step.NOTE: _SAME,
        Step.VOID: _SAME,
        **_WHILE_OPEN,
    },
    Stage.SCREENED: {
        Step.SCREEN: _SAME,
        Step.ASSESS: Stage.ASSESSED,
        Step.REFER: Stage.REFERRED,
        # Closure after screening only: no further need found.
        Step.CLOSE: Stage.CLOSED,
        Step.REENTER: _SAME,
        Step.NOTE: _SAME,
        Step.VOID: _SAME,
        **_WHILE_OPEN,
        **_SUPPORT,
    },
    Stage.ASSESSED: {
        Step.SCREEN: _SAME,
        Step.ASSESS: _SAME,
        Step.REFER: Stage.REFERRED,
        Step.CLOSE: Stage.CLOSED,
        Step.REENTER: _SAME,
        Step.NOTE: _SAME,
        Step.VOID: _SAME,
        **_WHILE_OPEN,
        **_SUPPORT,
    },
    Stage.REFERRED: {
        Step.SCREEN: _SAME,
        Step.ASSESS: _SAME,
        Step.REFER: _SAME,
        Step.CLOSE: Stage.CLOSED,
        Step.REENTER: _SAME,
        Step.NOTE: _SAME,
        Step.VOID: _SAME,
        **_WHILE_OPEN,
        **_SUPPORT,
    },
    Stage.CLOSED: {
        # Both return the episode to the stage it had reached before closure.
        Step.REOPEN: _SAME,
        Step.REENTER: _SAME,
        Step.NOTE: _SAME,
        Step.VOID: _SAME,
        # A person may withdraw consent after the episode has closed.
        Step.CONSENT: _SAME,
    },
}

OPEN_STAGES = frozenset({Stage.IDENTIFIED, Stage.SCREENED, Stage.ASSESSED, Stage.REFERRED})


def allows(stage: str, step: str) -> bool:
    return Step(step) in ALLOWED[Stage(stage)]


def next_stage(stage: str, step: str) -> Stage:
    """The stage after taking `step`; only for steps `allows` accepts."""
    target = ALLOWED[Stage(stage)][Step(step)]
    return Stage(stage) if target is None else target


def steps_from(stage: str) -> list[Step]:
    return list(ALLOWED[Stage(stage)])
