"""Findings: a vulnerability domain, its status, where it came from and who decided."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liaison.core.vocabulary import FindingStatus, Vulnerability, vulnerability_label
from liaison.pathway.models import Episode, PathwayEvent


class FindingSource(models.TextChoices):
    SCREENING = "screening", "L&D screening"
    SELF_REPORT = "self_report", "The person's own account"
    RECORDS = "records", "Health or care records"
    POLICE = "police", "Police or custody staff"
    FAMILY = "family", "Family or carer"
    ASSESSMENT = "assessment", "L&D assessment"
    # "(suggested)" only while a suggestion awaits its decision: see Finding.source_label.
    INSTRUMENT = "instrument", "Screening instrument"


class Decision(models.TextChoices):
    """What the practitioner did with a finding an instrument suggested."""

    PENDING = "pending", "Awaiting a decision"
    CONFIRMED = "confirmed", "Accepted as suggested"
    CHANGED = "changed", "Changed"
    REJECTED = "rejected", "Rejected"


class Finding(models.Model):
    """A clinical entry: corrected by voiding with a reason, never by deletion."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="findings")
    event = models.ForeignKey(PathwayEvent, on_delete=models.PROTECT, related_name="findings")
    domain = models.CharField(max_length=32, choices=Vulnerability.choices)
    status = models.CharField(max_length=12, choices=FindingStatus.choices)
    source = models.CharField(max_length=16, choices=FindingSource.choices, default=FindingSource.SCREENING)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # Findings an instrument suggests wait for the practitioner: blank decision means the
    # practitioner recorded the finding themselves.
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    suggested_by = models.CharField(max_length=24, blank=True, help_text="Instrument code that suggested it")
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    void_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.domain_label}: {self.get_status_display()}"

    @property
    def domain_label(self) -> str:
        """Also for the retired domains that voided findings still name."""
        return vulnerability_label(self.domain)

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None

    @property
    def source_label(self) -> str:
        """Where it came from; "(suggested)" while an instrument's suggestion awaits its decision,
        and not once the practitioner has decided it (then it is their finding)."""
        label = self.get_source_display()
        if self.suggested_by and self.decision == Decision.PENDING:
            return f"{label} (suggested)"
        return label


# Instrument responses and uploaded Questionnaires live in their own module; importing them here
# puts them in the screening app.
from liaison.screening.instruments.models import InstrumentResponse, QuestionnaireVersion  # noqa: E402, F401
