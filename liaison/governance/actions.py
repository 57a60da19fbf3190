"""Every write of governance and commissioning, each with its event in one transaction.

Keyword-only and typed; bad input raises `Invalid` with a message per field and writes
nothing; who may write is checked here through `selectors.governance_scope`, so a page, the
API and the demo cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.core.events import EventType
from liaison.governance.events import (
    ACTION_CLOSE,
    ACTION_RECORD,
    ARRANGEMENT_RECORD,
    BOARD_ESTABLISH,
    DECISION_RECORD,
    MEETING_RECORD,
    MEMBER_ADD,
)
from liaison.governance.models import (
    ActionStatus,
    Agency,
    Arrangement,
    Board,
    BoardAction,
    BoardDecision,
    BoardMeeting,
    BoardMember,
    GovernanceEvent,
    Subcontractor,
)
from liaison.governance.provision import provision_models
from liaison.governance.selectors import governance_scope
from liaison.organisations.models import Scheme


def _write(tag: EventType, *, subject: str, subject_id: int, scheme_id: int, by: User, data: dict[str, Any],
           at: datetime | None) -> None:  # fmt: skip
    now = at or clock.now()
    GovernanceEvent.objects.create(
        kind=tag.tag, occurred_at=now, recorded_at=now, actor=by, subject=subject, subject_id=subject_id,
        scheme_id=scheme_id, data=data,
    )  # fmt: skip


def _refuse_if(problems: dict[str, str]) -> None:
    """Raise for every field with a message (an empty message is no problem)."""
    errors = {name: message for name, message in problems.items() if message}
    if errors:
        raise Invalid("Check the details", errors=errors)


def _not_future(day: date, label: str) -> str:
    return f"{label} must be today or in the past" if day > clock.today() else ""


def _check_board(by: User, scheme_id: int) -> None:
    scope = governance_scope(by)
    if scope.records_board(scheme_id):
        return
    if scope.sees(scheme_id):
        raise PermissionDenied("Only the scheme's team leads and managers record its board")
    raise NotFound("No such scheme.")


@transaction.atomic
def board_establish(*, scheme: Scheme, name: str, established_on: date, by: User, at: datetime | None = None) -> Board:
    _check_board(by, scheme.pk)
    _refuse_if(
        {
            "name": "" if name.strip() else "Enter the board's name",
            "established_on": _not_future(established_on, "Date established"),
        }
    )
    if Board.objects.filter(scheme=scheme).exists():
        raise Invalid("The scheme already has a partnership board", errors={"name": "The scheme already has a board"})
    board = Board.objects.create(scheme=scheme, name=name.strip(), established_on=established_on)
    data = {"name": board.name, "established_on": established_on}
    _write(BOARD_ESTABLISH, subject="board", subject_id=board.pk, scheme_id=scheme.pk, by=by, data=data, at=at)
    return board


@transaction.atomic
def member_add(
    *,
    board: Board,
    name: str,
    role_title: str,
    agency: str,
    organisation: str,
    joined_on: date,
    by: User,
    at: datetime | None = None,
) -> BoardMember:
    """A member of a partner agency's staff joins the board."""
    _check_board(by, board.scheme_id)
    _refuse_if(
        {
            "name": "" if name.strip() else "Enter the member's name",
            "role_title": "" if role_title.strip() else "Enter the member's job",
            "agency": "" if agency in Agency.values else "Choose the member's agency",
            "organisation": "" if organisation.strip() else "Enter the member's organisation",
            "joined_on": _not_future(joined_on, "Date joined"),
        }
    )
    member = BoardMember.objects.create(
        board=board,
        name=name.strip(),
        role_title=role_title.strip(),
        agency=agency,
        organisation=organisation.strip(),
        joined_on=joined_on,
    )
    data = {"board_id": board.pk, "name": member.name, "agency": agency, "organisation": member.organisation,
            "joined_on": joined_on}  # fmt: skip
    _write(MEMBER_ADD, subject="member", subject_id=member.pk, scheme_id=board.scheme_id, by=by, data=data, at=at)
    return member


