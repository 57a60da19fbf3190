"""Instrument responses (FHIR QuestionnaireResponses with their score) and uploaded definitions.

Imported by liaison/screening/models.py so that the screening app owns the tables.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from liaison.pathway.models import Episode, PathwayEvent


class QuestionnaireVersion(models.Model):
    """A Questionnaire an administrator loaded: a service's licensed definition, or a new version.

    The newest one is the instrument's current definition; the bundled file is used until then.
    """

    instrument = models.CharField(max_length=24, db_index=True)
    version = models.CharField(max_length=40)
    resource = models.JSONField(help_text="The FHIR R4 Questionnaire, as uploaded and validated")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["instrument", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "version"], name="questionnaire_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.version}"


class InstrumentResponse(models.Model):
    """A completed instrument. A clinical entry: voided with its event, never deleted."""

    # Also the QuestionnaireResponse's id, so the FHIR resource and the record are the same thing.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="instrument_responses")
    event = models.ForeignKey(PathwayEvent, on_delete=models.PROTECT, related_name="instrument_responses")
    instrument = models.CharField(max_length=24)
    version = models.CharField(max_length=40)
    resource = models.JSONField(help_text="The FHIR R4 QuestionnaireResponse")
    total = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=32, blank=True, help_text="The band's code")
    flags = models.JSONField(default=list, help_text="Flag codes, e.g. safety_prompt")
    result = models.JSONField(default=dict, help_text="Total, band with its meaning, flags and suggestions")
    safety_prompt = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    void_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_at"]
        indexes = [models.Index(fields=["episode", "instrument"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.version} for episode {self.episode_id}"

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None
