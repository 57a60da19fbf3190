"""The feedback stream's tags: what schemes did after feedback, and lived-experience
involvement (groups, their meetings, the decisions they informed)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from liaison.core.events import Payload, declare


class ActionRecorded(Payload):
    you_said: str
    we_did: str
    done_on: date


class ActionWithdrawn(Payload):
    reason: str


class GroupAdded(Payload):
    name: str
    kind: str = Field(description="panel, forum or co_design")
    started_on: date


class MeetingRecorded(Payload):
    group_id: int
    held_on: date
    attended: int = Field(ge=0)
    with_lived_experience: int = Field(ge=0)


class DecisionRecorded(Payload):
    meeting_id: int
    area: str
    decision: str
    decided_by: str
    decided_on: date


ACTION_RECORD = declare("feedback:action:record", ActionRecorded, label="You said, we did recorded", stream="feedback")
ACTION_WITHDRAW = declare(
    "feedback:action:withdraw", ActionWithdrawn, label="You said, we did withdrawn", stream="feedback"
)
GROUP_ADD = declare("involvement:group:add", GroupAdded, label="Involvement group added", stream="feedback")
MEETING_RECORD = declare(
    "involvement:meeting:record", MeetingRecorded, label="Involvement meeting recorded", stream="feedback"
)
DECISION_RECORD = declare(
    "involvement:decision:record", DecisionRecorded, label="Decision informed by lived experience", stream="feedback"
)
