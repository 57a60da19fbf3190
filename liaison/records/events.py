"""The records app's tags: a disposal of a record past retention, step by step (ADR 0027)."""

from __future__ import annotations

import uuid

from pydantic import Field

from liaison.core.events import Payload, declare


class DisposalProposed(Payload):
    disposal_id: int
    episode_id: uuid.UUID
    scheme_code: str
    closed_on: str = Field(description="The episode's closing date, YYYY-MM-DD")
    reason: str


class DisposalReviewed(Payload):
    disposal_id: int
    episode_id: uuid.UUID
    note: str = ""


class DisposalCarriedOut(Payload):
    disposal_id: int
    episode_id: uuid.UUID
    rows: int = Field(description="Rows whose content was replaced by a tombstone")
    redacted_rows: int = Field(description="Of which rows of append-only tables, each an audit.Redaction")


DISPOSAL_PROPOSE = declare("disposal:propose", DisposalProposed, label="Disposal proposed", stream="disposal")
DISPOSAL_APPROVE = declare("disposal:approve", DisposalReviewed, label="Disposal approved", stream="disposal")
DISPOSAL_REJECT = declare("disposal:reject", DisposalReviewed, label="Disposal rejected", stream="disposal")
DISPOSAL_CARRY_OUT = declare("disposal:carry_out", DisposalCarriedOut, label="Disposal carried out", stream="disposal")
