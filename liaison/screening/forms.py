"""Screening's forms: the screening step, deciding suggested findings, recording a safety plan.
They parse input only; the actions decide what is allowed and their errors come back through
`add_domain_errors`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from liaison.core.forms import YES_NO, NhsDateField, NhsForm, NhsTimeField, choice_field, combine, text_field
from liaison.core.vocabulary import FindingStatus, Urgency, Vulnerability
from liaison.pathway.forms import StepForm
from liaison.screening.actions import DecisionInput, FindingInput, Informed, InformedRole
from liaison.screening.models import Decision, Finding, FindingSource

_CHOICES = [
    # Named by what they do: accepting keeps the suggested status (often "suspected"), which
    # "Confirm" read as making it "confirmed".
    (Decision.CONFIRMED.value, "Accept the suggestion"),
    (Decision.CHANGED.value, "Change the status"),
    (Decision.REJECTED.value, "Reject the suggestion"),
]


@dataclass(frozen=True)
class SuggestionFields:
    finding: Finding
    decision: forms.BoundField
    status: forms.BoundField
    note: forms.BoundField


class DecideForm(NhsForm):
    """One fieldset per pending suggestion; a suggestion left without a choice waits for later."""

    def __init__(self, *args: Any, findings: Sequence[Finding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.findings = list(findings)
        for f in self.findings:
            name = f.domain_label.lower()
            self.fields[f"decision_{f.pk}"] = forms.ChoiceField(
                label=f.domain_label,
                required=False,
                choices=_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": f"Select confirm, change or reject for {name}"},
            )
            self.fields[f"status_{f.pk}"] = forms.ChoiceField(
                label="New status",
                required=False,
                choices=[("", "Select a status"), *FindingStatus.choices],
                error_messages={"invalid_choice": f"Select the status {name} should have"},
            )
            self.fields[f"note_{f.pk}"] = forms.CharField(label="Reason", required=False, max_length=4000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(f"decision_{f.pk}") for f in self.findings):
            raise ValidationError("Choose confirm, change or reject for at least one suggested finding")
        return data

    def suggestions(self) -> list[SuggestionFields]:
        return [
            SuggestionFields(f, self[f"decision_{f.pk}"], self[f"status_{f.pk}"], self[f"note_{f.pk}"])
            for f in self.findings
        ]

    def decisions(self) -> list[DecisionInput]:
        d = self.cleaned_data
        return [
            DecisionInput(
                finding=f,
                decision=d[f"decision_{f.pk}"],
                status=d.get(f"status_{f.pk}") or None,
                note=d.get(f"note_{f.pk}", ""),
            )
            for f in self.findings
            if d.get(f"decision_{f.pk}")
        ]

    def add_domain_errors(self, errors: dict[str, str], message: str = "") -> None:
        # The action keys errors "<finding id>.<field>"; the fields here are "<field>_<finding id>".
        mapped = {}
        for key, text in errors.items():
            pk, _, field = key.partition(".")
            mapped[f"{field}_{pk}" if field else key] = text
        super().add_domain_errors(mapped, message)


class SafetyPlanForm(NhsForm):
    plan = forms.CharField(
        label="Safety plan",
        help_text=(
            "What you and custody staff will do to keep the person safe, in your own words: for "
            "example observation level, items removed, who checks on them and when, what to do if things change."
        ),
        widget=forms.Textarea,
        max_length=10_000,
        error_messages={"required": "Enter the safety plan"},
    )
    informed = forms.MultipleChoiceField(
        label="Who did you tell?",
        choices=InformedRole.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select who you told about the plan", "invalid_choice": "Select from the list"},
    )
    name_custody_sergeant = forms.CharField(
        label="Name of the custody sergeant (optional)", required=False, max_length=160
    )
    name_detention_officer = forms.CharField(
        label="Name of the detention officer (optional)", required=False, max_length=160
    )
    name_healthcare_professional = forms.CharField(
        label="Name of the healthcare professional (optional)", required=False, max_length=160
    )
    informed_other = forms.CharField(
        label="Who else did you tell?", help_text="Their name and role", required=False, max_length=160
    )
    # Blank means now, as on every other form.
    informed_on = NhsDateField(
        label="Date you told them",
        required=False,
        help_text="For example, 17 5 2025. Leave the date and time blank if you told them just now.",
    )
    informed_time = NhsTimeField(
        label="Time you told them", required=False, help_text="Use the 24-hour clock, for example 14:30"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "informed_on" in self.errors or "informed_time" in self.errors:
            return data
        day, at = data.get("informed_on"), data.get("informed_time")
        try:
            data["informed_at"] = combine(day, at)
        except ValidationError as e:
            self.add_error("informed_time" if day else "informed_on", e)
        return data

    def informed_people(self) -> list[Informed]:
        d = self.cleaned_data
        out = []
        for role in d.get("informed", []):
            name = d.get("informed_other" if role == InformedRole.OTHER else f"name_{role}", "")
            out.append(Informed(role=role, name=name))
        return out

    def add_domain_errors(self, errors: dict[str, str], message: str = "") -> None:
        super().add_domain_errors({"informed_on" if k == "informed_at" else k: v for k, v in errors.items()}, message)


@dataclass(frozen=True)
class DomainFields:
    """The three inputs for one vulnerability domain, grouped for the template."""

    domain: Vulnerability
    raised: bool
    known: Finding | None  # already recorded (an instrument's decided suggestion, an earlier screen)
    status: forms.BoundField
    source: forms.BoundField
    note: forms.BoundField

    @property
    def detailed(self) -> bool:
        """Open the source and note when they hold something other than the defaults."""
        return bool(self.note.value()) or self.source.value() not in (None, "", FindingSource.SCREENING)


class ScreenForm(StepForm):
    """One fieldset per vulnerability domain; only domains given a status become findings."""

    # "How soon L&D acts" (screening) and "Referral priority" (referral) are different questions
    # with different answers, so they have different names (issue 12).
    urgency = choice_field("How soon L&D acts", Urgency.choices, "Select how soon L&D needs to act")
    needs_assessment = choice_field(
        "Does the person need an assessment?", YES_NO, "Select whether a fuller assessment is needed"
    )
    note = text_field("Screening note (optional)", rows=4)

    def __init__(
        self, *args: Any, concerns: Sequence[str] = (), known: Mapping[str, Finding] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.known = dict(known or {})
        # Domains raised at identification come first: they are the ones most likely to be screened.
        self.concerns = [c for c in concerns if c in Vulnerability.values]
        self.domains = [Vulnerability(c) for c in self.concerns] + [
            v for v in Vulnerability if v.value not in self.concerns
        ]
        for d in self.domains:
            name = d.label.lower()
            self.fields[f"status_{d.value}"] = forms.ChoiceField(
                label=d.label,
                required=False,
                initial="",
                choices=[("", "Not recorded"), *FindingStatus.choices],
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": f"Select a status for {name}"},
            )
            self.fields[f"source_{d.value}"] = forms.ChoiceField(
                label="Source",
                required=False,
                initial=FindingSource.SCREENING,
                choices=FindingSource.choices,
                error_messages={"invalid_choice": f"Select a source for {name}"},
            )
            self.fields[f"note_{d.value}"] = forms.CharField(label="Note", required=False, max_length=1000)
        # Page order, so the error summary lists problems in the order the page shows them.
        self.order_fields(
            [f"{part}_{d.value}" for d in self.domains for part in ("status", "source", "note")]
            + ["urgency", "needs_assessment", "note", "occurred_on", "occurred_time"]
        )
        self.error_fields = {
            **StepForm.error_fields,
            **{f"findings.{d.value}": f"status_{d.value}" for d in self.domains},
        }

    def domain_fields(self) -> list[DomainFields]:
        return [
            DomainFields(
                domain=d,
                raised=d.value in self.concerns,
                known=self.known.get(d.value),
                status=self[f"status_{d.value}"],
                source=self[f"source_{d.value}"],
                note=self[f"note_{d.value}"],
            )
            for d in self.domains
        ]

    def findings(self) -> list[FindingInput]:
        data = self.cleaned_data
        return [
            FindingInput(
                domain=d.value,
                status=data[f"status_{d.value}"],
                source=data.get(f"source_{d.value}") or FindingSource.SCREENING,
                note=data.get(f"note_{d.value}", ""),
            )
            for d in self.domains
            if data.get(f"status_{d.value}")
        ]
