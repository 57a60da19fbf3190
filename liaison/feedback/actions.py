"""Every write of feedback: a person's answers (anonymous, no actor), and what staff record about
it and about lived-experience involvement, each with its event in one transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.core.events import EventType
from liaison.feedback.events import ACTION_RECORD, ACTION_WITHDRAW, DECISION_RECORD, GROUP_ADD, MEETING_RECORD
from liaison.feedback.models import (
    Action,
    Decision,
    DecisionArea,
    FeedbackEvent,
    FeedbackResponse,
    GroupKind,
    InvolvementGroup,
    Meeting,
)
from liaison.feedback.selectors import may_record
from liaison.feedback.vocabulary import EASY_READ, Agree, Format, HelpedBy, Language, Overall
from liaison.organisations.models import Scheme, Site


@transaction.atomic
def feedback_give(
    *,
    scheme: Scheme,
    site: Site | None,
    overall: str,
    answers: dict[str, str] | None = None,
    what_was_good: str = "",
    what_could_be_better: str = "",
    helped_by: str = "",
    format: str = Format.ON_SCREEN,
    language: str = Language.ENGLISH,
    language_other: str = "",
    on: date | None = None,
) -> FeedbackResponse:
    """Store one person's feedback. Only the day is kept, never the time (see models)."""
    answers = answers or {}
    errors: dict[str, str] = {}
    if overall not in Overall.values:
        errors["overall"] = "Choose how your experience was overall"
    for name, value in answers.items():
        if name not in EASY_READ or (value and value not in Agree.values):
            errors[name] = "Choose one of the answers"
    if helped_by and helped_by not in HelpedBy.values:
        errors["helped_by"] = "Choose who helped you"
    if format not in Format.values:
        errors["format"] = "Choose how you filled this in"
    if language not in Language.values:
        errors["language"] = "Choose a language"
    if language == Language.OTHER and not language_other.strip():
        errors["language_other"] = "Tell us the language"
    if site is not None and site.scheme_id != scheme.pk:
        errors["site"] = "That place is not one of this service's"
    if errors:
        raise Invalid("Check the answers", errors=errors)
    return FeedbackResponse.objects.create(
        scheme=scheme,
        site=site,
        given_on=on or clock.today(),
        overall=overall,
        **{name: answers.get(name, "") for name in EASY_READ},
        what_was_good=what_was_good.strip(),
        what_could_be_better=what_could_be_better.strip(),
        helped_by=helped_by,
        format=format,
        language=language,
        language_other=language_other.strip() if language == Language.OTHER else "",
    )


def _write(
    tag: EventType,
    *,
    subject: str,
    subject_id: int,
    scheme_id: int | None,
    by: User,
    data: dict[str, Any],
    at: datetime | None,
) -> None:
    now = at or clock.now()
    FeedbackEvent.objects.create(
        kind=tag.tag,
        occurred_at=now,
        recorded_at=now,
        actor=by,
        subject=subject,
        subject_id=subject_id,
        scheme_id=scheme_id,
        data=data,
    )


def _check_oversees(by: User, scheme: Scheme | None) -> None:
    """A scheme's team lead or manager records for it; the national programme's groups are the
    commissioners'."""
    if may_record(by, None if scheme is None else scheme.pk):
        return
    if scheme is None:
        raise PermissionDenied("Only commissioners record the national programme's involvement")
    raise PermissionDenied("Only the scheme's team leads and managers record this")


def _required(values: dict[str, str]) -> None:
    errors = {name: message for name, message in values.items() if message}
    if errors:
        raise Invalid("Check the details", errors=errors)


@transaction.atomic
def action_record(
    *, scheme: Scheme, you_said: str, we_did: str, done_on: date, by: User, at: datetime | None = None
) -> Action:
    """`at` back-dates the record (the demo); otherwise it is now."""
    _check_oversees(by, scheme)
    _required(
        {
            "you_said": "" if you_said.strip() else "Enter what people said",
            "we_did": "" if we_did.strip() else "Enter what the service did",
            "done_on": "Date done must be today or in the past" if done_on > clock.today() else "",
        }
    )
    action = Action.objects.create(
        scheme=scheme,
        you_said=you_said.strip(),
        we_did=we_did.strip(),
        done_on=done_on,
        recorded_by=by,
        recorded_at=at or clock.now(),
    )
    data = {"you_said": action.you_said, "we_did": action.we_did, "done_on": done_on}
    _write(ACTION_RECORD, subject="action", subject_id=action.pk, scheme_id=scheme.pk, by=by, data=data, at=at)
    return action