@transaction.atomic
def meeting_record(
    *,
    board: Board,
    held_on: date,
    attendees: list[BoardMember],
    minutes: str,
    by: User,
    at: datetime | None = None,
) -> BoardMeeting:
    """A meeting of the board: the members who attended (on the board that day) and a summary."""
    _check_board(by, board.scheme_id)
    strangers = [
        m for m in attendees if m.board_id != board.pk or m.joined_on > held_on or (m.left_on and m.left_on < held_on)
    ]
    _refuse_if(
        {
            "held_on": _not_future(held_on, "Date of the meeting"),
            "attendees": "Choose the members who attended"
            if not attendees
            else ("Only members of the board on that day can attend" if strangers else ""),
            "minutes": "" if minutes.strip() else "Enter a summary of the minutes",
        }
    )
    meeting = BoardMeeting.objects.create(
        board=board, held_on=held_on, minutes=minutes.strip(), recorded_by=by, recorded_at=at or clock.now()
    )
    meeting.attendees.set(attendees)
    data = {"board_id": board.pk, "held_on": held_on, "attendee_ids": sorted(m.pk for m in attendees)}
    _write(MEETING_RECORD, subject="meeting", subject_id=meeting.pk, scheme_id=board.scheme_id, by=by, data=data,
           at=at)  # fmt: skip
    return meeting


@dataclass(frozen=True)
class ActionInput:
    """An action the board gave a member, with the date it is due."""

    action: str
    owner: BoardMember
    due_on: date


@transaction.atomic
def decision_record(
    *,
    meeting: BoardMeeting,
    decision: str,
    actions: list[ActionInput] | None = None,
    by: User,
    at: datetime | None = None,
) -> BoardDecision:
    """A decision of a meeting, with the actions that follow from it."""
    _check_board(by, meeting.board.scheme_id)
    _refuse_if({"decision": "" if decision.strip() else "Enter what was decided"})
    now = at or clock.now()
    made = BoardDecision.objects.create(meeting=meeting, decision=decision.strip(), recorded_by=by, recorded_at=now)
    data = {"meeting_id": meeting.pk, "decision": made.decision}
    _write(DECISION_RECORD, subject="decision", subject_id=made.pk, scheme_id=meeting.board.scheme_id, by=by,
           data=data, at=at)  # fmt: skip
    for given in actions or []:
        action_record(meeting=meeting, decision=made, given=given, by=by, at=at)
    return made


@transaction.atomic
def action_record(
    *,
    meeting: BoardMeeting,
    given: ActionInput,
    decision: BoardDecision | None = None,
    by: User,
    at: datetime | None = None,
) -> BoardAction:
    """An action of a meeting (of one of its decisions, or on its own), owned by a member."""
    _check_board(by, meeting.board.scheme_id)
    _refuse_if(
        {
            "action": "" if given.action.strip() else "Enter the action",
            "owner": "" if given.owner.board_id == meeting.board_id else "Choose a member of this board",
            "due_on": "" if given.due_on >= meeting.held_on else "The due date cannot be before the meeting",
            "decision": ""
            if decision is None or decision.meeting_id == meeting.pk
            else "Not a decision of this meeting",
        }
    )
    row = BoardAction.objects.create(
        meeting=meeting,
        decision=decision,
        action=given.action.strip(),
        owner=given.owner,
        due_on=given.due_on,
        recorded_by=by,
        recorded_at=at or clock.now(),
    )
    data = {"meeting_id": meeting.pk, "decision_id": decision.pk if decision else None, "action": row.action,
            "owner_id": given.owner.pk, "due_on": given.due_on}  # fmt: skip
    _write(ACTION_RECORD, subject="action", subject_id=row.pk, scheme_id=meeting.board.scheme_id, by=by, data=data,
           at=at)  # fmt: skip
    return row


