"""Forms for consent and sharing. They parse input only; the actions decide what is allowed and
their `Invalid.errors` come back onto these fields."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from liaison.accounts.models import User
from liaison.core.forms import YES_NO, NhsDateField, NhsTimeField, choice_field, combine, text_field
from liaison.pathway.forms import StepForm
from liaison.screening.models import Finding
from liaison.sharing.actions import ConsentDetails, ShareDetails
from liaison.sharing.codes import (
    DEFAULT_ARTICLE_6,
    DEFAULT_ARTICLE_9,
    Agency,
    CapacityOutcome,
    Channel,
    ChildRoute,
    ConfidentialityBasis,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    LawfulBasis6,
    LawfulBasis9,
    OverrideKind,
    PsychiatricReport,
    Purpose,
    Schedule1Condition,
    TreatmentRequirement,
    YouthRequirement,
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


def _yes_no(label: str, message: str) -> forms.ChoiceField:
    return choice_field(label, YES_NO, message, optional=True)


def _as_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _moment(form: forms.Form, day: str, at: str) -> datetime | None:
    """A date and time pair of fields as one moment (None when both are blank)."""
    d = form.cleaned_data
    if day in form.errors or at in form.errors:
        return None
    try:
        return combine(d.get(day), d.get(at))
    except ValidationError as e:
        form.add_error(at if d.get(day) else day, e)
        return None


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
        "What was decided?",
        ConsentDecision.choices,
        "Select whether consent was given or refused",
        help_text="Best interests and deferred decisions are for a person who cannot decide now",
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
    best_interests_reason = text_field(
        "Best interests: why, and who you consulted",
        rows=3,
        help_text="Only when the person lacks capacity, or it is temporarily impaired (Mental Capacity Act 2005, s.4)",
    )
    seek_consent_on = NhsDateField(
        label="When to ask the person for consent: date",
        required=False,
        help_text="Only when the decision is deferred. For example, 17 5 2025",
    )
    seek_consent_time = NhsTimeField(label="Time", required=False, help_text="Use the 24-hour clock, for example 14:30")
    child_route = _radios(
        "How does the child take part in this decision?",
        ChildRoute.choices,
        "Select whether the child is Gillick competent or a parent or guardian is involved",
        required=False,
    )
    child_route_reason = text_field(
        "Your reasons",
        rows=3,
        help_text="Why you judged the child Gillick competent, or why a parent or guardian is involved",
    )
    guardian_name = text_field("Parent or guardian involved", max_length=160, help_text="With a parent or guardian")
    guardian_relationship = text_field(
        "Their relationship to the person",
        help_text="For example, mother, or local authority social worker",
        max_length=80,
    )
    appropriate_adult_name = text_field("Appropriate adult", max_length=160, help_text="Their name")
    appropriate_adult_role = text_field(
        "Who the appropriate adult is to the person",
        help_text="For example, mother, or appropriate adult scheme volunteer",
        max_length=80,
    )
    note = text_field("Note (optional)", rows=3)

    def __init__(
        self, *args: Any, needs_guardian: bool = False, needs_appropriate_adult: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.needs_guardian = needs_guardian
        self.needs_appropriate_adult = needs_appropriate_adult
        if not needs_guardian:
            for name in ("child_route", "child_route_reason", "guardian_name", "guardian_relationship"):
                del self.fields[name]
        if not needs_appropriate_adult:
            del self.fields["appropriate_adult_name"], self.fields["appropriate_adult_role"]
        self.error_fields = {**StepForm.error_fields, "seek_consent_by": "seek_consent_on"}

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
            best_interests_reason=d["best_interests_reason"],
            seek_consent_by=d.get("seek_consent_by"),
            guardian_name=d.get("guardian_name", ""),
            guardian_relationship=d.get("guardian_relationship", ""),
            child_route=d.get("child_route", ""),
            child_route_reason=d.get("child_route_reason", ""),
            appropriate_adult_name=d.get("appropriate_adult_name", ""),
            appropriate_adult_role=d.get("appropriate_adult_role", ""),
            note=d["note"],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["seek_consent_by"] = _moment(self, "seek_consent_on", "seek_consent_time")
        return data


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
    agency_name = text_field(
        "Name of the agency",
        help_text="For example, Liverpool and Knowsley Magistrates' Court. Needed when the agency is other; "
        "consent given to a named agency covers that agency only.",
        max_length=160,
    )
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
    youth_requirements = forms.MultipleChoiceField(
        label="Suitable for a youth rehabilitation order requirement (optional)",
        choices=YouthRequirement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select youth rehabilitation order requirements from the list"},
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
    schedule1_condition = _select(
        "Data Protection Act 2018 Schedule 1 condition",
        Schedule1Condition.choices,
        "Select the Schedule 1 condition",
        "Only with Article 9(2)(g)",
        required=False,
    )
    confidentiality_basis = _radios(
        "Basis under the common-law duty of confidentiality",
        ConfidentialityBasis.choices,
        "Select the basis under the common-law duty of confidentiality",
        required=False,
        help_text="Separate from UK GDPR. Leave it unselected for the usual one: consent, "
        "or the one the override rests on",
    )
    channel = _radios("How was it shared?", Channel.choices, "Select how the information was shared")
    override_kind = _radios(
        "Why are you sharing without consent?",
        OverrideKind.offered(),
        "Select why you are sharing without consent",
        required=False,
    )
    override_statute = text_field(
        "The statute that requires sharing",
        help_text="Only for a statute. For example, Children Act 2004, section 11",
        max_length=160,
    )
    override_reason = text_field("Reason for sharing without consent", rows=3)
    override_approver = forms.TypedChoiceField(
        label="Approved by (team lead or scheme manager)",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select a team lead or scheme manager of this scheme"},
    )
    caldicott_consulted = _yes_no(
        "Was the Caldicott Guardian (or a deputy) consulted?", "Select whether the Caldicott Guardian was consulted"
    )
    caldicott_guardian = text_field("Caldicott Guardian consulted", help_text="Name and role", max_length=160)
    caldicott_on = NhsDateField(label="Date consulted", required=False, help_text="For example, 17 5 2025")
    caldicott_time = NhsTimeField(label="Time consulted", required=False, help_text="For example, 14:30")
    caldicott_not_consulted_reason = text_field("Why not?", rows=2)
    person_informed = _yes_no(
        "Has the person been told that their information is being shared?",
        "Select whether the person was told",
    )
    person_not_informed_reason = text_field(
        "Why not?", rows=2, help_text="For example, telling them would put someone at risk"
    )

    def __init__(
        self,
        *args: Any,
        findings: Sequence[Finding] = (),
        referrals: Sequence[ReferralLine] = (),
        seniors: Sequence[tuple[User, str]] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "psychiatric_report": PsychiatricReport.NOT_STATED,
                "lawful_basis_6": DEFAULT_ARTICLE_6,
                "lawful_basis_9": DEFAULT_ARTICLE_9,
            },
        )
        super().__init__(*args, **kwargs)
        self._set_choices("findings", [(f.pk, finding_label(f)) for f in findings])
        self._set_choices("referrals", [(r.event.pk, referral_label(r)) for r in referrals])
        self._set_choices(
            "override_approver", [("", "Select who approved"), *((u.pk, f"{u} ({role})") for u, role in seniors)]
        )
        self.approvers = {u.pk: u for u, _ in seniors}
        self.error_fields = {
            **StepForm.error_fields,
            "override_approved_by": "override_approver",
            "caldicott_consulted_at": "caldicott_on",
        }

    def _set_choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def details(self) -> ShareDetails:
        """The share as the action takes it."""
        d = self.cleaned_data
        return ShareDetails(
            agency=d["agency"],
            agency_name=d["agency_name"],
            recipient_name=d["recipient_name"],
            purpose=d["purpose"],
            lawful_basis_6=d["lawful_basis_6"],
            lawful_basis_9=d["lawful_basis_9"],
            schedule1_condition=d["schedule1_condition"],
            confidentiality_basis=d["confidentiality_basis"],
            channel=d["channel"],
            finding_ids=d["findings"],
            referral_event_ids=d["referrals"],
            summary=d["summary"],
            treatment_requirements=d["treatment_requirements"],
            youth_requirements=d["youth_requirements"],
            psychiatric_report=d["psychiatric_report"],
            recommendations=d["recommendations"],
            override_kind=d["override_kind"],
            override_reason=d["override_reason"],
            override_approver=self.approver(),
            override_statute=d["override_statute"],
            caldicott_consulted=_as_bool(d["caldicott_consulted"]),
            caldicott_guardian=d["caldicott_guardian"],
            caldicott_consulted_at=d.get("caldicott_consulted_at"),
            caldicott_not_consulted_reason=d["caldicott_not_consulted_reason"],
            person_informed=_as_bool(d["person_informed"]),
            person_not_informed_reason=d["person_not_informed_reason"],
            court_case_number=d["court_case_number"],
            hearing_date=d["hearing_date"],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["caldicott_consulted_at"] = _moment(self, "caldicott_on", "caldicott_time")
        return data

    def approver(self) -> User | None:
        pk = self.cleaned_data.get("override_approver")
        return self.approvers.get(pk) if pk is not None else None
