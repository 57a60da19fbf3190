"""Forms for finding and identifying people. The domain validates; these parse and carry errors.

The person form runs the domain's own check (`PersonDetails.cleaned`, which writes nothing) in
`clean`, so a practitioner sees every problem with the person and the identification at once.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from liaison.core.errors import Invalid
from liaison.core.forms import NhsDateField, NhsForm, NhsTimeField, combine
from liaison.core.vocabulary import Vulnerability
from liaison.organisations.models import PointOfContact, Site
from liaison.pathway.actions import Alert
from liaison.pathway.codes import ReferralSource
from liaison.pathway.forms import alert_from, alerted_by_code_field
from liaison.people.actions import CORRECTABLE, PersonDetails, details_version
from liaison.people.codes import Ethnicity, GenderIdentity, IdentifierSystem, NhsNumberStatus, Sex


class FindForm(NhsForm):
    q = forms.CharField(
        label="Name, NHS number or PNC ID",
        required=False,
        max_length=100,
        help_text="For example, Alex Smith, 999 123 4560 or 2019/0012345Q",
    )
    date_of_birth = NhsDateField(label="Date of birth (optional)", required=False, help_text="For example, 15 3 1984")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answered_wrongly = "q" in self.errors or "date_of_birth" in self.errors
        if not (data.get("q") or "").strip() and not data.get("date_of_birth") and not answered_wrongly:
            self.add_error("q", "Enter a name, NHS number or PNC ID, or a date of birth")
        return data


class _SiteChoice(forms.ModelChoiceField[Site]):
    def label_from_instance(self, obj: Site) -> str:
        return f"{obj.name} ({obj.scheme.name})"


class _NamesDomainFields(NhsForm):
    """A form whose action's error keys name fields by other names (`domain_fields`)."""

    domain_fields: dict[str, str] = {}

    def add_domain_errors(self, errors: dict[str, str], message: str = "") -> None:
        super().add_domain_errors({self.domain_fields.get(k, k): v for k, v in errors.items()}, message)


