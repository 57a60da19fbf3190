"""A scheme's monthly return as submitted: stored as it was, never changed (ADR 0013)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from liaison.core.models import AppendOnlyModel, Event
from liaison.organisations.models import Scheme

MONTH = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", "Give the month as YYYY-MM, for example 2025-03.")


class MonthlyReturn(AppendOnlyModel):
    """One submission of a scheme's figures for one month. A resubmission is a new row (the next
    `version`, with a reason); the figures are the true counts at scheme level as they were
    computed when submitted, with the definition versions they came from. Publication applies
    disclosure control when they are shown, so what is kept is what the scheme checked."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="returns")
    month = models.CharField(max_length=7, validators=[MONTH])
    version = models.PositiveSmallIntegerField()
    figures = models.JSONField(help_text="measure -> {version, columns, by, rows}")
    warnings = models.JSONField(default=list, help_text="The data-quality warnings shown when submitted")
    reason = models.TextField(blank=True, help_text="Why it was submitted again")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    late = models.BooleanField(default=False)
    store_version = models.CharField(max_length=64, help_text="Digest of the analytics store's manifest")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the canonical JSON of the return")

    class Meta:
        ordering = ["scheme__name", "month", "version"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "month", "version"], name="return_version_once"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="return_version_from_one"),
        ]
        indexes = [models.Index(fields=["month", "scheme"])]

    def __str__(self) -> str:
        return f"{self.scheme.code} {self.month} v{self.version}"


class ReturnEvent(Event):
    """The return stream: `return:submit` (events.py), one per submitted version."""

    stream = "return"

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="return_events")
    monthly_return = models.ForeignKey(MonthlyReturn, on_delete=models.PROTECT, related_name="events")

    class Meta:
        ordering = ["occurred_at", "id"]
