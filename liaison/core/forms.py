"""Form pieces in the NHS.UK design system's patterns: the date input of three boxes, a time
box, and an error summary that links to each field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.utils import ErrorDict
from django.utils import timezone

from liaison.core.characters import MESSAGE, refused
from liaison.core.errors import DomainError, Invalid

# The longest free text a form takes when its field names no limit of its own: a line (a name,
# who alerted L&D) or a note in a text area; the API's Short and Long and the models agree.
from liaison.core.limits import LINE_LIMIT, NOTE_LIMIT


class NhsDateWidget(forms.MultiWidget):
    template_name = "nhsuk/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            [
                forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-2"}),
                forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-2"}),
                forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"}),
            ],
            attrs,
        )

    def decompress(self, value: date | None) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class NhsDateField(forms.MultiValueField):
    """Day, month and year in three boxes; each missing or impossible part gets its own message."""

    widget = NhsDateWidget

    def __init__(self, **kwargs: Any) -> None:
        # Parts are optional here so that `compress` names the missing part, instead of Django's
        # generic "Enter a complete value."
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any((p or "").strip() for p in data_list):
            return None
        day, month, year = ((p or "").strip() for p in data_list)
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise ValidationError(f"Date must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError("Date must be a real date, with a 4-digit year")
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a day of 99999999999999999999 overflows a C long
            raise ValidationError("Date must be a real date") from None


class NhsTimeField(forms.CharField):
    def to_python(self, value: Any) -> time | None:  # type: ignore[override]
        text = (value or "").strip().replace(".", ":")
        if not text:
            return None
        try:
            return datetime.strptime(text, "%H:%M").time()
        except ValueError:
            raise ValidationError("Enter a time in 24-hour format, like 14:30") from None


def combine(day: date | None, at: time | None) -> datetime | None:
    """A date and a time of day in the service's time zone, or None to mean now."""
    if day is None and at is None:
        return None
    if day is None or at is None:
        raise ValidationError("Enter both the date and the time, or neither for now")
    return timezone.make_aware(datetime.combine(day, at))


def label_for_messages(label: object) -> str:
    """'Who alerted L&D? (optional)' -> 'Who alerted L&D': the label as an error message names it."""
    text = str(label or "This field").strip()
    for tail in (" (optional)", "?", ":"):
        text = text.removesuffix(tail).strip()
    return text


def limit_free_text(fields: dict[str, forms.Field]) -> None:
    """Every text field gets a limit (its own, or a line's or a note's) and the NHS.UK message for
    going over it ('X must be 160 characters or fewer'), instead of Django's generic one."""
    for field in fields.values():
        if not isinstance(field, forms.CharField):
            continue
        # Only plain text: a subclass such as NhsTimeField cleans to something else (a time),
        # whose length means nothing.
        if field.max_length is None and type(field) is forms.CharField:
            field.max_length = NOTE_LIMIT if isinstance(field.widget, forms.Textarea) else LINE_LIMIT
            field.validators.append(MaxLengthValidator(field.max_length))
            field.widget.attrs.update(field.widget_attrs(field.widget))
        if field.max_length is not None:
            field.error_messages.setdefault(
                "max_length", f"{label_for_messages(field.label)} must be {field.max_length:,} characters or fewer"
            )


class NhsForm(forms.Form):
    """Carries domain errors (`Invalid.errors`) back onto the form's fields, and refuses
    characters no database can store before any field is cleaned (a choice field would look its
    value up first): the form comes back with only those errors, beside their fields. Every text
    field has a limit, with a message in the NHS.UK style (`limit_free_text`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_free_text(self.fields)

    def full_clean(self) -> None:
        if not self.is_bound:
            return super().full_clean()
        bad = [name for name in self.fields if refused(self[name].data)]
        if not bad:
            return super().full_clean()
        self._errors = ErrorDict()
        self.cleaned_data = {}
        for name in bad:
            self.add_error(name, f"{self.fields[name].label or name}: {MESSAGE[0].lower()}{MESSAGE[1:]}")
        return None

    def refuse(self, error: DomainError) -> None:
        """Put a refusal from an action on the form: field errors where it names fields."""
        if isinstance(error, Invalid):
            self.add_domain_errors(error.errors, error.message)
        else:
            self.add_error(None, error.message)

    def add_domain_errors(self, errors: dict[str, str], message: str = "") -> None:
        for name, text in errors.items():
            field = name.split(".")[0]
            self.add_error(field if field in self.fields else None, text)
        if not errors and message:
            self.add_error(None, message)


YES_NO = [("yes", "Yes"), ("no", "No")]


def text_field(
    label: str,
    *,
    required: str | None = None,
    rows: int = 0,
    help_text: str = "",
    max_length: int = NOTE_LIMIT,
    too_long: str | None = None,
) -> forms.CharField:
    """A text box, or a text area when `rows` is given; `required` is the message when left empty."""
    return forms.CharField(
        label=label,
        required=required is not None,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea if rows else forms.TextInput,
        error_messages={
            "required": required or "",
            "max_length": too_long or f"{label_for_messages(label)} must be {max_length:,} characters or fewer",
        },
    )


def number_field(
    label: str, *, required: str | None = None, help_text: str = "", low: int = 0, high: int = 120
) -> forms.IntegerField:
    # A text box with a numeric keyboard, as the NHS design system advises, not type="number".
    message = f"{label.split(' (')[0]} must be a whole number from {low} to {high}"
    return forms.IntegerField(
        label=label,
        required=required is not None,
        min_value=low,
        max_value=high,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": required or "", "invalid": message, "min_value": message, "max_value": message},
    )


def choice_field(
    label: str,
    choices: Sequence[tuple[str, str]],
    required: str,
    *,
    radios: bool = True,
    optional: bool = False,
    empty: str | None = None,
    help_text: str = "",
) -> forms.ChoiceField:
    """Radios, or a select (`radios=False`, with `empty` as its first option), whose every
    refusal, missing or unknown, reads `required`."""
    return forms.ChoiceField(
        label=label,
        choices=[("", empty), *choices] if empty is not None else list(choices),
        required=not optional,
        help_text=help_text,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={"required": required, "invalid_choice": required},
    )
