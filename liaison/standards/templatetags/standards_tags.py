"""Showing the standards' figures: already published or unrounded by `reporting.disclosure`
(through `standards.measured.shown` and `benchmark`); these filters only format them."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.reporting.disclosure import NOT_FOR_PUBLICATION, Suppressed, Unrounded
from liaison.reporting.publication import as_text
from liaison.standards.forms import field_key
from liaison.standards.models import RatingValue
from liaison.standards.related import Related

register = template.Library()


@register.filter
def share(value: Any) -> str:
    """A share as '85.0%', `*` when suppressed, 'no figure' when there is none; an unrounded
    one carries its label."""
    if value is None or (isinstance(value, Unrounded) and value.value is None):
        return "no figure"
    if isinstance(value, Suppressed):
        return "*"
    text = f"{as_text(value)}%"
    return f"{text} ({NOT_FOR_PUBLICATION})" if isinstance(value, Unrounded) else text


@register.filter
def count(value: Any) -> str:
    return as_text(value)


@register.filter
def key(code: str) -> str:
    return field_key(code)


@register.filter
def rating_label(value: str) -> str:
    return str(RatingValue(value).label) if value in RatingValue.values else "Not rated"


@register.filter
def links_for(related: Any, code: str) -> list[Related]:
    """What other apps link to a criterion (`standards.related`), from the view's lookup."""
    return list(related.get(code, [])) if isinstance(related, dict) else []
