"""People's tags: a person recorded, their details corrected, two records merged or split.

Linkage (repeat contacts) reads these to follow a person across records; reporting reads only
what it pseudonymises.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from liaison.core.events import Payload, declare


class PersonCreated(Payload):
    """A person new to L&D, recorded by a scheme: the identifiers and demographics given."""

    scheme_id: int = Field(description="The scheme that registered the person")
    identifiers: dict[str, str] = Field(
        default_factory=dict, description="nhs_number, nhs_number_status, pnc_id, postcode when given"
    )
    demographics: dict[str, Any] = Field(
        default_factory=dict, description="date_of_birth, sex, gender_identity, ethnicity"
    )
    aliases: int = Field(0, description="How many aliases were recorded")
    local_identifiers: list[str] = Field(default_factory=list, description="IdentifierSystem codes recorded")


class PersonChanged(Payload):
    """Details corrected after identification: field -> [old, new]. `aliases` and
    `local_identifiers` are added, never replaced: [null, names added] and [null, [system, value]
    pairs added]."""

    changes: dict[str, list[Any]]
    reason: str


class PeopleMerged(Payload):
    """Two records found to be one person: `merged_id` is folded into `into_id`. Written on both
    records, so each one's history says what became of it."""

    merged_id: str = Field(description="The record folded in (its episodes, aliases and identifiers moved)")
    into_id: str | None = Field(None, description="The record kept")
    reason: str
    probability: float | None = None


class PeopleUnmerged(Payload):
    """A merge undone: `merged_id` is a person of their own again, taken back out of `into_id`.
    Written on both records."""

    merged_id: str
    into_id: str | None = Field(None, description="The record it had been folded into")
    reason: str


CREATE = declare("person:create", PersonCreated, label="Person recorded", stream="person")
CHANGE = declare("person:change", PersonChanged, label="Details corrected", stream="person")
MERGE = declare("person:merge", PeopleMerged, label="Records merged", stream="person")
UNMERGE = declare("person:unmerge", PeopleUnmerged, label="Merge undone", stream="person")
