"""The one place the service asks what time it is, so tests and the demo can fix it."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
