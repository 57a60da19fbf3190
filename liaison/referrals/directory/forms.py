"""The directory's forms: searching it, and adding or editing a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from liaison.core.forms import (
    NhsForm,
    choice_field,
    number_field,
    text_field,
)
from liaison.organisations.models import Scheme
from liaison.referrals.codes import OpenTo, ServiceType
from liaison.referrals.directory.actions import ServiceDetails
from liaison.referrals.models import Service


class ServiceSearchForm(NhsForm):
    q = text_field("Name or words in how to refer", max_length=100)
    service_type = forms.ChoiceField(
        label="Type of service", required=False, choices=[("", "Any type"), *ServiceType.choices]
    )
    age = number_field("Age of the person (optional)", help_text="Only show services that take someone of this age")
    include_inactive = forms.BooleanField(label="Include services no longer in use", required=False)


class ServiceForm(NhsForm):
    scheme = forms.ModelChoiceField(
        label="Scheme",
        queryset=Scheme.objects.none(),
        empty_label="Select the scheme",
        error_messages={"required": "Select the scheme", "invalid_choice": "Select one of your schemes"},
    )
    name = text_field("Name of the service", required="Enter the name of the service", max_length=160)
    service_type = choice_field(
        "Type of service",
        [("", "Select the type of service"), *ServiceType.choices],
        "Select the type of service",
        radios=False,
    )
    phone = text_field("Phone number (optional)", max_length=40)
    email = text_field("Email address (optional)", max_length=160)
    address = text_field("Address (optional)", rows=3, max_length=1000)
    min_age = number_field("Youngest age taken (optional)", help_text="Leave blank if there is no lower limit")
    max_age = number_field("Oldest age taken (optional)", help_text="Leave blank if there is no upper limit")
    # Not required: left unanswered, a service takes anyone (as every service did before).
    open_to = forms.ChoiceField(
        label="Who does it take?",
        choices=OpenTo.choices,
        initial=OpenTo.ANYONE,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select whom the service takes"},
    )
    how_to_refer = text_field(
        "How to refer (optional)", rows=4, help_text="For example, the referral form to use, who to call, opening hours"
    )

    def __init__(self, *args: Any, schemes: QuerySet[Scheme] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scheme"]
        assert isinstance(field, forms.ModelChoiceField)
        if schemes is None:
            del self.fields["scheme"]
        else:
            field.queryset = schemes
            if schemes.count() == 1:
                field.initial = schemes.first()

    @classmethod
    def initial_for(cls, service: Service) -> dict[str, Any]:
        return {name: getattr(service, name) for name in ServiceDetails.__dataclass_fields__}

    def details(self) -> ServiceDetails:
        d = self.cleaned_data
        return ServiceDetails(
            name=d["name"],
            service_type=d["service_type"],
            phone=d.get("phone") or "",
            email=d.get("email") or "",
            address=d.get("address") or "",
            min_age=d.get("min_age"),
            max_age=d.get("max_age"),
            how_to_refer=d.get("how_to_refer") or "",
            open_to=d.get("open_to") or OpenTo.ANYONE,
        )
