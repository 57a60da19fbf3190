"""Forms for the steps of an episode. They parse input only: the actions decide what is allowed,
and their `Invalid.errors` come back onto these fields through `add_domain_errors`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from liaison.core.forms import NhsDateField, NhsForm, NhsTimeField, choice_field, combine, text_field
from liaison.core.vocabulary import Vulnerability
from liaison.organisations.models import PointOfContact, Site
from liaison.pathway.actions import Alert
from liaison.pathway.codes import AlertedBy, JusticeOutcome, LdOutcome, ReferralSource, SentenceType
from liaison.pathway.selectors import Filters
from liaison.pathway.stages import OPEN_STAGES, Stage
from liaison.pathway.waits import Sort


def alerted_by_code_field() -> forms.ChoiceField:
    """The optional listed role of who alerted L&D, on identification and re-entry alike."""
    return forms.ChoiceField(
        label="Their role, if one of these (optional)",
        required=False,
        choices=[("", "None of these"), *AlertedBy.choices],
        help_text="Leave the referral source blank to count the alert under the role's national code",
        error_messages={"invalid_choice": "Select who alerted L&D from the list, or leave it blank"},
    )


def alert_from(data: Mapping[str, Any]) -> Alert:
    """The alert as identification and re-entry take it, from an alert form's cleaned data."""
    return Alert(
        site=data["site"],
        point_of_contact=data["point_of_contact"],
        referral_source=data["referral_source"],
        alerted_by=data["alerted_by"],
        alerted_by_code=data["alerted_by_code"],
        concerns=list(data["concerns"]),
        concerns_note=data.get("concerns_note", ""),
    )


