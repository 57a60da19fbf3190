"""Showing figures in templates: already published (or unrounded and labelled) by
`liaison.reporting.publication`; these filters only format them."""

from __future__ import annotations

from django import template

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
    return row.keys.get(name) or "not recorded"


@register.filter
def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, column.replace("_", " ").capitalize())


@register.filter
def measure_title(name: str) -> str:
    return name.replace("_", " ").capitalize()
