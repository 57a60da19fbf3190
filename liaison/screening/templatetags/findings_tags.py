"""The findings area of the episode page: instrument names and who was told."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.screening.timeline import informed_lines

register = template.Library()

# Instrument codes as printed on the forms; the instruments' own registry has the full titles.
_INSTRUMENTS = {
    "bjmhs": "BJMHS",
    "phq9": "PHQ-9",
    "gad7": "GAD-7",
    "audit": "AUDIT",
    "auditc": "AUDIT-C",
    "dast10": "DAST-10",
    "helps": "HELPS",
    "ld-core": "L&D core screen",
}


@register.filter
def instrument_name(code: str) -> str:
    return _INSTRUMENTS.get(str(code), str(code).upper())


@register.filter
def informed(data: Any) -> list[str]:
    return informed_lines(data)
