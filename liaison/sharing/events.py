"""Sharing's tags: consent recorded or withdrawn, and information shared.

Version 2 of each (2026-12) adds what the law asks to be recorded: the under-16 route and the
appropriate adult, best interests and deferred consent, the consents a withdrawal ends, the named
agency, the Schedule 1 condition, the common-law basis, and on overrides the statute, the Caldicott
Guardian's advice and whether the person was told. Version 1 rows read as version 2 with those
left at their defaults (not recorded then).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from liaison.core.events import Payload, Upgrade, declare
from liaison.pathway.stages import Step


class ConsentRecordedV1(Payload):
    consent_id: str
    scope: str = Field(description="ConsentScope code")
    agency: str = Field(description="Agency code")
    agency_name: str = ""
    purpose: str = Field(description="Purpose code")
    decision: str = Field(description="ConsentDecision code")
    method: str = Field(description="ConsentMethod code")
    capacity_in_doubt: bool = False
    capacity_judged_by: str = ""
    capacity_outcome: str = ""
    guardian_name: str = ""
    guardian_relationship: str = ""


class ConsentRecorded(ConsentRecordedV1):
    """A consent decision: to share with whom, for what, how it was given, and capacity; for a
    child, the Gillick or parental route; in custody under 18, the appropriate adult."""

    child_route: str = Field("", description="ChildRoute code, under 16")
    appropriate_adult_name: str = ""
    appropriate_adult_role: str = ""
    seek_consent_by: str | None = Field(None, description="Deferred consent: when to ask the person (ISO 8601)")


class ConsentWithdrawnV1(Payload):
    consent_id: str
    scope: str
    agency: str
    purpose: str
    note: str = ""


class ConsentWithdrawn(ConsentWithdrawnV1):
    agency_name: str = ""
    # Withdrawal is of the agency and purpose, not of one record: every standing consent it ends.
    ended_consent_ids: list[str] = Field(default_factory=list)


class SharedV1(Payload):
    share_id: str
    agency: str
    recipient_name: str = ""
    purpose: str
    channel: str
    basis: str = Field(description="ShareBasis code: consent or override")
    consent_id: str | None = None
    override_kind: str = ""
    override_approved_by: int | None = None
    lawful_basis_6: str = ""
    lawful_basis_9: str = ""
    finding_ids: list[int] = Field(default_factory=list)
    referral_event_ids: list[int] = Field(default_factory=list)


class Shared(SharedV1):
    """Information shared with police, a court, probation or another agency."""

    agency_name: str = ""
    schedule1_condition: str = Field("", description="Schedule1Condition code, with Article 9(2)(g)")
    confidentiality_basis: str = Field("", description="ConfidentialityBasis code (common law)")
    override_statute: str = ""
    caldicott_consulted: bool | None = None
    person_informed: bool | None = None


def _same(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds fields with defaults: a version 1 payload reads as it is."""
    return data


CONSENT_RECORD = declare(
    "consent:record",
    ConsentRecorded,
    label="Consent recorded",
    step=Step.CONSENT,
    version=2,
    older={1: Upgrade(ConsentRecordedV1, _same)},
)
CONSENT_WITHDRAW = declare(
    "consent:withdraw",
    ConsentWithdrawn,
    label="Consent withdrawn",
    step=Step.CONSENT,
    version=2,
    older={1: Upgrade(ConsentWithdrawnV1, _same)},
)
SHARE = declare(
    "share:make", Shared, label="Information shared", step=Step.SHARE, version=2, older={1: Upgrade(SharedV1, _same)}
)
