"""The network's tags: schemes, sites and response targets changed, and staff memberships
(roles) granted or ended. Who could see and record what, and since when, is history too."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from liaison.core.events import Payload, declare


class Changed(Payload):
    """A record added or changed: field -> [old, new] (old is null when it is new)."""

    changes: dict[str, list[Any]] = Field(default_factory=dict)


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
MEMBERSHIP_GRANT = declare("membership:grant", MembershipGranted, label="Role granted", stream="organisation")
MEMBERSHIP_END = declare("membership:end", MembershipEnded, label="Role ended", stream="organisation")
