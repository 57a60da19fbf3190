"""Referrals' tags: the refer step, a referral's progress, support, and the service directory."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from liaison.core.events import Instant, NotUpgradable, Payload, Upgrade, declare
from liaison.pathway.stages import Step


class AboutReferral(Payload):
    """What every referral event says about its referral, so reports need nothing but events."""

    referral_id: int
    service_id: int
    service: str = Field(description="The service's name when the event was written")
    service_type: str = Field(description="ServiceType code")
    team_type_code: str = Field("", description="NHS Data Dictionary service or team type code")
    status: str = Field(description="ReferralStatus code after the event")


class Referred(AboutReferral):
    """An onward referral to a directory service: the pathway's refer step."""

    urgency: str = Field(description="ReferralUrgency code")
    reason: str = ""


class ReferredV1(Payload):
    """Version 1 held two shapes: a directory referral (as today) and, from before the service
    directory, an outline naming the service in words with no referral behind it."""

    service: str
    reason: str = ""
    referral_id: int | None = None
    service_id: int | None = None
    service_type: str | None = None
    team_type_code: str | None = None
    status: str | None = None
    urgency: str | None = None


def _refer_v2(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("referral_id") is None:
        raise NotUpgradable("an outline referral has no directory referral")
    return data


class ReferralUpdated(AboutReferral):
    """A referral's progress: accepted, declined, an appointment, attended or not, engagement."""

    transition: str
    from_status: str
    reason: str | None = None
    appointment_at: Instant | None = None
    place: str | None = None
    accompanied: bool | None = None
    outcome: str | None = None
    note: str | None = None
    follow_up_due: date | None = None


class SupportAssigned(AboutReferral):
    worker_id: int
    worker: str
    follow_up_due: date | None = None
    note: str | None = None


class SupportContacted(Payload):
    """A support contact, about a referral or not."""

    contact_id: int
    contact_type: str
    duration_minutes: int | None = None
    outcome: str = ""
    note: str = ""
    worker_id: int
    worker: str
    referral_id: int | None = None
    service_id: int | None = None
    service: str | None = None
    service_type: str | None = None
    team_type_code: str | None = None
    status: str | None = None
    follow_up_due: date | None = None


class ServiceChanged(Payload):
    """A directory entry added, edited, deactivated or reactivated: field -> [old, new]."""

    changes: dict[str, list[Any]] = Field(default_factory=dict)


REFER = declare(
    "episode:refer",
    Referred,
    label="Referred",
    step=Step.REFER,
    marks="referred_at",
    voidable=True,
    version=2,
    older={1: Upgrade(ReferredV1, _refer_v2)},
)
REFERRAL_UPDATE = declare("referral:update", ReferralUpdated, label="Referral progress", step=Step.SUPPORT)
SUPPORT_ASSIGN = declare("support:assign", SupportAssigned, label="Support worker assigned", step=Step.SUPPORT)
SUPPORT_CONTACT = declare("support:contact", SupportContacted, label="Support contact", step=Step.SUPPORT)
SERVICE_CREATE = declare("service:create", ServiceChanged, label="Added", stream="service")
SERVICE_EDIT = declare("service:edit", ServiceChanged, label="Edited", stream="service")
SERVICE_DEACTIVATE = declare("service:deactivate", ServiceChanged, label="Deactivated", stream="service")
SERVICE_REACTIVATE = declare("service:reactivate", ServiceChanged, label="Reactivated", stream="service")
