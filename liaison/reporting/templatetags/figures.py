"""Showing figures in templates: already published (or unrounded and labelled) by
`liaison.reporting.publication`; these filters only format them."""

from __future__ import annotations

from django import template

from liaison.reporting.labels import category_label, column_name
from liaison.reporting.publication import ShownRow, as_text

register = template.Library()

COLUMN_LABELS = {
    "value": "Count",
    "numerator": "Counted",
    "denominator": "Out of",
    "percentage": "Per cent",
    "episodes": "Episodes",
    "median_minutes": "Median minutes",
    "p90_minutes": "90th percentile minutes",
}


@register.filter
def figure(row: ShownRow, column: str) -> str:
    return as_text(row.figure(column))


@register.filter
def category(row: ShownRow, name: str) -> str:
    return category_label(name, row.keys.get(name))


@register.filter
def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column) or column_name(column)


@register.filter
def measure_title(name: str) -> str:
    return name.replace("_", " ").capitalize()