@transaction.atomic
def action_withdraw(*, action_id: int, reason: str, by: User) -> Action:
    """Take a "you said, we did" off the pages (entered in error, or no longer true); it stays
    in the history with who withdrew it and why."""
    action = Action.objects.select_for_update().filter(pk=action_id).first()
    if action is None or not scope_for(by).oversees(action.scheme_id):
        raise NotFound("No such action")
    if action.withdrawn_at is not None:
        raise Invalid("This has already been withdrawn", errors={"reason": "This has already been withdrawn"})
    _required({"reason": "" if reason.strip() else "Enter why it is withdrawn"})
    action.withdrawn_at, action.withdrawn_reason = clock.now(), reason.strip()
    action.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    data = {"reason": action.withdrawn_reason}
    _write(
        ACTION_WITHDRAW, subject="action", subject_id=action.pk, scheme_id=action.scheme_id, by=by, data=data, at=None
    )
    return action


@transaction.atomic
def group_add(
    *,
    scheme: Scheme | None,
    name: str,
    kind: str,
    purpose: str = "",
    started_on: date,
    by: User,
    at: datetime | None = None,
) -> InvolvementGroup:
    _check_oversees(by, scheme)

    _required(
        {
            "name": "" if name.strip() else "Enter the group's name",
            "kind": "" if kind in GroupKind.values else "Choose what kind of group it is",
        }
    )
    group = InvolvementGroup.objects.create(
        scheme=scheme, name=name.strip(), kind=kind, purpose=purpose.strip(), started_on=started_on
    )
    data = {"name": group.name, "kind": kind, "started_on": started_on}
    _write(GROUP_ADD, subject="group", subject_id=group.pk, scheme_id=group.scheme_id, by=by, data=data, at=at)
    return group


@transaction.atomic
def meeting_record(
    *,
    group: InvolvementGroup,
    held_on: date,
    attended: int,
    with_lived_experience: int,
    summary: str,
    by: User,
    at: datetime | None = None,
) -> Meeting:
    _check_oversees(by, group.scheme)
    _required(
        {
            "held_on": "Date held must be today or in the past" if held_on > clock.today() else "",
            "with_lived_experience": (
                "People with lived experience cannot be more than everyone who took part"
                if with_lived_experience > attended
                else ""
            ),
            "summary": "" if summary.strip() else "Enter what the meeting discussed",
        }
    )
    meeting = Meeting.objects.create(
        group=group,
        held_on=held_on,
        attended=attended,
        with_lived_experience=with_lived_experience,
        summary=summary.strip(),
    )
    data = {
        "group_id": group.pk,
        "held_on": held_on,
        "attended": attended,
        "with_lived_experience": with_lived_experience,
    }
    _write(MEETING_RECORD, subject="meeting", subject_id=meeting.pk, scheme_id=group.scheme_id, by=by, data=data, at=at)
    return meeting


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    area: str,
    decision: str,
    decided_by: str,
    decided_on: date,
    influence: str,
    by: User,
    at: datetime | None = None,
) -> Decision:

    _check_oversees(by, meeting.group.scheme)
    _required(
        {
            "area": "" if area in DecisionArea.values else "Choose what the decision is about",
            "decision": "" if decision.strip() else "Enter what was decided",
            "decided_by": "" if decided_by.strip() else "Enter who decided",
            "influence": "" if influence.strip() else "Enter what the group said that shaped the decision",
            "decided_on": "" if decided_on >= meeting.held_on else "The decision cannot come before the meeting",
        }
    )
    made = Decision.objects.create(
        meeting=meeting,
        area=area,
        decision=decision.strip(),
        decided_by=decided_by.strip(),
        decided_on=decided_on,
        influence=influence.strip(),
    )
    data = {
        "meeting_id": meeting.pk,
        "area": area,
        "decision": made.decision,
        "decided_by": made.decided_by,
        "decided_on": decided_on,
    }
    scheme_id = meeting.group.scheme_id
    _write(DECISION_RECORD, subject="decision", subject_id=made.pk, scheme_id=scheme_id, by=by, data=data, at=at)
    return made
