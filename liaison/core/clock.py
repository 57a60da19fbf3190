"""The one place the service asks what time it is, so tests and the demo can fix it."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    """Today's date where the service runs (settings.TIME_ZONE)."""
    return timezone.localdate(now())
