"""The governance stream's tags: partnership boards, their meetings, decisions and actions, and
how schemes are commissioned. Nothing here is about a person the service sees."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from liaison.core.events import EventType, Payload, declare


class BoardEstablished(Payload):
    name: str
    established_on: date


class MemberAdded(Payload):
    board_id: int
    name: str
    agency: str
    organisation: str
    joined_on: date


class MeetingRecorded(Payload):
    board_id: int
    held_on: date
    attendee_ids: list[int]


class DecisionRecorded(Payload):
    meeting_id: int
    decision: str


class ActionRecorded(Payload):
    meeting_id: int
    decision_id: int | None = None
    action: str
    owner_id: int
    due_on: date


class ActionClosed(Payload):
    status: str = Field(description="completed or withdrawn")
    closed_on: date
    note: str


class ArrangementRecorded(Payload):
    commissioner: str
    lead_provider: str
    model: str
    contract_start: date
    contract_end: date | None = None
    subcontractors: list[str] = Field(default_factory=list)


def _tag(tag: str, payload: type[Payload], label: str) -> EventType:
    return declare(tag, payload, label=label, stream="governance")


BOARD_ESTABLISH = _tag("governance:board:establish", BoardEstablished, "Partnership board established")
MEMBER_ADD = _tag("governance:member:add", MemberAdded, "Board member added")
MEETING_RECORD = _tag("governance:meeting:record", MeetingRecorded, "Board meeting recorded")
DECISION_RECORD = _tag("governance:decision:record", DecisionRecorded, "Board decision recorded")
ACTION_RECORD = _tag("governance:action:record", ActionRecorded, "Board action recorded")
ACTION_CLOSE = _tag("governance:action:close", ActionClosed, "Board action completed or withdrawn")
ARRANGEMENT_RECORD = _tag("governance:arrangement:record", ArrangementRecorded, "Commissioning arrangement recorded")
