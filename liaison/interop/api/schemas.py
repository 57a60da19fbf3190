"""Request and response shapes of the JSON API. Codes are the same as the pages and the models use."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from django.db.models import TextChoices
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from liaison.core.limits import DOCUMENT_LIMIT, LINE_LIMIT, NOTE_LIMIT
from liaison.core.vocabulary import FindingStatus, Urgency, Vulnerability
from liaison.pathway.codes import AlertedBy, JusticeOutcome, LdOutcome, ReferralSource, SentenceType
from liaison.referrals.codes import ReferralUrgency
from liaison.screening.models import FindingSource


def storable(value: str) -> str:
    """The text, if the database can store it: the validator of every text type of the API."""
    # PostgreSQL refuses NUL in text and JSON, and lone surrogates cannot be encoded: both would
    # otherwise surface as a server error deep in the database driver.
    if "\x00" in value:
        raise ValueError("Text must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text must be valid Unicode") from None
    return value


def _plausible(value: datetime) -> datetime:
    # Far-off years pass the actions' checks but cannot be converted to UTC for storage.
    if not 1900 <= value.year <= 2100:
        raise ValueError("Give a date and time between 1900 and 2100")
    return value


When = Annotated[datetime, AfterValidator(_plausible)]

# Text fields with the longest value the database column (or good sense) allows.
Code = Annotated[str, StringConstraints(max_length=40), AfterValidator(storable)]
Ident = Annotated[str, StringConstraints(max_length=60), AfterValidator(storable)]
Name = Annotated[str, StringConstraints(max_length=100), AfterValidator(storable)]
# Short, Long and Document are the forms' and the models' limits (liaison.core.limits).
Short = Annotated[str, StringConstraints(max_length=LINE_LIMIT), AfterValidator(storable)]
Long = Annotated[str, StringConstraints(max_length=NOTE_LIMIT), AfterValidator(storable)]
Document = Annotated[str, StringConstraints(max_length=DOCUMENT_LIMIT), AfterValidator(storable)]
# A site by its code ("SITE12") or its numeric id.
SiteRef = Annotated[
    Code | int, Field(description="The site's code or numeric id (GET /me, GET /schemes/{scheme_id}/sites)")
]


def one_of(choices: type[TextChoices]) -> str:
    """A code field's description: the values it takes, read from the codes themselves."""
    return f"One of {', '.join(choices.values)}"


class Error(Schema):
    """Every error: a stable code, a message for people, and details such as `errors` per field."""

    model_config = ConfigDict(extra="allow")
    code: str
    message: str
    errors: dict[str, str] | None = None


# ---- who am I


class UserOut(Schema):
    id: int
    username: str
    name: str
    job_title: str


class SchemeOut(Schema):
    id: int
    code: str
    name: str
    roles: list[str]
    can_record: bool


class SiteOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    scheme: str
    active: bool
    point_of_contact: str = Field(description="The point of contact an identification here takes by default")
    can_record: bool = Field(description="Whether the user may identify or re-enter a person here")


class StaffOut(Schema):
    """A member of staff, by the id and username other operations take."""

    id: int
    username: str
    name: str
    job_title: str
    roles: list[str] = Field(description="Their roles in the scheme")


class MeOut(Schema):
    user: UserOut
    roles: list[str]
    schemes: list[SchemeOut]
    sites: list[SiteOut]


# ---- people (as other shapes name them; the people operations' own are in `people_schemas`)


class PersonSummary(Schema):
    id: uuid.UUID
    given_name: str
    family_name: str
    date_of_birth: date | None
    nhs_number: str


# ---- episodes and events


class EpisodeSummary(Schema):
    id: uuid.UUID
    person: PersonSummary
    scheme: str
    site: str
    current_site: str
    stage: str
    is_open: bool
    point_of_contact: str
    referral_source: str
    age_band: str
    young_person: bool = Field(description="Flag: 10 to 17 when identified (from the date of birth)")
    woman: bool = Field(description="Flag: female, and not a young person (from the person's sex)")
    identified_at: datetime
    screened_at: datetime | None
    assessed_at: datetime | None
    referred_at: datetime | None
    closed_at: datetime | None
    target_minutes: int
    breaches_target: bool


class FindingOut(Schema):
    id: int = Field(description="The `finding_id` a decision and a share's `finding_ids` take")
    domain: str
    status: str
    source: str
    note: str
    event_id: int
    recorded_at: datetime
    decision: str = Field(
        description="For an instrument's suggestion: pending, confirmed, changed or rejected; empty when recorded "
        "as entered"
    )
    suggested_by: str = Field(description="The instrument code that suggested it, if any")
    decided_at: datetime | None
    voided: bool
    shareable: bool = Field(description="Whether a share may include it: standing, and not pending or rejected")


class EpisodeOut(EpisodeSummary):
    alerted_by: str
    alerted_by_code: str = Field(description="Who alerted L&D as a listed role, or blank")
    concerns: list[str]
    concerns_note: str
    justice_outcome: str
    sentence_type: str
    ld_outcome: str
    next_steps: list[str]
    findings: list[FindingOut]


class EpisodePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EpisodeSummary]


class ActorOut(Schema):
    id: int
    name: str


class EventOut(Schema):
    id: int
    episode_id: uuid.UUID
    kind: str
    occurred_at: datetime
    recorded_at: datetime
    actor: ActorOut
    site: str
    stage_after: str
    data: dict[str, Any]
    voids: int | None
    voided_by: int | None


_REFERRAL_SOURCE = (
    f"Source of Referral for Mental Health. {one_of(ReferralSource)}. "
    "May be blank when alerted_by_code is given: the role's national code is used"
)
_ALERTED_BY = f"Optional. {one_of(AlertedBy)}"


class IdentifyIn(Schema):
    person_id: Code = Field(description="The person's id, from search or POST /people")
    site: SiteRef
    point_of_contact: Code | None = Field(None, description="Defaults to the site's usual point of contact")
    referral_source: Code = Field("", description=_REFERRAL_SOURCE)
    alerted_by: Short = Field("", description="Who alerted L&D, in words (may be blank when alerted_by_code is given)")
    alerted_by_code: Code = Field("", description=_ALERTED_BY)
    concerns: list[Code] = Field(default_factory=list, max_length=len(Vulnerability.values))
    concerns_note: Long = ""
    occurred_at: When | None = None


class FindingIn(Schema):
    domain: Code = Field(description=one_of(Vulnerability))
    status: Code = Field(description=one_of(FindingStatus))
    source: Code = Field(FindingSource.SCREENING.value, description=one_of(FindingSource))
    note: Long = ""


class ScreenIn(Schema):
    findings: list[FindingIn] = Field(max_length=len(Vulnerability.values))
    urgency: Code = Field(description=one_of(Urgency))
    needs_assessment: bool = False
    note: Long = ""
    occurred_at: When | None = None


class AssessIn(Schema):
    summary: Long
    recommendations: Long = ""
    occurred_at: When | None = None


class ReferIn(Schema):
    service_id: int = Field(description="A service from the episode's scheme's directory (GET /services)")
    urgency: ReferralUrgency = ReferralUrgency.ROUTINE
    reason: Long = ""
    occurred_at: When | None = None


class CloseIn(Schema):
    justice_outcome: Code = Field(description=one_of(JusticeOutcome))
    ld_outcome: Code = Field(description=one_of(LdOutcome))
    sentence_type: Code = Field("", description=f"For a sentence. {one_of(SentenceType)}")
    note: Long = ""
    occurred_at: When | None = None
    confirm_active_support: bool = Field(
        False, description="Close even though referrals are active (else 409 active_support)"
    )


class ReopenIn(Schema):
    reason: Long
    occurred_at: When | None = None


class ReenterIn(Schema):
    site: SiteRef
    point_of_contact: Code | None = None
    referral_source: Code = Field("", description=_REFERRAL_SOURCE)
    alerted_by: Short = Field("", description="Who alerted L&D, in words (may be blank when alerted_by_code is given)")
    alerted_by_code: Code = Field("", description=_ALERTED_BY)
    concerns: list[Code] = Field(default_factory=list, max_length=len(Vulnerability.values))
    note: Long = ""
    occurred_at: When | None = None


class NoteIn(Schema):
    text: Long
    occurred_at: When | None = None


class VoidIn(Schema):
    reason: Long


# The error statuses every operation may answer with, documented once: 429 too, since every
# call is throttled (ADR 0021); the schemathesis run checks each answer's status is documented.
ERRORS = frozenset({400, 401, 403, 404, 409, 422, 429})
# An operation open without a token (the event catalogue) can still be throttled or sent junk.
OPEN_ERRORS = frozenset({400, 422, 429})


# ---- linkage ("Seen before?")


class MatchedPersonOut(Schema):
    """A candidate. Someone the user may not open comes with minimal identity only: the other
    fields are null."""

    id: uuid.UUID
    name: str
    date_of_birth: date | None
    record_open_to_you: bool = Field(description="False for people held only by other schemes")
    given_name: str | None = None
    family_name: str | None = None
    sex: str | None = None
    postcode: str | None = None
    nhs_number: str | None = None
    pnc_id: str | None = None


class AgreementOut(Schema):
    field: str = Field(description="given_name, family_name, date_of_birth, sex, postcode, nhs_number or pnc_id")
    level: str = Field(description='How it agreed, e.g. "exact", "nickname or other spelling", "same sector"')
    match_weight: float = Field(description="The evidence it added, in bits (log2 of m/u)")


class MatchOut(Schema):
    person: MatchedPersonOut
    probability: float = Field(ge=0, le=1, description="The model's probability that this is the same person")
    exact_identifier: bool = Field(description="Same NHS number or PNC ID: such matches come first")
    agreements: list[AgreementOut]
    known_to: list[str] = Field(description="The schemes that hold the person")


class MatchesOut(Schema):
    items: list[MatchOut] = Field(description="At most 10, best first")
    model_version: str
