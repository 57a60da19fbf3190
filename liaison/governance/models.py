"""Governance, commissioning and guidance (issue 9, section 5; ADR 0032).

- A scheme's partnership board: its members by agency (staff of the partner agencies, never
  the people the scheme sees), its meetings (who attended, a summary of the minutes), and the
  decisions and actions taken there. An action is closed as completed or withdrawn with a
  reason, never deleted.
- Commissioning: per scheme, over time, who commissions it, who leads the provision, who is
  subcontracted, the contract period and the model of provision (a code from
  `data/provision-models.json`).
- Guidance: versioned good-practice documents loaded from a file, each naming the standards
  criteria it supports by framework and criterion code (so a new framework version that keeps
  a code keeps its guidance).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liaison.core.models import Event
from liaison.organisations.models import Scheme


class Agency(models.TextChoices):
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    COURTS = "courts", "Courts"
    PROBATION = "probation", "Probation"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    LIVED_EXPERIENCE = "lived_experience", "Lived experience"
    COMMISSIONER = "commissioner", "Commissioner"
    OTHER = "other", "Other"


class Board(models.Model):
    """A scheme's partnership board: the agencies it works with, overseeing it together."""

    scheme = models.OneToOneField(Scheme, on_delete=models.PROTECT, related_name="board")
    name = models.CharField(max_length=160)
    established_on = models.DateField()

    def __str__(self) -> str:
        return self.name


class BoardMember(models.Model):
    """A member of staff of a partner agency sitting on the board (never a patient)."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=160)
    role_title = models.CharField(max_length=160, help_text="Their job, e.g. Custody inspector")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    organisation = models.CharField(max_length=200)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class BoardMeeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    attendees = models.ManyToManyField(BoardMember, related_name="meetings_attended")
    minutes = models.TextField(max_length=4_000, help_text="A summary of the minutes")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.board} on {self.held_on}"


class BoardDecision(models.Model):
    meeting = models.ForeignKey(BoardMeeting, on_delete=models.PROTECT, related_name="decisions")
    decision = models.TextField(max_length=1_000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Decision of {self.meeting}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class BoardAction(models.Model):
    """Something the board asked a member to do by a date; closed, never deleted."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.PROTECT, related_name="actions")
    decision = models.ForeignKey(BoardDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="actions")
    action = models.TextField(max_length=1_000)
    owner = models.ForeignKey(BoardMember, on_delete=models.PROTECT, related_name="actions")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    closed_note = models.CharField(max_length=300, blank=True, help_text="What was done, or why it was withdrawn")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=ActionStatus.OPEN, closed_on__isnull=True)
                | (~models.Q(status=ActionStatus.OPEN) & models.Q(closed_on__isnull=False)),
                name="board_action_closed_has_a_date",
            )
        ]

    def __str__(self) -> str:
        return f"Action due {self.due_on} ({self.status})"


class Arrangement(models.Model):
    """How a scheme was commissioned and provided for one contract period."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="arrangements")
    commissioner = models.CharField(max_length=200, help_text="The commissioning organisation")
    lead_provider = models.CharField(max_length=200)
    model = models.CharField(max_length=40, help_text="A code of data/provision-models.json")
    contract_start = models.DateField()
    contract_end = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["scheme__name", "-contract_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contract_end__isnull=True) | models.Q(contract_end__gte=models.F("contract_start")),
                name="arrangement_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id} from {self.contract_start}"


class Subcontractor(models.Model):
    arrangement = models.ForeignKey(Arrangement, on_delete=models.PROTECT, related_name="subcontractors")
    organisation = models.CharField(max_length=200)
    provides = models.CharField(max_length=200, help_text="e.g. voluntary-sector support workers")

    class Meta:
        ordering = ["organisation"]

    def __str__(self) -> str:
        return self.organisation


class GuidanceDocument(models.Model):
    """One version of a good-practice document, as loaded from the guidance file."""

    code = models.CharField(max_length=40)
    version = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    published_on = models.DateField()
    summary = models.TextField(max_length=1_000)
    body = models.TextField(blank=True)
    url = models.URLField(blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    digest = models.CharField(max_length=64, help_text="SHA-256 of the document's canonical JSON in the file")
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["title", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="guidance_version_once")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def current(self) -> bool:
        return self.superseded_by_id is None


class GuidanceSupport(models.Model):
    """A standards criterion a document supports, by framework and criterion code."""

    document = models.ForeignKey(GuidanceDocument, on_delete=models.PROTECT, related_name="supports")
    framework_code = models.CharField(max_length=40)
    criterion_code = models.CharField(max_length=24)

    class Meta:
        ordering = ["criterion_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "framework_code", "criterion_code"], name="guidance_supports_once"
            )
        ]
        indexes = [models.Index(fields=["framework_code", "criterion_code"])]

    def __str__(self) -> str:
        return f"{self.document.code} supports {self.criterion_code}"


class GovernanceEvent(Event):
    """The governance stream (`events.py`): boards, their meetings, decisions and actions, and
    commissioning arrangements. Loading guidance, like a standards framework, has no actor."""

    stream = "governance"

    class Subject(models.TextChoices):
        BOARD = "board", "Partnership board"
        MEMBER = "member", "Board member"
        MEETING = "meeting", "Board meeting"
        DECISION = "decision", "Board decision"
        ACTION = "action", "Board action"
        ARRANGEMENT = "arrangement", "Commissioning arrangement"

    subject = models.CharField(max_length=12, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField()
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["subject", "subject_id", "occurred_at"])]
