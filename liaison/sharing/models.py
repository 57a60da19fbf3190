"""Consent records and information shares.

Both are written by actions that go through the pathway gate, so each has the event that
recorded it. A consent is about the person but given within an episode; it is never edited,
only withdrawn (a second event). A share keeps a snapshot of exactly what left the service, and
its report is rendered from that snapshot alone.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.models import Person
from liaison.sharing.codes import (
    Agency,
    CapacityOutcome,
    Channel,
    ChildRoute,
    ConfidentialityBasis,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    LawfulBasis6,
    LawfulBasis9,
    OverrideKind,
    Purpose,
    ReportKind,
    Schedule1Condition,
    ShareBasis,
)


class Consent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="consents")
    event = models.OneToOneField(PathwayEvent, on_delete=models.PROTECT, related_name="consent")
    scope = models.CharField(max_length=12, choices=ConsentScope.choices)
    agency = models.CharField(max_length=24, choices=Agency.choices, blank=True)
    agency_name = models.CharField(max_length=160, blank=True, help_text="The named agency, e.g. a court")
    purpose = models.CharField(max_length=24, choices=Purpose.choices, blank=True)
    decision = models.CharField(max_length=16, choices=ConsentDecision.choices)
    method = models.CharField(max_length=8, choices=ConsentMethod.choices)
    given_at = models.DateTimeField(help_text="When the person gave or refused consent")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    capacity_in_doubt = models.BooleanField(default=False)
    capacity_judged_by = models.CharField(max_length=160, blank=True)
    capacity_outcome = models.CharField(max_length=24, choices=CapacityOutcome.choices, blank=True)
    capacity_note = models.TextField(blank=True)
    # Best interests (MCA s.4) and deferred consent: why, and when to ask the person again.
    best_interests_reason = models.TextField(blank=True)
    seek_consent_by = models.DateTimeField(null=True, blank=True, help_text="Deferred: when to ask the person")
    age_at_episode = models.PositiveSmallIntegerField(null=True, blank=True)
    guardian_name = models.CharField(max_length=160, blank=True, help_text="Parent or guardian involved")
    guardian_relationship = models.CharField(max_length=80, blank=True)
    # Under 16: Gillick competence (the child's own decision) or a parent or guardian, with reasons.
    child_route = models.CharField(max_length=12, choices=ChildRoute.choices, blank=True)
    child_route_reason = models.TextField(blank=True)
    # Under 18 in police custody: the appropriate adult present (PACE Code C).
    appropriate_adult_name = models.CharField(max_length=160, blank=True)
    appropriate_adult_role = models.CharField(max_length=80, blank=True, help_text="For example, parent")
    note = models.TextField(blank=True)
    # Set once, by the withdrawal action, together with its event.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.TextField(blank=True)
    withdraw_event = models.OneToOneField(
        PathwayEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="withdrawn_consent"
    )

    class Meta:
        ordering = ["-given_at", "-recorded_at"]
        indexes = [models.Index(fields=["episode", "scope", "agency", "purpose"])]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.describe}"

    @property
    def describe(self) -> str:
        if self.scope != ConsentScope.SHARE:
            return str(ConsentScope(self.scope).label)
        agency = self.agency_name or Agency(self.agency).label
        return f"Sharing with {agency} for {Purpose(self.purpose).label.lower()}"

    @property
    def awaits_consent(self) -> bool:
        """A deferred decision: the person is to be asked once they can decide."""
        return self.decision == ConsentDecision.DEFERRED and not self.is_withdrawn

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_in_force(self) -> bool:
        return self.decision == ConsentDecision.GIVEN and not self.is_withdrawn

    @property
    def status_label(self) -> str:
        if self.is_withdrawn:
            return "Withdrawn"
        return str(ConsentDecision(self.decision).label)


class InformationShare(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="information_shares")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="information_shares")
    event = models.OneToOneField(PathwayEvent, on_delete=models.PROTECT, related_name="information_share")
    agency = models.CharField(max_length=24, choices=Agency.choices)
    agency_name = models.CharField(max_length=160, blank=True, help_text="The named agency, e.g. a court")
    recipient_name = models.CharField(max_length=160, help_text="The named person or office shared with")
    purpose = models.CharField(max_length=24, choices=Purpose.choices)
    lawful_basis_6 = models.CharField(max_length=8, choices=LawfulBasis6.choices)
    lawful_basis_9 = models.CharField(max_length=8, choices=LawfulBasis9.choices)
    schedule1_condition = models.CharField(
        max_length=8, choices=Schedule1Condition.choices, blank=True, help_text="For Article 9(2)(g)"
    )
    # The common-law duty of confidentiality, a basis of its own beside the UK GDPR one.
    confidentiality_basis = models.CharField(max_length=16, choices=ConfidentialityBasis.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    shared_at = models.DateTimeField()
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=12, choices=ShareBasis.choices)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="shares")
    override_kind = models.CharField(max_length=16, choices=OverrideKind.choices, blank=True)
    override_reason = models.TextField(blank=True)
    override_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    override_statute = models.CharField(max_length=160, blank=True, help_text="The statute, when one requires it")
    # Caldicott principle 8 and the Guardian's advice, on overrides. None: recorded before these
    # were asked (the row predates them), never a share made since.
    caldicott_consulted = models.BooleanField(null=True, blank=True)
    caldicott_guardian = models.CharField(max_length=160, blank=True)
    caldicott_consulted_at = models.DateTimeField(null=True, blank=True)
    caldicott_not_consulted_reason = models.TextField(blank=True)
    person_informed = models.BooleanField(null=True, blank=True)
    person_not_informed_reason = models.TextField(blank=True)
    report_kind = models.CharField(max_length=12, choices=ReportKind.choices)
    report_version = models.PositiveSmallIntegerField()
    # Exactly what was shared, as it read at the time: the report is rendered from this alone.
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-shared_at"]

    def __str__(self) -> str:
        return f"Shared with {self.get_agency_display()} for {self.get_purpose_display().lower()}"
