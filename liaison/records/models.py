"""A disposal of a record past retention: proposed, approved by a second person, carried out.

The request itself is a row whose state moves on (a workflow, like a referral); every step is
also a `disposal:*` event in the append-only, hash-chained `DisposalEvent` table, and what the
carrying out replaced in other append-only tables is in `audit.Redaction` (ADR 0027).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liaison.core.models import Event
from liaison.pathway.models import Episode


class DisposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed, waiting for review"
    APPROVED = "approved", "Approved, waiting to be carried out"
    CARRIED_OUT = "carried_out", "Carried out: content disposed of"
    REJECTED = "rejected", "Rejected at review"


class Disposal(models.Model):
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="disposals")
    status = models.CharField(max_length=12, choices=DisposalStatus.choices, default=DisposalStatus.PROPOSED)
    reason = models.TextField(help_text="Why it may go: the retention rule and the review's reference")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    carried_out_at = models.DateTimeField(null=True, blank=True)
    rows_disposed = models.PositiveIntegerField(default=0, help_text="Rows whose content was replaced")

    class Meta:
        ordering = ["proposed_at", "id"]
        constraints = [
            # One disposal in flight per episode: a second proposal waits for the first's review.
            models.UniqueConstraint(
                fields=["episode"],
                condition=models.Q(status__in=["proposed", "approved", "carried_out"]),
                name="one_live_disposal_per_episode",
            ),
        ]

    def __str__(self) -> str:
        return f"Disposal {self.pk} of episode {self.episode_id}: {self.get_status_display()}"


class DisposalEvent(Event):
    """The disposal stream: `disposal:propose`, `:approve`, `:reject`, `:carry_out` (events.py)."""

    stream = "disposal"

    disposal = models.ForeignKey(Disposal, on_delete=models.PROTECT, related_name="events")

    class Meta:
        ordering = ["occurred_at", "id"]
