"""Assessment forms: they parse input; the actions decide what a draft or a completion needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms

from liaison.assessment.actions import FIELDS, AssessmentContent
from liaison.assessment.models import Assessment, CourtConsideration, TreatmentRequirement
from liaison.core.forms import NhsForm, label_for_messages, text_field
from liaison.core.limits import DOCUMENT_LIMIT
from liaison.core.vocabulary import Vulnerability
from liaison.pathway.forms import StepForm


def _text(label: str, help_text: str = "", *, rows: bool = True, max_length: int = DOCUMENT_LIMIT) -> forms.CharField:
    """Optional free text, long by default: a draft may be saved part-written."""
    too_long = f"{label_for_messages(label)} must be {max_length:,} characters or fewer"
    return text_field(label, help_text=help_text, rows=4 if rows else 0, max_length=max_length, too_long=too_long)


@dataclass(frozen=True)
class NeedField:
    domain: Vulnerability
    found: bool
    field: forms.BoundField


class ContentFields(forms.Form):
    """The assessment itself, shared by the draft form and the amendment form."""

    history = _text(
        "History",
        "Relevant history in the person's own words where you can: health, care, trauma, previous "
        "contact with services and with the justice system.",
    )
    presentation = _text("Current presentation", "How the person is now: mental state, physical health, risks.")
    formulation = _text(
        "Formulation", "Your understanding of the person's needs and how they came about, in plain words."
    )
    onward_referral = _text(
        "Onward referral recommended (optional)",
        "For example, community mental health team, drug and alcohol service",
        rows=False,
        max_length=2_000,
    )
    court = forms.MultipleChoiceField(
        label="What should the court consider? (optional)",
        help_text="Select all that apply",
        required=False,
        choices=CourtConsideration.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select from the list"},
    )
    treatment_requirements = forms.MultipleChoiceField(
        label="Is the person suitable for a community sentence treatment requirement? (optional)",
        help_text="Select all that apply",
        required=False,
        choices=TreatmentRequirement.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select from the list"},
    )
    recommendations_note = _text("Other recommendations (optional)", max_length=2_000)

    def setup_needs(self, found: Sequence[str]) -> None:
        """A short text box per vulnerability domain; the domains found at screening come first."""
        self.found = [d for d in found if d in Vulnerability.values]
        self.domains = [Vulnerability(d) for d in self.found] + [v for v in Vulnerability if v.value not in self.found]
        for d in self.domains:
            self.fields[f"need_{d.value}"] = forms.CharField(
                label=d.label,
                required=False,
                max_length=2_000,
                error_messages={"max_length": "Needs must be 2,000 characters or fewer"},
            )

    def need_fields(self) -> list[NeedField]:
        return [NeedField(d, d.value in self.found, self[f"need_{d.value}"]) for d in self.domains]

    @property
    def found_needs(self) -> list[NeedField]:
        return [n for n in self.need_fields() if n.found]

    @property
    def other_needs(self) -> list[NeedField]:
        return [n for n in self.need_fields() if not n.found]

    @property
    def other_needs_given(self) -> bool:
        return any(n.field.value() or n.field.errors for n in self.other_needs)

    def content(self) -> AssessmentContent:
        d = self.cleaned_data
        return AssessmentContent(
            history=d["history"],
            presentation=d["presentation"],
            needs={v.value: d.get(f"need_{v.value}", "") for v in self.domains if d.get(f"need_{v.value}")},
            formulation=d["formulation"],
            onward_referral=d["onward_referral"],
            court=list(d["court"]),
            treatment_requirements=list(d["treatment_requirements"]),
            recommendations_note=d["recommendations_note"],
        )

    def add_domain_errors(self, errors: dict[str, str], message: str = "") -> None:
        # `needs.<domain>` is the action's key; the box here is `need_<domain>`.
        NhsForm.add_domain_errors(
            self,  # type: ignore[arg-type]
            {f"need_{k.split('.', 1)[1]}" if k.startswith("needs.") else k: v for k, v in errors.items()},
            message,
        )


def initial_from(a: Assessment) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(a, name) for name in FIELDS if name != "needs"}
    data.update({f"need_{d}": text for d, text in (a.needs or {}).items()})
    return data


class AssessmentForm(ContentFields, NhsForm):
    def __init__(self, *args: Any, found: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_needs(found)
        self.order_fields(
            ["history", "presentation", *(f"need_{d.value}" for d in self.domains), "formulation", "onward_referral"]
        )


class AmendForm(ContentFields, StepForm):
    reason = forms.CharField(
        label="Why are you amending the assessment?",
        max_length=2_000,
        widget=forms.Textarea,
        error_messages={"required": "Enter why you are amending the assessment"},
    )

    def __init__(self, *args: Any, found: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_needs(found)
        self.order_fields(
            [
                "reason",
                "history",
                "presentation",
                *(f"need_{d.value}" for d in self.domains),
                "formulation",
                "onward_referral",
            ]
        )

    def add_domain_errors(self, errors: dict[str, str], message: str = "") -> None:
        mapped = {self.error_fields.get(k, k): v for k, v in errors.items()}
        ContentFields.add_domain_errors(self, mapped, message)


class CompleteForm(StepForm):
    """Completion: when the assessment happened (blank for now)."""
