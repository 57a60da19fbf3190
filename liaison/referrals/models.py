"""The service directory, onward referrals with their lifecycle, and support contacts.

A referral is a projection of its events (REFER.tag, REFERRAL_UPDATE, SUPPORT_ASSIGN on the
episode), updated in the same transaction as each event is written; reporting reads the events.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from liaison.core.models import Event
from liaison.organisations.models import Scheme
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.codes import Sex
from liaison.referrals.codes import (
    ContactType,
    OpenTo,
    ReferralStatus,
    ReferralUrgency,
    ServiceType,
    team_type_code,
)
from liaison.referrals.lifecycle import ACTIVE


class Service(models.Model):
    """A service in a scheme's directory, that L&D refers people to."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=160)
    service_type = models.CharField(max_length=32, choices=ServiceType.choices)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(max_length=160, blank=True)
    address = models.TextField(blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Youngest age taken, if any")
    max_age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Oldest age taken, if any")
    open_to = models.CharField(max_length=8, choices=OpenTo.choices, default=OpenTo.ANYONE)
    how_to_refer = models.TextField(blank=True)
    active = models.BooleanField(default=True, help_text="Inactive services are kept for history, not offered")
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["scheme", "name"], name="service_name_unique_in_scheme")]
        indexes = [models.Index(fields=["scheme", "active", "service_type"])]

    def __str__(self) -> str:
        return self.name

    def takes_sex(self, sex: str | None) -> bool:
        """Whether it takes someone of this NHS sex code; an unknown or other sex is not turned
        away by a filter (the practitioner checks with the service)."""
        if self.open_to == OpenTo.WOMEN:
            return sex != Sex.MALE
        if self.open_to == OpenTo.MEN:
            return sex != Sex.FEMALE
        return True

    @property
    def team_type_code(self) -> str:
        return team_type_code(self.service_type)

    @property
    def age_range(self) -> str:
        if self.min_age is None and self.max_age is None:
            return "All ages"
        if self.max_age is None:
            return f"{self.min_age} and over"
        if self.min_age is None:
            return f"Up to {self.max_age}"
        return f"{self.min_age} to {self.max_age}"

    def takes_age(self, age: int | None) -> bool:
        """Unknown ages are not refused: the practitioner checks with the service."""
        if age is None:
            return True
        return (self.min_age is None or age >= self.min_age) and (self.max_age is None or age <= self.max_age)


class ServiceEvent(Event):
    """Who changed a directory entry, when, and what changed: `data["changes"]` maps field to
    [old, new]. Tagged `service:create`, `service:edit`, `service:deactivate`, `service:reactivate`."""

    stream = "service"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="changes")

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.service} {self.kind} by {self.actor} at {self.occurred_at:%d %b %Y %H:%M}"

    @property
    def label(self) -> str:
        return self.event_type.label

    @property
    def changes(self) -> dict[str, list[object]]:
        return dict(self.data.get("changes", {}))


class Referral(models.Model):
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    # Set in the same transaction as the referral: the event carries the referral's id, so the
    # row is written first and pointed at its event straight after.
    event = models.ForeignKey(
        PathwayEvent, on_delete=models.PROTECT, null=True, related_name="referrals_made", help_text="The referral event"
    )
    status = models.CharField(max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.MADE)
    urgency = models.CharField(max_length=12, choices=ReferralUrgency.choices, default=ReferralUrgency.ROUTINE)
    reason = models.TextField(blank=True)
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status_changed_at = models.DateTimeField()
    decline_reason = models.TextField(blank=True)
    appointment_at = models.DateTimeField(null=True, blank=True)
    appointment_place = models.CharField(max_length=200, blank=True)
    accompanied = models.BooleanField(null=True, blank=True, help_text="Did a support worker go with the person?")
    appointment_outcome = models.TextField(blank=True)
    support_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="supported_referrals"
    )
    follow_up_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["made_at", "id"]
        indexes = [
            models.Index(fields=["episode", "made_at"]),
            models.Index(fields=["support_worker", "status"]),
        ]

    def __str__(self) -> str:
        return f"Referral to {self.service} ({self.get_status_display().lower()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    def follow_up_overdue(self, today: date) -> bool:
        return self.is_active and self.follow_up_due is not None and self.follow_up_due < today


class SupportContact(models.Model):
    """A contact a support or peer worker had with the person, about a referral or in general."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="support_contacts")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts")
    event = models.ForeignKey(PathwayEvent, on_delete=models.PROTECT, null=True, related_name="support_contacts")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    contacted_at = models.DateTimeField()
    contact_type = models.CharField(max_length=16, choices=ContactType.choices)
    duration_minutes = models.PositiveSmallIntegerField()
    outcome = models.TextField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-contacted_at", "-id"]
        indexes = [models.Index(fields=["episode", "contacted_at"]), models.Index(fields=["worker", "contacted_at"])]

    def __str__(self) -> str:
        return f"{self.get_contact_type_display()} contact at {self.contacted_at:%d %b %Y %H:%M}"
