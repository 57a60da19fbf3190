"""Blocking keys: what the database looks a person up by before the model scores them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liaison.people.models import Person


class MatchKey(models.Model):
    """One blocking key of a person (e.g. date of birth + family-name sound-alike), derived from
    their details and aliases and rebuilt whenever they are saved; never entered by anyone."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["key", "person"])]

    def __str__(self) -> str:
        return self.key


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "To review"
    NOT_SAME = "not_same", "Not the same person"
    MERGED = "merged", "Merged"


class DuplicateSuggestion(models.Model):
    """Two records the model thinks may be one person, waiting for a practitioner with the right
    role. Nothing merges on its own; "not the same person" is remembered, so the pair is never
    suggested again (whatever a later model says)."""

    # The pair in a fixed order (smaller id first), so each pair is one row.
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    agreements = models.JSONField(default=list)
    model_version = models.CharField(max_length=40)
    status = models.CharField(max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN)
    suggested_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once")]
        indexes = [models.Index(fields=["status", "probability"])]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.probability:.2f})"


class PersonMerge(models.Model):
    """Two records found to be one person: `absorbed` folded into `kept`. The rows that moved
    are listed in `moved` (by table), so an unmerge puts back exactly those and nothing else;
    undoing keeps the row, with who undid it and why."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    absorbed = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    suggestion = models.ForeignKey(
        DuplicateSuggestion, null=True, blank=True, on_delete=models.PROTECT, related_name="merges"
    )
    probability = models.FloatField(null=True, blank=True)
    model_version = models.CharField(max_length=40, blank=True)
    reason = models.TextField()
    merged_at = models.DateTimeField()
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # {"app_label.model": [primary keys as text]}: what moved from the absorbed record to the kept.
    moved = models.JSONField(default=dict)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        constraints = [
            # A record is folded into one person at a time: the database refuses a second.
            models.UniqueConstraint(
                fields=["absorbed"], condition=models.Q(undone_at__isnull=True), name="merged_once_at_a_time"
            ),
            models.CheckConstraint(condition=~models.Q(kept=models.F("absorbed")), name="merge_two_records"),
        ]

    def __str__(self) -> str:
        return f"{self.absorbed_id} into {self.kept_id}"

    @property
    def undone(self) -> bool:
        return self.undone_at is not None
