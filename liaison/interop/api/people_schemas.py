"""Request and response shapes of the people operations (`people`): search, record someone new,
open one record, and correct one. The shapes shared with other operations, and the text types,
are in `schemas`."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints

from liaison.interop.api.schemas import Code, EpisodeSummary, Ident, Name, PersonSummary, one_of, storable
from liaison.people.codes import Ethnicity, GenderIdentity, IdentifierSystem, NhsNumberStatus, Sex

# A correction's reason, as long as the page allows and the person's history keeps.
Reason = Annotated[str, StringConstraints(max_length=1000), AfterValidator(storable)]


class AliasIn(Schema):
    given_name: Name = ""
    family_name: Name


class LocalIdentifierIn(Schema):
    system: Code = Field(description=one_of(IdentifierSystem))
    value: Ident


class PersonIn(Schema):
    scheme: Code | None = Field(
        None, description="Code of the scheme recording the person (GET /me); optional with one"
    )
    given_name: Name
    family_name: Name
    date_of_birth: date | None = None
    sex: Code = Field("X", description=one_of(Sex))
    gender_identity: Code = Field("X", description=one_of(GenderIdentity))
    ethnicity: Code = Field("99", description=one_of(Ethnicity))
    postcode: Code = ""
    nhs_number: Code = ""
    nhs_number_status: Code = Field("", description=one_of(NhsNumberStatus))
    pnc_id: Code = ""
    aliases: list[AliasIn] = Field(default_factory=list, max_length=20)
    local_identifiers: list[LocalIdentifierIn] = Field(default_factory=list, max_length=20)


class PersonCorrectionIn(Schema):
    """The details to correct; a field left out keeps its value. A changed NHS number sent without
    a status is unverified (a trace verified the old number, not this one)."""

    given_name: Name | None = None
    family_name: Name | None = None
    date_of_birth: date | None = None
    sex: Code | None = Field(None, description=one_of(Sex))
    gender_identity: Code | None = Field(None, description=one_of(GenderIdentity))
    ethnicity: Code | None = Field(None, description=one_of(Ethnicity))
    postcode: Code | None = None
    nhs_number: Code | None = None
    nhs_number_status: Code | None = Field(None, description=one_of(NhsNumberStatus))
    pnc_id: Code | None = None
    reason: Reason = Field(description="Why the details are corrected (kept in the person's history)")


class AliasAddIn(AliasIn):
    reason: Reason = Field(description="Why the name is added (kept in the person's history)")


class AliasOut(Schema):
    given_name: str
    family_name: str


class LocalIdentifierOut(Schema):
    scheme: str
    system: str
    value: str


class PersonOut(PersonSummary):
    sex: str
    gender_identity: str
    ethnicity: str
    postcode: str
    nhs_number_status: str
    pnc_id: str
    registered_by_scheme: str
    created_at: datetime
    aliases: list[AliasOut]
    local_identifiers: list[LocalIdentifierOut]


class KnownElsewhereOut(Schema):
    """Minimal identity of someone held only by other schemes: enough to avoid a duplicate."""

    person_id: uuid.UUID
    name: str
    date_of_birth: date | None
    known_to: list[str]


class SearchOut(Schema):
    people: list[PersonOut]
    known_elsewhere: list[KnownElsewhereOut]
    more: bool = Field(
        default=False, description="More people match than are listed: narrow by first name or date of birth"
    )


class PersonDetailOut(PersonOut):
    episodes: list[EpisodeSummary]
