"""The easy-read feedback form, the results' period, and staff's records of what they did."""

from __future__ import annotations

from datetime import date

from django import forms

from liaison.core.forms import NhsDateField, NhsForm, choice_field, number_field, text_field
from liaison.feedback.models import DecisionArea, GroupKind
from liaison.feedback.periods import first_day, period
from liaison.feedback.vocabulary import EASY_READ, FFT_QUESTION, Agree, Format, HelpedBy, Language, Overall
from liaison.organisations.models import Scheme


class ChooseServiceForm(NhsForm):
    def __init__(self, *args: object, schemes: list[Scheme], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheme"] = choice_field(
            "Which liaison and diversion service saw you?",
            [(s.code, s.name) for s in schemes],
            "Choose the service that saw you",
            radios=False,
            empty="Choose a service",
            help_text="If you are not sure, ask a member of staff. They can tell you the name.",
        )


class FeedbackForm(NhsForm):
    overall = choice_field(FFT_QUESTION, Overall.choices, "Choose how your experience was overall")
    listened = choice_field(EASY_READ["listened"], Agree.choices, "Choose one of the answers", optional=True)
    understood = choice_field(EASY_READ["understood"], Agree.choices, "Choose one of the answers", optional=True)
    safe_to_talk = choice_field(EASY_READ["safe_to_talk"], Agree.choices, "Choose one of the answers", optional=True)
    what_was_good = text_field(
        "What was good? (optional)", rows=3, max_length=1_000, help_text="Please do not write your name."
    )
    what_could_be_better = text_field(
        "What could we do better? (optional)", rows=3, max_length=1_000, help_text="Please do not write your name."
    )
    helped_by = choice_field("Who helped you fill this in? (optional)", HelpedBy.choices, "Choose who helped you",
                             optional=True)  # fmt: skip
    format = choice_field("How did you fill this in?", Format.choices, "Choose how you filled this in")
    language = choice_field("Which language did you use?", Language.choices, "Choose a language")
    language_other = text_field("If another language, which one? (optional)", max_length=60)

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in EASY_READ}


class PeriodForm(NhsForm):
    """A period of whole months, as the Friends and Family Test reports: from one month to another."""

    start = forms.CharField(label="From month", required=False, help_text="For example, 2026-01")
    end = forms.CharField(label="To month", required=False, help_text="For example, 2026-06")

    def clean_start(self) -> str:
        return self._month("start", "From month")

    def clean_end(self) -> str:
        return self._month("end", "To month")

    def _month(self, name: str, label: str) -> str:
        text = (self.cleaned_data.get(name) or "").strip()
        if text:
            try:
                first_day(text)
            except ValueError:
                raise forms.ValidationError(f"{label} must be a month like 2026-01") from None
        return text

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and str(start) > str(end):
            self.add_error("end", "To month must be the same as or after From month")
        return data

    def period(self, today: date) -> tuple[date, date]:
        """The months asked for (or the default), once the form is valid or left empty."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return period(data.get("start") or None, data.get("end") or None, today=today)


class ActionForm(NhsForm):
    you_said = text_field("You said", required="Enter what people said", rows=3, max_length=1_000)
    we_did = text_field("We did", required="Enter what the service did", rows=3, max_length=1_000)
    done_on = NhsDateField(label="Date done", help_text="For example, 15 3 2026",
                           error_messages={"required": "Enter the date it was done"})  # fmt: skip


class WithdrawActionForm(NhsForm):
    reason = text_field("Why is it withdrawn?", required="Enter why it is withdrawn", max_length=300)


class GroupForm(NhsForm):
    name = text_field("Name of the group", required="Enter the group's name", max_length=160)
    kind = choice_field("What kind of group is it?", GroupKind.choices, "Choose what kind of group it is")
    purpose = text_field("What is it for? (optional)", rows=3, max_length=1_000)
    started_on = NhsDateField(label="Date it started", help_text="For example, 1 4 2019",
                              error_messages={"required": "Enter the date it started"})  # fmt: skip


class MeetingForm(NhsForm):
    held_on = NhsDateField(label="Date of the meeting", help_text="For example, 12 5 2026",
                           error_messages={"required": "Enter the date of the meeting"})  # fmt: skip
    attended = number_field("Everyone who took part", required="Enter how many took part", high=500)
    with_lived_experience = number_field(
        "Of them, people with lived experience", required="Enter how many had lived experience", high=500
    )
    summary = text_field("What did the meeting discuss?", required="Enter what the meeting discussed", rows=4)


class DecisionForm(NhsForm):
    area = choice_field("What is the decision about?", DecisionArea.choices, "Choose what the decision is about")
    decision = text_field("What was decided?", required="Enter what was decided", rows=3, max_length=1_000)
    decided_by = text_field("Who decided?", required="Enter who decided", max_length=160,
                            help_text="For example, the scheme's partnership board")  # fmt: skip
    decided_on = NhsDateField(label="Date decided", help_text="For example, 20 5 2026",
                              error_messages={"required": "Enter the date it was decided"})  # fmt: skip
    influence = text_field(
        "What did the group say that shaped it?",
        required="Enter what the group said that shaped the decision",
        rows=3,
        max_length=1_000,
    )
