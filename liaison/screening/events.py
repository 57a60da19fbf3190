"""Screening's tags: the screening step, completed instruments, finding decisions, safety plans."""

from __future__ import annotations

from pydantic import Field

from liaison.core.events import Instant, Payload, declare
from liaison.pathway.stages import Step


class FindingLine(Payload):
    domain: str = Field(description="Vulnerability code")
    status: str = Field(description="FindingStatus code")
    source: str = Field(description="FindingSource code")
    note: str = ""


class Suggestion(Payload):
    """A finding an instrument suggests, pending the practitioner's decision."""

    domain: str
    status: str
    reason: str = ""


class Screened(Payload):
    """The screening step: findings per vulnerability domain, urgency, whether to assess."""

    urgency: str = Field(description="Urgency code")
    needs_assessment: bool
    note: str = ""
    findings: list[FindingLine]


class InstrumentCompleted(Payload):
    """A completed instrument (a FHIR QuestionnaireResponse), as a screening step."""

    instrument: str = Field(description="The instrument's code, e.g. phq9")
    title: str
    version: str = Field(description="The Questionnaire's version")
    response_id: str = Field(description="The InstrumentResponse's id")
    total: float | int | None = None
    band: str = ""
    band_label: str = ""
    flags: list[str] = Field(default_factory=list)
    # A prompt to act on the episode page (a safety plan), never a risk score.
    safety_prompt: bool = False
    suggested: list[Suggestion] = Field(default_factory=list)
    findings: list[FindingLine] = Field(default_factory=list)
    urgency: str | None = None


class FindingDecided(Payload):
    """The practitioner's decision on a suggested finding."""

    finding_id: int
    domain: str
    decision: str = Field(description="Decision code: confirm (accept), change or reject")
    status_before: str
    status: str
    suggested_by: str = ""
    reason: str = ""


class Informed(Payload):
    role: str
    name: str = ""


class SafetyPlanned(Payload):
    """A safety plan: what was agreed and who was told (never a risk score)."""

    plan: str
    informed: list[Informed]
    informed_at: Instant


SCREEN = declare("episode:screen", Screened, label="Screened", step=Step.SCREEN, marks="screened_at", voidable=True)
INSTRUMENT = declare(
    "screening:instrument",
    InstrumentCompleted,
    label="Instrument completed",
    step=Step.SCREEN,
    marks="screened_at",
    voidable=True,
)
FINDING_DECIDE = declare("finding:decide", FindingDecided, label="Finding decided", step=Step.FINDING)
SAFETY_PLAN = declare("screening:safety_plan", SafetyPlanned, label="Safety plan recorded", step=Step.SAFETY)
