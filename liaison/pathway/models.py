"""An episode of L&D involvement and its append-only history of pathway events."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models

from liaison.core.events import EVENTS
from liaison.core.models import Event
from liaison.core.vocabulary import Urgency
from liaison.organisations.models import PointOfContact, Scheme, Site
from liaison.pathway.codes import AlertedBy, JusticeOutcome, LdOutcome, ReferralSource, SentenceType
from liaison.pathway.stages import OPEN_STAGES, Stage
from liaison.people.codes import YOUNG_PERSON_BAND, Sex
from liaison.people.models import Person


class Episode(models.Model):
    """One L&D involvement with a person, in one scheme.

    The stage and the step times are projections of the events, updated in the same
    transaction as each event is written; reporting reads the events themselves.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="episodes")
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="episodes")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="episodes", help_text="Where it started")
    current_site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="current_episodes")
    point_of_contact = models.CharField(max_length=24, choices=PointOfContact.choices)
    referral_source = models.CharField(max_length=2, choices=ReferralSource.choices)
    alerted_by = models.CharField(max_length=160, help_text="Who alerted L&D, e.g. custody sergeant")
    alerted_by_code = models.CharField(
        max_length=24, choices=AlertedBy.choices, blank=True, help_text="Who alerted L&D, where a listed role"
    )
    concerns = models.JSONField(default=list, help_text="Vulnerability codes raised at identification")
    concerns_note = models.TextField(blank=True)
    age_band = models.CharField(max_length=16)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.IDENTIFIED, db_index=True)
    stage_before_closure = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    target_minutes = models.PositiveIntegerField(help_text="Response-time target for screening at identification")
    identified_at = models.DateTimeField(db_index=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    referred_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    justice_outcome = models.CharField(max_length=24, choices=JusticeOutcome.choices, blank=True)
    sentence_type = models.CharField(max_length=32, choices=SentenceType.choices, blank=True)
    ld_outcome = models.CharField(max_length=24, choices=LdOutcome.choices, blank=True)
    urgency = models.CharField(
        max_length=12, choices=Urgency.choices, blank=True, help_text="How soon L&D acts, from the latest screening"
    )
    screening_urgencies = models.JSONField(
        default=list, blank=True, help_text="Each standing screening's [UTC time, urgency], oldest first"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-identified_at"]
        indexes = [
            models.Index(fields=["scheme", "stage"]),
            models.Index(fields=["current_site", "stage"]),
            models.Index(fields=["person", "scheme", "stage"]),
        ]

    def __str__(self) -> str:
        return f"Episode for {self.person} from {self.identified_at:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def target(self) -> timedelta:
        return timedelta(minutes=self.target_minutes)

    def wait_for_screening(self, at: datetime) -> timedelta:
        """Time from identification to screening, or until `at` while still waiting."""
        return (self.screened_at or at) - self.identified_at

    def breaches_target(self, at: datetime) -> bool:
        return self.wait_for_screening(at) > self.target

    # Flags: facts about the person at this episode, never findings to suspect or confirm.
    @property
    def young_person(self) -> bool:
        """10 to 17 on the day they were identified (the age band kept at identification)."""
        return self.age_band == YOUNG_PERSON_BAND

    @property
    def woman(self) -> bool:
        """Female, and an adult or of unknown age: a girl is on the young person's pathway."""
        return self.person.sex == Sex.FEMALE and not self.young_person


class PathwayEvent(Event):
    """One thing that happened in an episode, tagged as its app's `events.py` declares. Never
    updated or deleted."""

    stream = "episode"

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="events")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    stage_after = models.CharField(max_length=12, choices=Stage.choices)
    voids = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="voided_by", unique=True
    )

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["episode", "occurred_at"]), models.Index(fields=["kind", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.label} at {self.occurred_at:%d %b %Y %H:%M}"

    @property
    def label(self) -> str:
        return self.event_type.label if self.kind in EVENTS else self.kind

    @property
    def voidable(self) -> bool:
        return self.kind in EVENTS and self.event_type.voidable
