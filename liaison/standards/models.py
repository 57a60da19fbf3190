"""Quality standards: a versioned framework of domains, standards and criteria, schemes'
self-assessments against it per period, and peer reviews of submitted ones (ADR 0028).

A framework is reference data loaded from a file (`framework.py`); a new version is a new
framework and the old ones stay, so an assessment always points at the version it used. A
self-assessment is a working draft (`SelfAssessment` with its `Rating` rows) until it is
submitted; submitting writes a `Submission`, an append-only snapshot of every rating and
measured figure as they were, which is what every reader of a submitted assessment is shown.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from liaison.core.models import AppendOnlyModel, Event, LoadedFile
from liaison.organisations.models import Scheme


class Method(models.TextChoices):
    MEASURED = "measured", "Measured from data"
    SELF_ASSESSED = "self_assessed", "Self-assessed"


class RatingValue(models.TextChoices):
    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    NOT_MET = "not_met", "Not met"


class Framework(LoadedFile):
    """One version of a standards framework, as loaded from its file (never changed after)."""

    class Meta(LoadedFile.Meta):
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="framework_version_once")]


class Domain(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="domains")
    code = models.CharField(max_length=24)
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="domain_code_once")]

    def __str__(self) -> str:
        return self.title


class Standard(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="standards")
    code = models.CharField(max_length=24)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["domain__order", "order"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Criterion(models.Model):
    """What a scheme is judged on. A measured one names the reporting measure that fills it
    (`measure`: name, numerator and denominator columns, a category filter, `invert` for a
    rate of what is missing) and the shares from which it counts as met or partly met."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="criteria")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="criteria")
    code = models.CharField(max_length=24)
    text = models.CharField(max_length=400)
    method = models.CharField(max_length=16, choices=Method.choices)
    measure = models.JSONField(default=dict, blank=True)
    met_from = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    partly_from = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="criterion_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    @property
    def measured(self) -> bool:
        return self.method == Method.MEASURED


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class SelfAssessment(models.Model):
    """A scheme's assessment against one framework for one period. `version` 1 is the first;
    a resubmission starts the next version from the last submitted one."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="self_assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    period = models.CharField(max_length=7, help_text="A quarter (2025-Q1) or a financial year (2024-25)")
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["scheme__name", "-period", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "framework", "period", "version"], name="self_assessment_version_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.code} {self.period} v{self.version}"

    @property
    def submitted(self) -> bool:
        return self.status == Status.SUBMITTED


class Rating(models.Model):
    """The working copy of one criterion's rating in a draft. Once the assessment is submitted
    the `Submission` snapshot is the record; actions refuse to change these rows."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="ratings")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=8, choices=RatingValue.choices, blank=True)
    evidence = models.TextField(blank=True)
    action = models.TextField(blank=True)
    owner = models.CharField(max_length=160, blank=True)
    due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["criterion__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="rating_once")]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.rating or 'not rated'}"


class Submission(AppendOnlyModel):
    """A submitted self-assessment exactly as it was: every criterion's rating, evidence,
    action, owner, due date and (for measured ones) the true counts behind its figure, with
    the measure's version. Never changed; a resubmission is a new assessment version."""

    assessment = models.OneToOneField(SelfAssessment, on_delete=models.PROTECT, related_name="submission")
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=7)
    version = models.PositiveSmallIntegerField()
    criteria = models.JSONField(help_text="criterion code -> what was submitted for it")
    reason = models.TextField(blank=True, help_text="Why it was submitted again")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.period} v{self.version}"

    def line(self, code: str) -> dict[str, Any]:
        line = self.criteria.get(code, {})
        return line if isinstance(line, dict) else {}


class PeerReview(AppendOnlyModel):
    """Another scheme's manager's review of a submission: a comment, and per criterion whether
    they agree with the rating and why. One per reviewer and submission; never changed."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer_scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField()
    lines = models.JSONField(help_text="criterion code -> {agrees: bool, comment: str}")
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["reviewed_at"]
        constraints = [models.UniqueConstraint(fields=["submission", "reviewer"], name="one_review_per_reviewer")]

    def __str__(self) -> str:
        return f"Review of {self.submission} by {self.reviewer}"


class StandardsEvent(Event):
    """The standards stream (`events.py`): assessments started, rated, submitted; peer reviews."""

    stream = "standards"

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="standards_events")
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="events")

    class Meta:
        ordering = ["occurred_at", "id"]
