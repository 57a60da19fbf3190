"""Assessment's tags: the assessment step and its amendments (episode events), and the edits of
a draft before it is complete (the assessment's own stream)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from liaison.core.events import NotUpgradable, Payload, Upgrade, declare
from liaison.pathway.stages import Step


class Assessed(Payload):
    """A completed assessment: enough to report on and to read on the timeline."""

    assessment_id: int
    version: int
    summary: str = Field(description="The formulation")
    needs: list[str] = Field(default_factory=list, description="Vulnerability codes with needs written")
    recommendations: str = ""
    onward_referral: str = ""
    court: list[str] = Field(default_factory=list, description="CourtConsideration codes")
    treatment_requirements: list[str] = Field(default_factory=list, description="TreatmentRequirement codes")


class AssessedV1(Payload):
    """Version 1 held two shapes: a structured assessment (as today) and, from before it, a
    summary in words with recommendations and no assessment record behind it."""

    summary: str
    recommendations: str = ""
    assessment_id: int | None = None
    version: int | None = None
    needs: list[str] = Field(default_factory=list)
    onward_referral: str = ""
    court: list[str] = Field(default_factory=list)
    treatment_requirements: list[str] = Field(default_factory=list)


def _assess_v2(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("assessment_id") is None:
        raise NotUpgradable("a summary assessment has no assessment record")
    return data


class Amended(Assessed):
    """A new version of a completed assessment, replacing the one before (kept)."""

    replaces_id: int
    replaces_version: int
    reason: str


class DraftEdited(Payload):
    """A draft assessment started, saved, completed or amended: which fields were written."""

    version: int
    fields: list[str] = Field(default_factory=list)


ASSESS = declare(
    "episode:assess",
    Assessed,
    label="Assessed",
    step=Step.ASSESS,
    marks="assessed_at",
    voidable=True,
    version=2,
    older={1: Upgrade(AssessedV1, _assess_v2)},
)
AMEND = declare("assessment:amend", Amended, label="Assessment amended", step=Step.ASSESS)
DRAFT_START = declare("assessment_draft:start", DraftEdited, label="Draft assessment started", stream="assessment")
DRAFT_EDIT = declare("assessment_draft:edit", DraftEdited, label="Draft assessment edited", stream="assessment")
DRAFT_COMPLETE = declare("assessment_draft:complete", DraftEdited, label="Assessment completed", stream="assessment")
DRAFT_AMEND = declare("assessment_draft:amend", DraftEdited, label="Assessment amended", stream="assessment")
