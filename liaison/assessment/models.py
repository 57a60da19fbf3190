"""The trauma-informed assessment: a draft the author edits, locked once complete, corrected only
by an amendment, which is a new version naming the one it replaces and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liaison.core.models import Event
from liaison.pathway.models import Episode, PathwayEvent


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Completed"


class CourtConsideration(models.TextChoices):
    """What the assessment recommends the court considers."""

    REPORT_TO_COURT = "report_to_court", "A report to the court"
    PSYCHIATRIC_REPORT = "psychiatric_report", "A psychiatric report"
    FITNESS_TO_PLEAD = "fitness_to_plead", "Whether the person is fit to plead"


class TreatmentRequirement(models.TextChoices):
    """Community sentence treatment requirements the person may be suitable for."""

    MENTAL_HEALTH = "mental_health", "Mental health treatment requirement"
    DRUG_REHABILITATION = "drug_rehabilitation", "Drug rehabilitation requirement"
    ALCOHOL_TREATMENT = "alcohol_treatment", "Alcohol treatment requirement"


class Assessment(models.Model):
    """One version of an episode's assessment. A completed version is never changed again."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="assessments")
    version = models.PositiveIntegerField(default=1)
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by")
    amend_reason = models.TextField(blank=True, help_text="Why this version replaces the one before")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    history = models.TextField(blank=True)
    presentation = models.TextField(blank=True, help_text="Current presentation")
    needs = models.JSONField(default=dict, blank=True, help_text="Vulnerability domain -> the needs in words")
    formulation = models.TextField(blank=True)
    onward_referral = models.TextField(blank=True)
    court = models.JSONField(default=list, blank=True, help_text="CourtConsideration codes")
    treatment_requirements = models.JSONField(default=list, blank=True, help_text="TreatmentRequirement codes")
    recommendations_note = models.TextField(blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    event = models.OneToOneField(
        PathwayEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="assessment"
    )

    class Meta:
        ordering = ["episode", "version"]
        constraints = [models.UniqueConstraint(fields=["episode", "version"], name="assessment_version_once")]

    def __str__(self) -> str:
        return f"Assessment version {self.version} ({self.get_status_display().lower()})"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class AssessmentEvent(Event):
    """A draft assessment started, edited, completed or amended, and which fields were written
    (tags `assessment_draft:start`, `:edit`, `:complete`, `:amend`). The clinical step itself is the
    episode's `episode:assess` or `assessment:amend` event."""

    stream = "assessment"

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="edits")

    class Meta:
        ordering = ["occurred_at", "id"]

    @property
    def fields(self) -> list[str]:
        return list(self.data.get("fields", []))
