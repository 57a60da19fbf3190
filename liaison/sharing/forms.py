"""Forms for consent and sharing. They parse input only; the actions decide what is allowed and
their `Invalid.errors` come back onto these fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from liaison.accounts.models import User
from liaison.core.forms import YES_NO, NhsDateField, choice_field, text_field
from liaison.pathway.forms import StepForm
from liaison.screening.models import Finding
from liaison.sharing.actions import ConsentDetails, ShareDetails
from liaison.sharing.codes import (
    Agency,
    CapacityOutcome,
    Channel,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    LawfulBasis6,
    LawfulBasis9,
    OverrideKind,
    PsychiatricReport,
    Purpose,
    TreatmentRequirement,
)
from liaison.sharing.selectors import ReferralLine


def _radios(
    label: str, choices: Sequence[tuple[str, str]], message: str, *, required: bool = True, help_text: str = ""
) -> forms.ChoiceField:
    return choice_field(label, choices, message, optional=not required, help_text=help_text)


def _select(
    label: str, choices: Sequence[tuple[str, str]], message: str, empty: str, *, required: bool = True
) -> forms.ChoiceField:
    return choice_field(label, choices, message, radios=False, optional=not required, empty=empty)


class ConsentForm(StepForm):
    scope = _radios("What is the consent for?", ConsentScope.choices, "Select what the consent is for")
    agency = _select("Agency", Agency.choices, "Select the agency", "Select an agency", required=False)
    agency_name = text_field(
        "Name of the agency (optional)",
        help_text="For example, Liverpool and Knowsley Magistrates' Court. Needed when the agency is other.",
        max_length=160,
    )
    purpose = _select("Purpose of sharing", Purpose.choices, "Select the purpose", "Select a purpose", required=False)
    decision = _radios(
        "Did the person give consent?", ConsentDecision.choices, "Select whether consent was given or refused"
    )
    method = _radios("How?", ConsentMethod.choices, "Select how consent was given or refused")
    capacity_in_doubt = _radios(
        "Is the person's capacity to make this decision in doubt?",
        YES_NO,
        "Select whether capacity is in doubt",
    )
    capacity_judged_by = text_field("Who judged capacity?", help_text="Name and role", max_length=160)
    capacity_outcome = _radios(
        "Outcome of the capacity judgement", CapacityOutcome.choices, "Select the outcome", required=False
    )
    capacity_note = text_field("About the capacity judgement (optional)", rows=3)
    guardian_name = text_field("Parent or guardian involved", max_length=160)
    guardian_relationship = text_field(
        "Their relationship to the person",
        help_text="For example, mother, or local authority social worker",
        max_length=80,
    )
    note = text_field("Note (optional)", rows=3)

    def __init__(self, *args: Any, needs_guardian: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_guardian = needs_guardian
        if not needs_guardian:
            del self.fields["guardian_name"], self.fields["guardian_relationship"]
        self.error_fields = {**StepForm.error_fields}

    def details(self) -> ConsentDetails:
        """The consent as the action takes it."""
        d = self.cleaned_data
        return ConsentDetails(
            scope=d["scope"],
            agency=d["agency"],
            agency_name=d["agency_name"],
            purpose=d["purpose"],
            decision=d["decision"],
            method=d["method"],
            capacity_in_doubt=d["capacity_in_doubt"] == "yes",
            capacity_judged_by=d["capacity_judged_by"],
            capacity_outcome=d["capacity_outcome"],
            capacity_note=d["capacity_note"],
            guardian_name=d.get("guardian_name", ""),
            guardian_relationship=d.get("guardian_relationship", ""),
            note=d["note"],
        )


class WithdrawForm(StepForm):
    note = text_field(
        "How did the person withdraw consent? (optional)", rows=3, help_text="For example, told me by phone"
    )


def finding_label(f: Finding) -> str:
    text = f"{f.domain_label}: {f.get_status_display().lower()} ({f.source_label})"
    return f"{text}. {f.note}" if f.note else text


def referral_label(r: ReferralLine) -> str:
    text = f"{r.service}, referred {r.event.occurred_at:%d %b %Y}"
    return f"{text}. {r.status_label}" if r.status_label else text


class ShareForm(StepForm):
    agency = _select("Agency", Agency.choices, "Select the agency you shared with", "Select an agency")
    recipient_name = text_field(
        "Who did you share with?",
        required="Enter who you shared with, by name or office",
        help_text="For example, the legal adviser at the court, or the custody sergeant's name",
        max_length=160,
    )
    purpose = _select("Purpose", Purpose.choices, "Select the purpose of sharing", "Select a purpose")
    court_case_number = text_field(
        "Court case number (optional)",
        help_text="For a court, where you know it: it is printed on the report",
        max_length=40,
        too_long="Court case number must be 40 characters or fewer",
    )
    hearing_date = NhsDateField(
        label="Date of the hearing (optional)", required=False, help_text="For example, 17 5 2025"
    )
    findings = forms.TypedMultipleChoiceField(
        label="Findings to share",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only what you select is shared and appears in the report",
        error_messages={"invalid_choice": "Select findings from this episode"},
    )
    referrals = forms.TypedMultipleChoiceField(
        label="Referrals to share",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select referrals from this episode"},
    )
    summary = text_field("Summary of needs (optional)", rows=5)
    treatment_requirements = forms.MultipleChoiceField(
        label="Suitable for a treatment requirement (optional)",
        choices=TreatmentRequirement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select treatment requirements from the list"},
    )
    psychiatric_report = _radios(
        "Psychiatric report",
        PsychiatricReport.choices,
        "Select whether a psychiatric report is recommended",
    )
    recommendations = text_field("Other recommendations (optional)", rows=4)
    lawful_basis_6 = _select(
        "Lawful basis (UK GDPR Article 6)",
        LawfulBasis6.choices,
        "Select the lawful basis under UK GDPR Article 6",
        "Select the Article 6 basis",
    )
    lawful_basis_9 = _select(
        "Condition for health data (UK GDPR Article 9)",
        LawfulBasis9.choices,
        "Select the condition under UK GDPR Article 9",
        "Select the Article 9 condition",
    )
    channel = _radios("How was it shared?", Channel.choices, "Select how the information was shared")
    override_kind = _radios(
        "Why are you sharing without consent?",
        OverrideKind.choices,
        "Select why you are sharing without consent",
        required=False,
    )
    override_reason = text_field("Reason for sharing without consent", rows=3)
    override_approver = forms.TypedChoiceField(
        label="Approved by (team lead or scheme manager)",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select a team lead or scheme manager of this scheme"},
    )

    def __init__(
        self,
        *args: Any,
        findings: Sequence[Finding] = (),
        referrals: Sequence[ReferralLine] = (),
        seniors: Sequence[tuple[User, str]] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"psychiatric_report": PsychiatricReport.NOT_STATED})
        super().__init__(*args, **kwargs)
        self._set_choices("findings", [(f.pk, finding_label(f)) for f in findings])
        self._set_choices("referrals", [(r.event.pk, referral_label(r)) for r in referrals])
        self._set_choices(
            "override_approver", [("", "Select who approved"), *((u.pk, f"{u} ({role})") for u, role in seniors)]
        )
        self.approvers = {u.pk: u for u, _ in seniors}
        self.error_fields = {**StepForm.error_fields, "override_approved_by": "override_approver"}

    def _set_choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def details(self) -> ShareDetails:
        """The share as the action takes it."""
        d = self.cleaned_data
        return ShareDetails(
            agency=d["agency"],
            recipient_name=d["recipient_name"],
            purpose=d["purpose"],
            lawful_basis_6=d["lawful_basis_6"],
            lawful_basis_9=d["lawful_basis_9"],
            channel=d["channel"],
            finding_ids=d["findings"],
            referral_event_ids=d["referrals"],
            summary=d["summary"],
            treatment_requirements=d["treatment_requirements"],
            psychiatric_report=d["psychiatric_report"],
            recommendations=d["recommendations"],
            override_kind=d["override_kind"],
            override_reason=d["override_reason"],
            override_approver=self.approver(),
            court_case_number=d["court_case_number"],
            hearing_date=d["hearing_date"],
        )

    def approver(self) -> User | None:
        pk = self.cleaned_data.get("override_approver")
        return self.approvers.get(pk) if pk is not None else None