class IdentificationForm(_NamesDomainFields):
    """Where and how L&D was alerted: the part shared by a new and a known person."""

    # Domain error keys that name something other than a form field.
    domain_fields = {"occurred_at": "identified_time", "local_identifiers": "local_id_value"}

    site = _SiteChoice(
        label="Site",
        queryset=Site.objects.none(),
        empty_label="Select the site",
        error_messages={"required": "Select the site", "invalid_choice": "Select one of your sites"},
    )
    point_of_contact = forms.ChoiceField(
        label="Point of contact",
        required=False,
        choices=[("", "The site's usual point of contact"), *PointOfContact.choices],
        help_text="Where in the justice system L&D met the person",
    )
    # Both may be left blank when a listed role is chosen (the action fills them from it).
    referral_source = forms.ChoiceField(
        label="Referral source",
        required=False,
        choices=[("", "Select who referred the person"), *ReferralSource.choices],
        error_messages={"invalid_choice": "Select who referred the person (referral source)"},
    )
    alerted_by = forms.CharField(
        label="Who alerted L&D",
        required=False,
        max_length=160,
        help_text="For example, custody sergeant, duty solicitor or the person's mother",
    )
    alerted_by_code = alerted_by_code_field()
    concerns = forms.MultipleChoiceField(
        label="Concerns raised",
        required=False,
        choices=Vulnerability.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that were raised when L&D was alerted",
    )
    concerns_note = forms.CharField(label="Note about the concerns (optional)", required=False, widget=forms.Textarea)
    identified_date = NhsDateField(
        label="Date identified", required=False, help_text="Leave the date and time blank to use now"
    )
    identified_time = NhsTimeField(label="Time identified", required=False, help_text="For example, 14:30")

    def __init__(self, *args: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        site_field = self.fields["site"]
        assert isinstance(site_field, forms.ModelChoiceField)
        site_field.queryset = sites
        # One site: nothing to choose, so choose it.
        only = list(sites[:2])
        if len(only) == 1 and not self.is_bound:
            self.initial.setdefault("site", only[0].pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["occurred_at"] = combine(data.get("identified_date"), data.get("identified_time"))
        except ValidationError as e:
            if "identified_date" not in self.errors and "identified_time" not in self.errors:
                missing = "identified_time" if data.get("identified_date") else "identified_date"
                self.add_error(missing, e)
        if not data.get("alerted_by_code") and "alerted_by_code" not in self.errors:
            if not data.get("referral_source") and "referral_source" not in self.errors:
                self.add_error("referral_source", "Select who referred the person (referral source)")
            if not (data.get("alerted_by") or "").strip() and "alerted_by" not in self.errors:
                self.add_error("alerted_by", "Enter who alerted the L&D team")
        site = data.get("site")
        if site is not None and not data.get("point_of_contact"):
            data["point_of_contact"] = site.default_point_of_contact
        return data

    def alert(self) -> Alert:
        """The alert as `episode_identify`, `person_identify_new` and `episode_reenter` take it."""
        return alert_from(self.cleaned_data)


class PersonDetailsForm(_NamesDomainFields):
    """A person's details and identifiers, checked by the domain's own rules: the part shared by
    identifying someone new and correcting someone known."""

    # Domain error keys that name something other than a form field.
    domain_fields = {"local_identifiers": "local_id_value"}

    given_name = forms.CharField(label="First name", required=False)
    family_name = forms.CharField(label="Last name", required=False)
    date_of_birth = NhsDateField(label="Date of birth", required=False, help_text="For example, 15 3 1984")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, required=False, widget=forms.RadioSelect)
    gender_identity = forms.ChoiceField(label="Gender identity", choices=GenderIdentity.choices, required=False)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=Ethnicity.choices, required=False)
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10)
    nhs_number = forms.CharField(
        label="NHS number (optional)", required=False, max_length=14, help_text="10 digits, like 999 123 4560"
    )
    nhs_number_status = forms.ChoiceField(
        label="Is the NHS number verified?",
        choices=NhsNumberStatus.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="Verified means traced on the Personal Demographics Service (PDS)",
    )
    pnc_id = forms.CharField(
        label="PNC ID (optional)",
        required=False,
        max_length=20,
        help_text="Police National Computer ID, like 2019/0012345Q",
    )
    alias_given_name = forms.CharField(label="Alias first name (optional)", required=False, max_length=100)
    alias_family_name = forms.CharField(label="Alias last name", required=False, max_length=100)
    local_id_system = forms.ChoiceField(
        label="Local identifier type",
        required=False,
        choices=[("", "No local identifier"), *IdentifierSystem.choices],
    )
    local_id_value = forms.CharField(
        label="Local identifier", required=False, max_length=60, help_text="For example, a custody record number"
    )

    person_fields = (
        "given_name",
        "family_name",
        "date_of_birth",
        "sex",
        "gender_identity",
        "ethnicity",
        "postcode",
        "nhs_number",
        "nhs_number_status",
        "pnc_id",
        "alias_given_name",
        "alias_family_name",
        "local_id_system",
        "local_id_value",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The person's details come first on the page.
        self.order_fields(self.person_fields)
        self.initial.setdefault("sex", Sex.NOT_KNOWN)
        self.initial.setdefault("gender_identity", GenderIdentity.NOT_KNOWN)
        self.initial.setdefault("ethnicity", Ethnicity.NOT_KNOWN)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("alias_given_name") or "").strip() and not (data.get("alias_family_name") or "").strip():
            self.add_error("alias_family_name", "Enter the alias last name, or clear the alias first name")
        system, value = data.get("local_id_system") or "", (data.get("local_id_value") or "").strip()
        if system and not value:
            self.add_error("local_id_value", "Enter the local identifier, or select no local identifier")
        elif value and not system:
            self.add_error("local_id_system", "Select the type of local identifier")
        try:
            self.details().cleaned()
        except Invalid as e:
            for name, text in e.errors.items():
                name = self.domain_fields.get(name, name)
                if name not in self.errors:
                    self.add_error(name if name in self.fields else None, text)
        return data

    def details(self) -> PersonDetails:
        d = self.cleaned_data
        alias = ((d.get("alias_given_name") or "").strip(), (d.get("alias_family_name") or "").strip())
        system, value = d.get("local_id_system") or "", (d.get("local_id_value") or "").strip()
        return PersonDetails(
            given_name=d.get("given_name") or "",
            family_name=d.get("family_name") or "",
            date_of_birth=d.get("date_of_birth"),
            sex=d.get("sex") or Sex.NOT_KNOWN,
            gender_identity=d.get("gender_identity") or GenderIdentity.NOT_KNOWN,
            ethnicity=d.get("ethnicity") or Ethnicity.NOT_KNOWN,
            postcode=d.get("postcode") or "",
            nhs_number=d.get("nhs_number") or "",
            nhs_number_status=d.get("nhs_number_status") or "",
            pnc_id=d.get("pnc_id") or "",
            aliases=[alias] if alias[1] else [],
            local_identifiers=[(system, value)] if system and value else [],
        )


