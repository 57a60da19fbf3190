"""Forms for the directory, referrals and support. They parse input only: the actions decide
what is allowed, and their `Invalid.errors` come back onto these fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from liaison.accounts.models import User
from liaison.core.forms import (
    YES_NO,
    NhsDateField,
    NhsTimeField,
    choice_field,
    combine,
    number_field,
    text_field,
)
from liaison.pathway.forms import StepForm
from liaison.referrals import lifecycle
from liaison.referrals.actions import ContactDetails, TransitionDetails
from liaison.referrals.codes import ContactType, ReferralUrgency
from liaison.referrals.lifecycle import Transition
from liaison.referrals.models import Referral, Service

# ---- referrals


class ServiceChoiceField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.name} ({obj.get_service_type_display()}, {obj.age_range.lower()})"


class ReferForm(StepForm):
    service = ServiceChoiceField(
        label="Service",
        queryset=Service.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the service to refer the person to",
            "invalid_choice": "Select one of the services listed",
        },
    )
    urgency = choice_field(
        "Referral priority", ReferralUrgency.choices, "Select the referral's priority for the receiving service"
    )
    reason = text_field("Reason for the referral (optional)", rows=4)

    def __init__(self, *args: Any, services: QuerySet[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = services
        self.order_fields(["service", "urgency", "reason", "occurred_on", "occurred_time"])


class TransitionForm(StepForm):
    """The fields a transition needs (lifecycle.NEEDS_*), a note, and when to follow up next."""

    error_fields = {**StepForm.error_fields, "appointment_at": "appointment_on"}

    def __init__(self, *args: Any, transition: Transition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        fields: dict[str, forms.Field] = {}
        if transition in lifecycle.NEEDS_REASON:
            fields["reason"] = text_field(
                "Why did the service decline it?", required="Enter why the service declined the referral", rows=3
            )
        elif transition is Transition.CLOSE:
            fields["reason"] = text_field("Why is the referral closing? (optional)", rows=3)
        if transition in lifecycle.NEEDS_APPOINTMENT:
            fields["appointment_on"] = NhsDateField(
                label="Date of the appointment",
                help_text="For example, 17 6 2025",
                error_messages={"required": "Enter the date of the appointment"},
            )
            fields["appointment_time"] = NhsTimeField(
                label="Time of the appointment",
                help_text="Use the 24-hour clock, for example 14:30",
                error_messages={"required": "Enter the time of the appointment"},
            )
            fields["place"] = text_field(
                "Where is the appointment?", required="Enter where the appointment is", max_length=200
            )
        if transition in lifecycle.RECORDS_ATTENDANCE:
            label = "Did a support worker go with the person?"
            fields["accompanied"] = forms.ChoiceField(
                label=label if transition is Transition.ATTEND else f"{label} (optional)",
                required=transition is Transition.ATTEND,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Select whether a support worker went with the person",
                    "invalid_choice": "Select yes or no",
                },
            )
            fields["outcome"] = text_field("Outcome of the appointment (optional)", rows=3)
        fields["note"] = text_field("Note (optional)", rows=3)
        if transition is not Transition.CLOSE:
            fields["follow_up_on"] = NhsDateField(
                label="Next follow-up due (optional)",
                required=False,
                help_text=(
                    "The assigned support worker sees it on their worklist. "
                    "A booking's follow-up is the appointment day unless you give one."
                ),
            )
        for name, field in fields.items():
            self.fields[name] = field
        self.order_fields([*fields, "occurred_on", "occurred_time"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            "appointment_on" in self.fields
            and "appointment_on" not in self.errors
            and "appointment_time" not in self.errors
        ):
            try:
                data["appointment_at"] = combine(data.get("appointment_on"), data.get("appointment_time"))
            except ValidationError as e:
                self.add_error("appointment_time", e)
        return data

    def details(self) -> TransitionDetails:
        d = self.cleaned_data
        accompanied = {"yes": True, "no": False}.get(d.get("accompanied") or "")
        return TransitionDetails(
            reason=d.get("reason", ""),
            appointment_at=d.get("appointment_at"),
            place=d.get("place", ""),
            accompanied=accompanied,
            outcome=d.get("outcome", ""),
            note=d.get("note", ""),
            follow_up_on=d.get("follow_up_on"),
        )


# ---- support


class SupportAssignForm(StepForm):
    worker = forms.ModelChoiceField(
        label="Support or peer worker",
        queryset=User.objects.none(),
        empty_label="Select a worker",
        error_messages={"required": "Select the worker", "invalid_choice": "Select a worker in this scheme"},
    )
    follow_up_on = NhsDateField(
        label="First follow-up due (optional)", required=False, help_text="For example, 17 6 2025"
    )
    note = text_field("Note (optional)", rows=3)

    def __init__(self, *args: Any, workers: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=[w.pk for w in workers]).order_by("last_name", "first_name")
        field.label_from_instance = lambda u: f"{u} ({u.job_title})" if u.job_title else str(u)  # type: ignore[method-assign,assignment]
        self.order_fields(["worker", "follow_up_on", "note", "occurred_on", "occurred_time"])


class ContactForm(StepForm):
    referral = forms.ModelChoiceField(
        label="Which referral was it about? (optional)",
        required=False,
        queryset=Referral.objects.none(),
        empty_label="Not about a referral",
        error_messages={"invalid_choice": "Select one of this episode's referrals"},
    )
    contact_type = choice_field("Type of contact", ContactType.choices, "Select the type of contact")
    duration_minutes = number_field(
        "Length of the contact in minutes", required="Enter how long the contact took, in minutes", high=24 * 60
    )
    outcome = text_field("Outcome", required="Enter the outcome of the contact", rows=3)
    note = text_field("Note (optional)", rows=3)
    follow_up_on = NhsDateField(
        label="Next follow-up due (optional)", required=False, help_text="Sets the referral's next follow-up"
    )

    def __init__(self, *args: Any, referrals: QuerySet[Referral], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["referral"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = referrals
        field.label_from_instance = lambda r: f"{r.service.name} ({r.get_status_display().lower()})"  # type: ignore[method-assign,assignment]
        self.fields["occurred_on"].label = "Date of the contact"
        self.fields["occurred_time"].label = "Time of the contact"
        self.order_fields(
            [
                "referral",
                "contact_type",
                "duration_minutes",
                "outcome",
                "note",
                "follow_up_on",
                "occurred_on",
                "occurred_time",
            ]
        )

    def details(self) -> ContactDetails:
        d = self.cleaned_data
        return ContactDetails(
            contact_type=d["contact_type"],
            duration_minutes=d["duration_minutes"],
            outcome=d["outcome"],
            note=d.get("note", ""),
            follow_up_on=d.get("follow_up_on"),
        )
