"""Reporting's tags: a scheme's monthly return submitted (and submitted again, with a reason)."""

from __future__ import annotations

from pydantic import Field

from liaison.core.events import Payload, declare


class ReturnSubmitted(Payload):
    return_id: int
    scheme_code: str
    month: str = Field(description="YYYY-MM, the month the return covers (Europe/London)")
    version: int = Field(description="1 for the first submission; each resubmission is the next")
    content_hash: str = Field(description="SHA-256 of the submitted return's canonical JSON")
    reason: str = Field("", description="Why it was submitted again (required from version 2)")
    late: bool = Field(description="Submitted after the month's due date")


RETURN_SUBMIT = declare("return:submit", ReturnSubmitted, label="Monthly return submitted", stream="return")
