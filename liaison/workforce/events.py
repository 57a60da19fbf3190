"""The workforce stream's tags: staff records added, changed (with a reason) and ended on
leaving; training recorded; a scheme's planning assumptions changed (with a reason).

Staff names are not in the payloads: the record holds them, and the events say what happened to
which record, so that the history can be read without copying names around.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from liaison.core.events import Payload, declare


class StaffAdded(Payload):
    role: str = Field(description="The role profile's code")
    level: int
    framework_version: int
    fte: str = Field(description="Contracted whole-time equivalent, e.g. 0.80")
    team: str = Field(description="core or extended")
    lived_experience: bool
    registration_body: str = ""
    started_on: date
    linked_user_id: int | None = None


class StaffChanged(Payload):
    """Fields changed: field -> [old, new] (registration numbers shown as changed, not copied)."""

    changes: dict[str, list[str | None]]
    reason: str


class StaffLeft(Payload):
    ended_on: date
    reason: str


class TrainingRecorded(Payload):
    staff_id: int
    competency: str = Field(description="The competency's code")
    completed_on: date
    expires_on: date | None = None


class TrainingWithdrawn(Payload):
    staff_id: int
    reason: str


class AssumptionsChanged(Payload):
    """A scheme's planning assumptions changed: key -> [old, new] (as text, e.g. "45.00")."""

    changes: dict[str, list[str]]
    reason: str


STAFF_ADD = declare("staff:add", StaffAdded, label="Staff record added", stream="workforce")
STAFF_CHANGE = declare("staff:change", StaffChanged, label="Staff record changed", stream="workforce")
STAFF_LEAVE = declare("staff:leave", StaffLeft, label="Staff member left", stream="workforce")
TRAINING_RECORD = declare("training:record", TrainingRecorded, label="Training recorded", stream="workforce")
TRAINING_WITHDRAW = declare(
    "training:withdraw", TrainingWithdrawn, label="Training record withdrawn", stream="workforce"
)
ASSUMPTIONS_CHANGE = declare(
    "plan:assumptions:change", AssumptionsChanged, label="Planning assumptions changed", stream="workforce"
)