class StepForm(NhsForm):
    """A step of the pathway: when it happened (blank for now), and domain errors mapped back."""

    occurred_on = NhsDateField(
        label="Date it happened",
        required=False,
        help_text="For example, 17 5 2025. Leave the date and time blank if it is happening now.",
    )
    occurred_time = NhsTimeField(
        label="Time it happened", required=False, help_text="Use the 24-hour clock, for example 14:30"
    )

    # Action error keys that name a field by another name.
    error_fields: dict[str, str] = {"occurred_at": "occurred_on"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, at = data.get("occurred_on"), data.get("occurred_time")
        if "occurred_on" in self.errors or "occurred_time" in self.errors:
            return data
        try:
            data["occurred_at"] = combine(day, at)
        except ValidationError as e:
            self.add_error("occurred_time" if day else "occurred_on", e)
        return data

    def add_domain_errors(self, errors: dict[str, str], message: str = "") -> None:
        super().add_domain_errors({self.error_fields.get(k, k): v for k, v in errors.items()}, message)

    @property
    def occurred_at(self) -> datetime | None:
        return self.cleaned_data.get("occurred_at")


class CloseForm(StepForm):
    justice_outcome = choice_field("Justice outcome", JusticeOutcome.choices, "Select the justice outcome")
    sentence_type = forms.ChoiceField(
        label="Type of sentence",
        required=False,
        choices=[("", "Select a type of sentence"), *SentenceType.choices],
        help_text="Only when the justice outcome is sentenced",
        error_messages={"invalid_choice": "Select the type of sentence"},
    )
    ld_outcome = choice_field("L&D outcome", LdOutcome.choices, "Select the L&D outcome")
    note = text_field("Closing note (optional)", rows=4)
    # Shown only while referrals are active: closing stops their progress being recorded.
    confirm_active_support = forms.BooleanField(
        label="Close the episode even though support is continuing", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("justice_outcome") == JusticeOutcome.SENTENCED and not data.get("sentence_type"):
            self.add_error("sentence_type", "Select the type of sentence")
        return data


class ReopenForm(StepForm):
    reason = text_field(
        "Why are you reopening the episode?", required="Enter why you are reopening the episode", rows=4
    )


class ReenterForm(StepForm):
    site = forms.ModelChoiceField(
        label="Site",
        queryset=Site.objects.none(),
        empty_label="Select a site",
        error_messages={"required": "Select the site", "invalid_choice": "Select one of this scheme's sites"},
    )
    point_of_contact = choice_field(
        "Point of contact",
        [("", "Select the point of contact"), *PointOfContact.choices],
        "Select the point of contact",
        radios=False,
    )
    # Both may be left blank when a listed role is chosen (the action fills them from it).
    referral_source = choice_field(
        "Referral source",
        [("", "Select who referred the person"), *ReferralSource.choices],
        "Select who referred the person (referral source)",
        radios=False,
    )
    alerted_by = text_field("Who alerted L&D?", help_text="For example, court legal adviser")
    alerted_by_code = alerted_by_code_field()
    concerns = forms.MultipleChoiceField(
        label="Concerns raised (optional)",
        required=False,
        choices=Vulnerability.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select concerns from the list"},
    )
    note = text_field("Note (optional)", rows=4)

    def __init__(self, *args: Any, sites: QuerySet[Site], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        site_field = self.fields["site"]
        assert isinstance(site_field, forms.ModelChoiceField)
        site_field.queryset = sites
        self.fields["referral_source"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("alerted_by_code") and "alerted_by_code" not in self.errors:
            if not data.get("referral_source") and "referral_source" not in self.errors:
                self.add_error("referral_source", "Select who referred the person (referral source)")
            if not (data.get("alerted_by") or "").strip() and "alerted_by" not in self.errors:
                self.add_error("alerted_by", "Enter who alerted the L&D team")
        return data

    def alert(self) -> Alert:
        return alert_from(self.cleaned_data)


class NoteForm(StepForm):
    text = text_field("Note", required="Enter the note", rows=6)


class VoidForm(NhsForm):
    """Voiding happens now; the entry's own time stays as it was."""

    reason = text_field("Why are you voiding this entry?", required="Enter why you are voiding this entry", rows=4)


class OpenEpisodesFilterForm(NhsForm):
    """How an open-episodes list is narrowed and sorted, from its query string (a GET form, so
    it works without JavaScript and a filtered page can be bookmarked). A value that is not one
    of the choices is refused with a message and left out of the list's filters."""

    site = forms.TypedChoiceField(
        label="Site",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select one of the sites in the list: that site is not one of them"},
    )
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "Any open stage"), *((s.value, s.label) for s in Stage if s in OPEN_STAGES)],
        error_messages={"invalid_choice": "Select a stage from the list"},
    )
    point_of_contact = forms.ChoiceField(
        label="Point of contact",
        required=False,
        choices=[("", "Any point of contact"), *PointOfContact.choices],
        error_messages={"invalid_choice": "Select a point of contact from the list"},
    )
    breached = forms.BooleanField(label="Only episodes over the response-time target", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=Sort.choices,
        error_messages={"invalid_choice": "Select a sort order from the list"},
    )

    def __init__(self, data: Mapping[str, Any], *, sites: Sequence[Site], all_sites: str) -> None:
        super().__init__(data)
        self.fields["site"].choices = [("", all_sites), *((s.pk, s.name) for s in sites)]  # type: ignore[attr-defined]
        self.is_valid()  # fills cleaned_data with the values that are good; errors for the rest

    def filters(self) -> Filters:
        d = self.cleaned_data
        return Filters(
            site_id=d.get("site"),
            stage=d.get("stage") or "",
            point_of_contact=d.get("point_of_contact") or "",
            breached=bool(d.get("breached")),
            sort=d.get("sort") or Sort.URGENT,
        )

    def params(self) -> dict[str, str]:
        """The good filters as query parameters, for the other pages' links."""
        f = self.filters()
        params = {
            "site": "" if f.site_id is None else str(f.site_id),
            "stage": f.stage,
            "point_of_contact": f.point_of_contact,
            "breached": "on" if f.breached else "",
            "sort": "" if f.sort == Sort.URGENT else f.sort,
        }
        return {k: v for k, v in params.items() if v}

    @property
    def filtering(self) -> bool:
        """Whether the list is narrowed (a sort alone narrows nothing)."""
        return bool(set(self.params()) - {"sort"})
