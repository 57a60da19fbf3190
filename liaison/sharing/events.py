"""Sharing's tags: consent recorded or withdrawn, and information shared."""

from __future__ import annotations

from pydantic import Field

from liaison.core.events import Payload, declare
from liaison.pathway.stages import Step


class ConsentRecorded(Payload):
    """A consent decision: to share with whom, for what, how it was given, and capacity."""

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


class ConsentWithdrawn(Payload):
    consent_id: str
    scope: str
    agency: str
    purpose: str
    note: str = ""


class Shared(Payload):
    """Information shared with police, a court, probation or another agency."""

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


CONSENT_RECORD = declare("consent:record", ConsentRecorded, label="Consent recorded", step=Step.CONSENT)
CONSENT_WITHDRAW = declare("consent:withdraw", ConsentWithdrawn, label="Consent withdrawn", step=Step.CONSENT)
SHARE = declare("share:make", Shared, label="Information shared", step=Step.SHARE)
