"""The pathway's own tags: identification, re-entry, closure, reopening, notes and voids.

Other apps declare the steps they take on an episode (screening, assessment, referral, consent,
sharing) in their own `events.py`; all of them are written through `take_step`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from liaison.core.events import Payload, Upgrade, declare
from liaison.pathway.codes import LEGACY_REFERRAL_SOURCE
from liaison.pathway.stages import Step


class Identified(Payload):
    """A person is identified to L&D: the episode opens."""

    point_of_contact: str = Field(description="PointOfContact code: where L&D met the person")
    referral_source: str = Field(description="NHS Data Dictionary Source of Referral for Mental Health code")
    alerted_by: str = Field(description="Who alerted L&D, in words")
    alerted_by_code: str = Field("", description="A local 'alerted by' code, when one was chosen")
    concerns: list[str] = Field(default_factory=list, description="Vulnerability codes raised at identification")
    concerns_note: str = ""
    age_band: str = Field(description="The person's age band on the local date of identification")


class IdentifiedV1(Payload):
    point_of_contact: str
    referral_source: str
    alerted_by: str
    concerns: list[str] = Field(default_factory=list)
    concerns_note: str = ""
    age_band: str


# Version 1 stored two referral-source codes under the wrong meaning: D1 was written for an
# education service (now C2) and Q1 for a temporary transfer (now I1).
_V1_SOURCES = LEGACY_REFERRAL_SOURCE


def _sources_v2(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "referral_source": _V1_SOURCES.get(data["referral_source"], data["referral_source"])}


class Reentered(Payload):
    """A new alert for a person with an episode in this scheme (joining, or re-entry at court)."""

    point_of_contact: str
    referral_source: str
    alerted_by: str
    alerted_by_code: str = ""
    concerns: list[str] = Field(default_factory=list)
    note: str = ""


class ReenteredV1(Payload):
    point_of_contact: str
    referral_source: str
    alerted_by: str
    concerns: list[str] = Field(default_factory=list)
    note: str = ""


class Closed(Payload):
    """The episode closes with its justice and L&D outcomes."""

    justice_outcome: str
    sentence_type: str = ""
    ld_outcome: str
    note: str = ""


class Reopened(Payload):
    reason: str


class Noted(Payload):
    text: str


class Voided(Payload):
    """A clinical entry struck out with a reason; the voided event is named by `voids`."""

    reason: str
    voided_kind: str


IDENTIFY = declare(
    "episode:identify",
    Identified,
    label="Identified",
    version=2,
    older={1: Upgrade(IdentifiedV1, _sources_v2)},
)
REENTER = declare(
    "episode:reenter",
    Reentered,
    label="Re-entered",
    step=Step.REENTER,
    version=2,
    older={1: Upgrade(ReenteredV1, _sources_v2)},
)
CLOSE = declare("episode:close", Closed, label="Closed", step=Step.CLOSE)
REOPEN = declare("episode:reopen", Reopened, label="Reopened", step=Step.REOPEN)
NOTE = declare("episode:note", Noted, label="Note", step=Step.NOTE, voidable=True)
VOID = declare("entry:void", Voided, label="Entry voided", step=Step.VOID)
