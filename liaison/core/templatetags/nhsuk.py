"""`{% nhs_field form.name %}` renders a bound field as the matching NHS.UK component."""

from __future__ import annotations

from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from liaison.core.forms import NhsDateWidget

register = template.Library()


def _component(widget: forms.Widget) -> str:
    if isinstance(widget, NhsDateWidget):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it must be asked about first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


@register.simple_tag
def nhs_field(field: forms.BoundField, **options: object) -> SafeString:
    widget = field.field.widget
    return SafeString(
        render_to_string(
            f"nhsuk/fields/{_component(widget)}.html",
            {"field": field, "options": options, "input_type": getattr(widget, "input_type", "text")},
        )
    )


@register.filter
def first_error_id(field: forms.BoundField) -> str:
    """Where the error summary's link should land: the first box of a date, else the field."""
    widget = field.field.widget
    if isinstance(widget, NhsDateWidget):
        return f"{field.auto_id}_0"
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{field.auto_id}_0"
    return field.auto_id


@register.filter
def minutes(value: int | None) -> str:
    """Minutes as '2 h 05 min' for waiting times."""
    if value is None:
        return "—"
    hours, mins = divmod(int(value), 60)
    if hours >= 48:
        return f"{hours // 24} days {hours % 24} h"
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"
