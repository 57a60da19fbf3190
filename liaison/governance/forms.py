"""The governance forms: a board, its members, meetings, decisions with their action, closing
an action, and the comparison's period. Checks of the domain (dates, who attended) are the
actions'; these only parse."""

from __future__ import annotations

from django import forms

from liaison.core.forms import NhsDateField, NhsForm, choice_field, text_field
from liaison.governance.actions import SubcontractorInput
from liaison.governance.models import ActionStatus, Agency, BoardMeeting, BoardMember


def _date(label: str, example: str, required: str | None) -> NhsDateField:
    return NhsDateField(
        label=label, help_text=f"For example, {example}", required=required is not None,
        error_messages={"required": required or ""},
    )  # fmt: skip


def _members(members: list[BoardMember]) -> list[tuple[str, str]]:
    return [(str(m.pk), f"{m.name}, {m.role_title} ({m.organisation})") for m in members]


class BoardForm(NhsForm):
    name = text_field("Name of the board", required="Enter the board's name", max_length=160,
                      help_text="For example, Lancashire L&D partnership board")  # fmt: skip
    established_on = _date("Date it was set up", "1 4 2015", "Enter the date it was set up")


class MemberForm(NhsForm):
    name = text_field("Name", required="Enter the member's name", max_length=160)
    role_title = text_field("Job", required="Enter the member's job", max_length=160,
                            help_text="For example, Custody inspector")  # fmt: skip
    agency = choice_field("Which agency are they from?", Agency.choices, "Choose the member's agency",
                          radios=False, empty="Choose an agency")  # fmt: skip
    organisation = text_field("Organisation", required="Enter the member's organisation", max_length=200,
                              help_text="For example, Lancashire Constabulary")  # fmt: skip
    joined_on = _date("Date they joined", "1 4 2024", "Enter the date they joined")


class MeetingForm(NhsForm):
    held_on = _date("Date of the meeting", "12 5 2026", "Enter the date of the meeting")
    attendees = forms.MultipleChoiceField(
        label="Who attended?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the members who attended", "invalid_choice": "Choose from the list"},
    )
    minutes = text_field("Summary of the minutes", required="Enter a summary of the minutes", rows=5,
                         max_length=4_000)  # fmt: skip

    def __init__(self, *args: object, members: list[BoardMember], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["attendees"].choices = _members(members)  # type: ignore[attr-defined]

    def chosen(self) -> list[BoardMember]:
        return [self.members[pk] for pk in self.cleaned_data["attendees"]]


class DecisionForm(NhsForm):
    """A decision, and optionally the action that follows from it (an owner and a due date)."""

    decision = text_field("What was decided?", required="Enter what was decided", rows=3, max_length=1_000)
    action = text_field("What action follows? (optional)", rows=2, max_length=1_000)
    due_on = _date("When is the action due? (optional)", "30 6 2026", None)

    def __init__(self, *args: object, meetings: list[BoardMeeting], members: list[BoardMember],
                 **kwargs: object) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        self.members = {str(m.pk): m for m in members}
        self.fields["meeting"] = choice_field(
            "Which meeting decided it?", [(pk, f"{m.held_on:%-d %B %Y}") for pk, m in self.meetings.items()],
            "Choose the meeting", radios=False, empty="Choose a meeting",
        )  # fmt: skip
        self.fields["owner"] = choice_field(
            "Who owns the action? (optional)", _members(members), "Choose who owns the action",
            radios=False, optional=True, empty="Choose a member",
        )  # fmt: skip
        self.order_fields(["meeting", "decision", "action", "owner", "due_on"])

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if (data.get("action") or "").strip():
            if not data.get("owner"):
                self.add_error("owner", "Choose who owns the action")
            if not data.get("due_on") and "due_on" not in self.errors:
                self.add_error("due_on", "Enter when the action is due")
        elif data.get("owner") or data.get("due_on"):
            self.add_error("action", "Enter the action, or leave its owner and due date empty")
        return data

    def meeting(self) -> BoardMeeting:
        return self.meetings[self.cleaned_data["meeting"]]

    def owner(self) -> BoardMember:
        return self.members[self.cleaned_data["owner"]]


class CloseForm(NhsForm):
    status = choice_field(
        "Was it completed or withdrawn?",
        [(ActionStatus.COMPLETED, "Completed"), (ActionStatus.WITHDRAWN, "Withdrawn")],
        "Choose completed or withdrawn",
    )
    note = text_field("What was done, or why it was withdrawn", required="Enter what was done or why it was withdrawn",
                      max_length=300)  # fmt: skip
    closed_on = _date("Date", "30 6 2026", "Enter the date")


class PeriodForm(NhsForm):
    period = forms.CharField(
        label="Period",
        required=False,
        max_length=7,
        help_text="A quarter, such as 2025-Q1, or a financial year, such as 2024-25",
    )


class ArrangementForm(NhsForm):
    """A contract period of the scheme; subcontractors one a line, "organisation: what it provides"."""

    commissioner = text_field("Commissioning organisation", required="Enter the commissioning organisation",
                              max_length=200, help_text="For example, NHS England North West")  # fmt: skip
    lead_provider = text_field("Lead provider", required="Enter the lead provider", max_length=200,
                               help_text="For example, Lancashire Care NHS Foundation Trust")  # fmt: skip
    model = choice_field("Model of provision", [], "Choose the model of provision")
    contract_start = _date("Date the contract starts", "1 4 2024", "Enter the date the contract starts")
    contract_end = _date("Date the contract ends (optional)", "31 3 2027", None)
    subcontractors = text_field(
        "Subcontractors (optional)", rows=4, max_length=2000,
        help_text="One a line: the organisation, a colon, then what it provides. For example, "
        "Together for Mental Wellbeing: support workers",
    )  # fmt: skip

    def __init__(self, *args: object, models: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["model"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = models

    def clean_subcontractors(self) -> list[SubcontractorInput]:
        found = []
        for n, line in enumerate(str(self.cleaned_data.get("subcontractors") or "").splitlines(), start=1):
            if not line.strip():
                continue
            organisation, colon, provides = line.partition(":")
            if not colon or not organisation.strip() or not provides.strip():
                raise forms.ValidationError(
                    f"Line {n}: give the organisation, a colon, then what it provides", code="subcontractor"
                )
            found.append(SubcontractorInput(organisation.strip()[:200], provides.strip()[:200]))
        return found
