"""Staff records, training records and a scheme's planning assumptions, as NHS.UK forms."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms

from liaison.accounts.models import User
from liaison.core.forms import YES_NO, NhsDateField, NhsForm, choice_field, text_field
from liaison.workforce.models import Body, Competency, Profession, RoleProfile, StaffRecord, Team
from liaison.workforce.selectors import Assumption


def _decimal(label: str, required: str, *, help_text: str = "") -> forms.CharField:
    # A text box with a decimal keyboard: Django's DecimalField would render type="number".
    return forms.CharField(
        label=label,
        max_length=12,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-5"}),
        error_messages={"required": required},
    )


def as_decimal(text: str, label: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise forms.ValidationError(f"{label} must be a number, like 0.8") from None
    if not value.is_finite():
        raise forms.ValidationError(f"{label} must be a number, like 0.8")
    return value


class StaffForm(NhsForm):
    given_name = text_field("First name", required="Enter the first name", max_length=80)
    family_name = text_field("Last name", required="Enter the last name", max_length=80)
    role = choice_field("Role profile", [], "Choose the role profile", radios=False, empty="Choose a role")
    profession = choice_field("Profession", Profession.choices, "Choose the profession", radios=False,
                              empty="Choose a profession")  # fmt: skip
    registration_body = choice_field(
        "Registered with (optional)", [c for c in Body.choices if c[0]],
        "Choose the body the person is registered with", radios=False, optional=True, empty="Not registered",
    )  # fmt: skip
    registration_number = text_field("Registration number (optional)", max_length=20,
                                     help_text="For example, 12A3456E (NMC) or SW123456")  # fmt: skip
    registration_expires = NhsDateField(
        label="Registration renewal date (optional)", required=False, help_text="For example, 31 1 2027"
    )
    fte = _decimal("Contracted FTE", "Enter the contracted FTE", help_text="Whole-time equivalent: 1.0 is full time")
    team = choice_field("Team", Team.choices, "Choose the core or the extended team")
    lived_experience = choice_field("Is this a peer (lived-experience) role?", YES_NO, "Choose yes or no")
    started_on = NhsDateField(label="Start date", help_text="For example, 1 4 2024",
                              error_messages={"required": "Enter the start date"})  # fmt: skip
    user = choice_field("Their account in this service (optional)", [], "Choose one of the scheme's accounts",
                        radios=False, optional=True, empty="No account")  # fmt: skip

    def __init__(self, *args: Any, roles: list[RoleProfile], accounts: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roles = {str(r.pk): r for r in roles}
        self.accounts = {str(u.pk): u for u in accounts}
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", "Choose a role")] + [
            (str(r.pk), f"Level {r.level}: {r.title}{' (peer role)' if r.lived_experience else ''}") for r in roles
        ]
        cast(forms.ChoiceField, self.fields["user"]).choices = [("", "No account")] + [
            (str(u.pk), f"{u.get_full_name() or u.username} ({u.username})") for u in accounts
        ]

    def clean_fte(self) -> Decimal:
        return as_decimal(self.cleaned_data["fte"], "Contracted FTE")

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "role": self.roles[data["role"]],
            "profession": data["profession"],
            "fte": data["fte"],
            "team": data["team"],
            "lived_experience": data["lived_experience"] == "yes",
            "registration_body": data.get("registration_body") or "",
            "registration_number": data.get("registration_number") or "",
            "registration_expires": data.get("registration_expires"),
            "user": self.accounts.get(data.get("user") or ""),
        }

    @staticmethod
    def initial_of(staff: StaffRecord) -> dict[str, Any]:
        return {
            "given_name": staff.given_name,
            "family_name": staff.family_name,
            "role": str(staff.role_id),
            "profession": staff.profession,
            "registration_body": staff.registration_body,
            "registration_number": staff.registration_number,
            "registration_expires": staff.registration_expires,
            "fte": f"{staff.fte:.2f}",
            "team": staff.team,
            "lived_experience": "yes" if staff.lived_experience else "no",
            "started_on": staff.started_on,
            "user": str(staff.user_id or ""),
        }


class StaffChangeForm(StaffForm):
    reason = text_field("Why is it changed?", required="Enter why the record is changed", max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The start date is when the record began; a different start is a different record.
        del self.fields["started_on"]


class LeaveForm(NhsForm):
    ended_on = NhsDateField(label="Last day in post", help_text="For example, 31 3 2026",
                            error_messages={"required": "Enter the last day in post"})  # fmt: skip
    reason = text_field("Why did they leave?", required="Enter why the person left", max_length=300,
                        help_text="For example, moved to another service, retired, end of secondment")  # fmt: skip


class WithdrawTrainingForm(NhsForm):
    reason = text_field("Why is it withdrawn?", required="Enter why the record is withdrawn", max_length=300,
                        help_text="For example, recorded against the wrong person")  # fmt: skip


class TrainingForm(NhsForm):
    competency = choice_field("Competency or course", [], "Choose the competency", radios=False,
                              empty="Choose a competency")  # fmt: skip
    completed_on = NhsDateField(label="Date completed", help_text="For example, 12 5 2026",
                                error_messages={"required": "Enter the date completed"})  # fmt: skip
    expires_on = NhsDateField(
        label="Expiry date (optional)",
        required=False,
        help_text="Left empty: from the competency's renewal period, or none if it is done once",
    )
    evidence = text_field(
        "Evidence seen",
        required="Enter the evidence seen, for example the certificate",
        max_length=300,
        help_text="For example, e-learning certificate, attendance register",
    )

    def __init__(self, *args: Any, competencies: list[Competency], required: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = {str(c.pk): c for c in competencies}
        cast(forms.ChoiceField, self.fields["competency"]).choices = [("", "Choose a competency")] + [
            (str(c.pk), f"{c.title}{'' if c.pk in required else ' (not required for the role)'}") for c in competencies
        ]

    def chosen(self) -> Competency:
        return self.competencies[self.cleaned_data["competency"]]


class AssumptionsForm(NhsForm):
    """Every planning assumption of the scheme, with one reason for the change."""

    def __init__(self, *args: Any, assumptions: list[Assumption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assumptions = assumptions
        for a in assumptions:
            self.fields[a.key] = _decimal(
                f"{a.label} ({a.unit})", f"Enter a value for {a.label.lower()}", help_text=a.source
            )
            self.initial.setdefault(a.key, f"{a.value.normalize():f}")
        self.fields["reason"] = text_field(
            "Why are they changed?", required="Enter why the assumptions are changed", max_length=300
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for a in self.assumptions:
            if isinstance(data.get(a.key), str):
                try:
                    data[a.key] = as_decimal(data[a.key], a.label)
                except forms.ValidationError as e:
                    self.add_error(a.key, e)
        return data

    def add_domain_errors(self, errors: dict[str, str], message: str = "") -> None:
        # Assumption keys have dots in them ("minutes.practitioner.screen"): the whole key is the field.
        for name, text in errors.items():
            self.add_error(name if name in self.fields else None, text)
        if not errors and message:
            self.add_error(None, message)

    def values(self) -> dict[str, Decimal]:
        return {a.key: self.cleaned_data[a.key] for a in self.assumptions}
