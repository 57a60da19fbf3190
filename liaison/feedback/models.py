"""Feedback from the people L&D sees, what schemes did about it, and lived-experience
involvement in the programme (issue 9, section 4).

A response holds no one's identity: no name, no date of birth, no episode, not even the time of
day (in a quiet custody suite the hour could point at the one person detained), only the day.
It is append-only and in the hash chain like every record that must not change after the fact.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liaison.core.models import AppendOnlyModel, Event
from liaison.feedback.vocabulary import Agree, Format, HelpedBy, Language, Overall
from liaison.organisations.models import Scheme, Site


class FeedbackResponse(AppendOnlyModel):
    """One person's answers to the easy-read form, anonymous."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="feedback")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, null=True, blank=True, related_name="feedback")
    given_on = models.DateField()
    overall = models.CharField(max_length=12, choices=Overall.choices)
    listened = models.CharField(max_length=12, choices=Agree.choices, blank=True)
    understood = models.CharField(max_length=12, choices=Agree.choices, blank=True)
    safe_to_talk = models.CharField(max_length=12, choices=Agree.choices, blank=True)
    what_was_good = models.TextField(blank=True, max_length=1_000)
    what_could_be_better = models.TextField(blank=True, max_length=1_000)
    helped_by = models.CharField(max_length=20, choices=HelpedBy.choices, blank=True)
    format = models.CharField(max_length=12, choices=Format.choices, default=Format.ON_SCREEN)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    language_other = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["scheme", "given_on"]), models.Index(fields=["given_on"])]

    def __str__(self) -> str:
        return f"Feedback {self.pk} ({self.scheme_id}, {self.given_on})"


class Action(models.Model):
    """ "You said, we did": what a scheme changed after feedback, shown back to the people giving it."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="feedback_actions")
    you_said = models.TextField(max_length=1_000)
    we_did = models.TextField(max_length=1_000)
    done_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-done_on", "-id"]

    def __str__(self) -> str:
        return f"You said, we did ({self.scheme_id}, {self.done_on})"


class GroupKind(models.TextChoices):
    PANEL = "panel", "Lived-experience panel"
    FORUM = "forum", "Service-user forum"
    CO_DESIGN = "co_design", "Co-design group"


class InvolvementGroup(models.Model):
    """A panel or forum of people with lived experience: a scheme's, or the national programme's
    (no scheme)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, null=True, blank=True, related_name="groups")
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=12, choices=GroupKind.choices)
    purpose = models.TextField(max_length=1_000, blank=True)
    started_on = models.DateField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    group = models.ForeignKey(InvolvementGroup, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    attended = models.PositiveSmallIntegerField(help_text="Everyone who took part")
    with_lived_experience = models.PositiveSmallIntegerField(help_text="Of them, people with lived experience")
    summary = models.TextField(max_length=4_000)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(with_lived_experience__lte=models.F("attended")),
                name="meeting_lived_experience_within_attended",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} on {self.held_on}"


class DecisionArea(models.TextChoices):
    STANDARDS = "standards", "Quality standards"
    PEER_SUPPORT = "peer_support", "The peer support model"
    SERVICE_DESIGN = "service_design", "How the service works"
    INFORMATION = "information", "Information and leaflets"
    TRAINING = "training", "Training of staff"
    GOVERNANCE = "governance", "Governance"


class Decision(models.Model):
    """A decision of the programme or a scheme that a meeting of people with lived experience
    informed: what was decided, by whom, and what the group said that shaped it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    area = models.CharField(max_length=16, choices=DecisionArea.choices)
    decision = models.TextField(max_length=1_000)
    decided_by = models.CharField(max_length=160, help_text="The board or person that decided")
    decided_on = models.DateField()
    influence = models.TextField(max_length=1_000, help_text="What the group said that shaped it")

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_area_display()} ({self.decided_on})"


class FeedbackEvent(Event):
    """The feedback stream: staff's "you said, we did" and involvement records (`events.py`).
    An anonymous response has no actor to name: it is its own append-only record."""

    stream = "feedback"

    class Subject(models.TextChoices):
        ACTION = "action", "You said, we did"
        GROUP = "group", "Involvement group"
        MEETING = "meeting", "Meeting"
        DECISION = "decision", "Decision"

    subject = models.CharField(max_length=12, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField()
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["subject", "subject_id", "occurred_at"])]