@transaction.atomic
def action_close(
    *, action: BoardAction, status: str, note: str, closed_on: date, by: User, at: datetime | None = None
) -> BoardAction:
    """Complete an action (saying what was done) or withdraw it (saying why). Either way it stays."""
    row = BoardAction.objects.select_for_update().select_related("meeting__board").get(pk=action.pk)
    _check_board(by, row.meeting.board.scheme_id)
    if row.status != ActionStatus.OPEN:
        raise Invalid(
            f"This action was already {row.get_status_display().lower()}",
            errors={"status": f"This action was already {row.get_status_display().lower()}"},
        )
    _refuse_if(
        {
            "status": ""
            if status in (ActionStatus.COMPLETED, ActionStatus.WITHDRAWN)
            else "Choose completed or withdrawn",
            "note": ""
            if note.strip()
            else ("Enter why it is withdrawn" if status == ActionStatus.WITHDRAWN else "Enter what was done"),
            "closed_on": _not_future(closed_on, "Date")
            or ("The date cannot be before the meeting" if closed_on < row.meeting.held_on else ""),
        }
    )
    row.status, row.closed_on, row.closed_note = status, closed_on, note.strip()
    row.save(update_fields=["status", "closed_on", "closed_note"])
    data = {"status": status, "closed_on": closed_on, "note": row.closed_note}
    _write(ACTION_CLOSE, subject="action", subject_id=row.pk, scheme_id=row.meeting.board.scheme_id, by=by,
           data=data, at=at)  # fmt: skip
    return row


@dataclass(frozen=True)
class SubcontractorInput:
    organisation: str
    provides: str


@transaction.atomic
def arrangement_record(
    *,
    scheme: Scheme,
    commissioner: str,
    lead_provider: str,
    model: str,
    contract_start: date,
    contract_end: date | None,
    subcontractors: list[SubcontractorInput] | None = None,
    by: User,
    at: datetime | None = None,
) -> Arrangement:
    """A contract period of the scheme: commissioner, lead provider, subcontractors and model.
    Contract periods of one scheme do not overlap."""
    scope = governance_scope(by)
    if not scope.records_commissioning(scheme.pk):
        if scope.sees(scheme.pk):
            raise PermissionDenied("Only the scheme's commissioners record how it is commissioned")
        raise NotFound("No such scheme.")
    subs = subcontractors or []
    end = contract_end or date.max
    overlapping = Arrangement.objects.select_for_update().filter(scheme=scheme, contract_start__lte=end)
    clash = any(a.contract_end is None or a.contract_end >= contract_start for a in overlapping)
    _refuse_if(
        {
            "commissioner": "" if commissioner.strip() else "Enter the commissioning organisation",
            "lead_provider": "" if lead_provider.strip() else "Enter the lead provider",
            "model": "" if model in provision_models() else "Choose the model of provision",
            "contract_end": "The contract cannot end before it starts"
            if contract_end and contract_end < contract_start
            else ("The contract overlaps another of the scheme's contracts" if clash else ""),
            "subcontractors": ""
            if all(s.organisation.strip() and s.provides.strip() for s in subs)
            else "Give each subcontractor's organisation and what it provides",
        }
    )
    arrangement = Arrangement.objects.create(
        scheme=scheme,
        commissioner=commissioner.strip(),
        lead_provider=lead_provider.strip(),
        model=model,
        contract_start=contract_start,
        contract_end=contract_end,
        recorded_by=by,
        recorded_at=at or clock.now(),
    )
    for s in subs:
        Subcontractor.objects.create(arrangement=arrangement, organisation=s.organisation.strip(),
                                     provides=s.provides.strip())  # fmt: skip
    data = {
        "commissioner": arrangement.commissioner,
        "lead_provider": arrangement.lead_provider,
        "model": model,
        "contract_start": contract_start,
        "contract_end": contract_end,
        "subcontractors": [s.organisation.strip() for s in subs],
    }
    _write(ARRANGEMENT_RECORD, subject="arrangement", subject_id=arrangement.pk, scheme_id=scheme.pk, by=by,
           data=data, at=at)  # fmt: skip
    return arrangement