class IdentifyNewForm(IdentificationForm, PersonDetailsForm):
    """A person new to L&D, and their identification."""

    domain_fields = IdentificationForm.domain_fields


class CorrectPersonForm(PersonDetailsForm):
    """Corrections to someone already recorded: their details as they stand, a name or local
    identifier to add, and why (kept in the person's history)."""

    reason = forms.CharField(
        label="Why are you correcting these details?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the name was misspelt at the custody desk, or the NHS number was traced on PDS",
    )
    # The details as the form showed them (`details_version`): a correction made meanwhile wins.
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=16)

    def __init__(self, *args: Any, person: Any, **kwargs: Any) -> None:
        # The details a correction may change, by name: the alias and local identifier boxes start empty.
        initial = {name: getattr(person, name) for name in CORRECTABLE}
        kwargs.setdefault("initial", {**initial, "version": details_version(person)})
        super().__init__(*args, **kwargs)
        system = self.fields["local_id_system"]
        assert isinstance(system, forms.ChoiceField)
        system.choices = [("", "No local identifier to add"), *IdentifierSystem.choices]


def prefill_from_search(query: str, date_of_birth: str) -> dict[str, Any]:
    """Carry what was searched for into a new identification, so nothing is typed twice."""
    initial: dict[str, Any] = {}
    terms = query.strip()
    digits = "".join(c for c in terms if c.isdigit())
    if len(digits) == 10 and not any(c.isalpha() for c in terms):
        initial["nhs_number"] = digits
    elif "/" in terms:
        initial["pnc_id"] = terms.replace(" ", "").upper()
    elif terms:
        words = terms.split()
        if len(words) == 1:
            initial["family_name"] = words[0][:100]
        else:
            initial["given_name"] = words[0][:100]
            initial["family_name"] = " ".join(words[1:])[:100]
    with contextlib.suppress(ValueError):
        initial["date_of_birth"] = date.fromisoformat(date_of_birth)
    return initial


class BreakGlassForm(NhsForm):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        widget=forms.Textarea,
        required=False,
        help_text="For example, they are in custody at your site and say this scheme saw them last month",
    )
    scheme = forms.ChoiceField(label="Whose record do you need to open?", required=False, widget=forms.RadioSelect)

    def __init__(self, *args: Any, schemes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scheme"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Every scheme that holds a record"), *((str(s.pk), s.name) for s in schemes)]
        self.schemes = schemes
        self.initial.setdefault("scheme", "")

    def chosen_schemes(self) -> list[Any]:
        chosen = self.cleaned_data.get("scheme") or ""
        return [s for s in self.schemes if str(s.pk) == chosen] or self.schemes
