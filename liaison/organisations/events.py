"""The network's tags: schemes, sites and response targets changed, footprints (the local
authorities a scheme covers, and when) added, changed or removed, and staff memberships (roles)
granted or ended. Who could see and record what, where and since when, is history too."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from liaison.core.events import Payload, declare


class Changed(Payload):
    """A record added or changed: field -> [old, new] (old is null when it is new)."""

    changes: dict[str, list[Any]] = Field(default_factory=dict)


class FootprintAdded(Payload):
    """A local authority the scheme covers from one date (to another, or still)."""

    local_authority: str = Field(description="ONS code of the local authority")
    name: str
    effective_from: date
    effective_to: date | None = Field(default=None, description="Last day covered; null while it still is")


class FootprintChanged(Payload):
    """A footprint's dates changed: field -> [old, new]."""

    local_authority: str = Field(description="ONS code of the local authority")
    changes: dict[str, list[Any]]


class FootprintRemoved(FootprintAdded):
    """A footprint entered in error, taken out (a scheme that stops covering an area ends its
    footprint instead, with `scheme:footprint:change`)."""

    reason: str


class MembershipGranted(Payload):
    user_id: int
    username: str
    role: str = Field(description="Role code")
    scheme_id: int | None = None
    site_id: int | None = None


class MembershipEnded(MembershipGranted):
    reason: str = ""


SCHEME_CHANGE = declare("scheme:change", Changed, label="Scheme changed", stream="organisation")
SITE_CHANGE = declare("site:change", Changed, label="Site changed", stream="organisation")
TARGET_CHANGE = declare("response_target:change", Changed, label="Response target changed", stream="organisation")
FOOTPRINT_ADD = declare("scheme:footprint:add", FootprintAdded, label="Area covered", stream="organisation")
FOOTPRINT_CHANGE = declare(
    "scheme:footprint:change", FootprintChanged, label="Area's cover changed", stream="organisation"
)
FOOTPRINT_REMOVE = declare(
    "scheme:footprint:remove", FootprintRemoved, label="Area removed in error", stream="organisation"
)
MEMBERSHIP_GRANT = declare("membership:grant", MembershipGranted, label="Role granted", stream="organisation")
MEMBERSHIP_END = declare("membership:end", MembershipEnded, label="Role ended", stream="organisation")
