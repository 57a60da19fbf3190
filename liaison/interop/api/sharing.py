"""Consent and information sharing: the same selectors and actions as the pages.

A share without consent in force for its (named) agency and purpose, and without an approved
override, is refused with 409 `consent_required` (its `reason`: none, refused, withdrawn,
best_interests or deferred) and writes nothing. The report PDF is an export, audited as one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field, StringConstraints

from liaison.accounts.models import User
from liaison.audit.models import AccessAction
from liaison.core.errors import Invalid
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Code, Error, Long, Short, When
from liaison.pathway.selectors import episode_get
from liaison.sharing import actions
from liaison.sharing.codes import (
    DEFAULT_ARTICLE_6,
    DEFAULT_ARTICLE_9,
    Agency,
    Channel,
    ChildRoute,
    ConfidentialityBasis,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    LawfulBasis6,
    LawfulBasis9,
    OverrideKind,
    PsychiatricReport,
    Purpose,
    Schedule1Condition,
    TreatmentRequirement,
    YouthRequirement,
)
from liaison.sharing.models import Consent, InformationShare
from liaison.sharing.pdf import pdf_response
from liaison.sharing.selectors import consent_get, episode_consents, episode_shares, share_get

router = Router(tags=["consent and sharing"])


def _one_of(choices: Any) -> str:
    return f"One of {', '.join(choices.values)}"


class ConsentIn(Schema):
    scope: Code = Field(description=_one_of(ConsentScope))
    decision: Code = Field(
        description=f"{_one_of(ConsentDecision)}. best_interests needs capacity_outcome lacks_capacity; "
        "deferred needs temporarily_impaired and seek_consent_by"
    )
    method: Code = Field(description=_one_of(ConsentMethod))
    agency: Code = Field("", description=f"For consent to share. {_one_of(Agency)}")
    agency_name: Short = ""
    purpose: Code = Field("", description=f"For consent to share. {_one_of(Purpose)}")
    capacity_in_doubt: bool = False
    capacity_judged_by: Short = ""
    capacity_outcome: Code = Field("", description="has_capacity, lacks_capacity or temporarily_impaired")
    capacity_note: Long = ""
    best_interests_reason: Long = Field("", description="Why, and who was consulted: best_interests or deferred")
    seek_consent_by: When | None = Field(None, description="Deferred: when to ask the person for consent")
    child_route: Code = Field("", description=f"Under 16 at the episode: {_one_of(ChildRoute)}")
    child_route_reason: Long = Field("", description="Under 16: the reasons for the route")
    guardian_name: Short = Field("", description="Required with child_route parental")
    guardian_relationship: Short = ""
    appropriate_adult_name: Short = Field("", description="Required for a person under 18 at a police station")
    appropriate_adult_role: Short = ""
    note: Long = ""
    occurred_at: When | None = None


class WithdrawIn(Schema):
    note: Long = ""
    occurred_at: When | None = None


class ShareIn(Schema):
    agency: Code = Field(description=_one_of(Agency))
    agency_name: Short = Field("", description="The named agency; required for other. Named consent covers it only")
    recipient_name: Short
    purpose: Code = Field(description=_one_of(Purpose))
    lawful_basis_6: Code = Field(
        DEFAULT_ARTICLE_6.value, description=f"{_one_of(LawfulBasis6)}. Not 6_1_f (a public authority's tasks)"
    )
    lawful_basis_9: Code = Field(
        DEFAULT_ARTICLE_9.value, description=f"{_one_of(LawfulBasis9)}, in a valid pair with lawful_basis_6"
    )
    schedule1_condition: Code = Field("", description=f"With 9_2_g only: {_one_of(Schedule1Condition)}")
    confidentiality_basis: Code = Field(
        "", description=f"Common-law duty of confidentiality: {_one_of(ConfidentialityBasis)} (blank: the usual one)"
    )
    channel: Code = Field(description=_one_of(Channel))
    finding_ids: list[int] = Field(
        default_factory=list,
        max_length=100,
        description="Findings to include: `shareable` ones of GET /episodes/{episode_id}/findings",
    )
    referral_event_ids: list[int] = Field(
        default_factory=list,
        max_length=100,
        description="Referrals to include, by their `event_id` (GET /episodes/{episode_id}/referrals)",
    )
    summary: Long = ""
    treatment_requirements: list[Code] = Field(
        default_factory=list, max_length=3, description=_one_of(TreatmentRequirement)
    )
    youth_requirements: list[Code] = Field(
        default_factory=list, max_length=4, description=f"Under 18 only: {_one_of(YouthRequirement)}"
    )
    psychiatric_report: Code = Field(PsychiatricReport.NOT_STATED.value, description=_one_of(PsychiatricReport))
    recommendations: Long = ""
    override_kind: Code = Field(
        "", description=f"Only without consent. One of {', '.join(v for v, _ in OverrideKind.offered())}"
    )
    override_reason: Long = ""
    override_statute: Short = Field("", description="The statute, with override_kind statute")
    caldicott_consulted: bool | None = Field(
        None, description="Overrides: whether the Caldicott Guardian was consulted"
    )
    caldicott_guardian: Short = ""
    caldicott_consulted_at: When | None = None
    caldicott_not_consulted_reason: Long = ""
    person_informed: bool | None = Field(None, description="Overrides: whether the person was told (principle 8)")
    person_not_informed_reason: Long = ""
    override_approver: Code | int | None = Field(
        None,
        description="Username or id of the approving team lead or scheme manager of the scheme "
        "(GET /schemes/{scheme_id}/sharing-approvers)",
    )
    court_case_number: Annotated[str, StringConstraints(max_length=40)] = Field(
        "", description="For a court, where known: printed on the report"
    )
    hearing_date: date | None = Field(None, description="For a court, where known: the hearing's date")
    occurred_at: When | None = None


class PersonRef(Schema):
    id: int
    name: str


class ConsentOut(Schema):
    id: str
    episode_id: str
    person_id: str
    event_id: int
    scope: str
    agency: str
    agency_name: str
    purpose: str
    decision: str
    status: str
    method: str
    given_at: datetime
    recorded_by: PersonRef
    capacity_in_doubt: bool
    capacity_judged_by: str
    capacity_outcome: str
    best_interests_reason: str
    seek_consent_by: datetime | None
    age_at_episode: int | None
    child_route: str
    child_route_reason: str
    guardian_name: str
    guardian_relationship: str
    appropriate_adult_name: str
    appropriate_adult_role: str
    withdrawn_at: datetime | None
    withdrawn_by: PersonRef | None


class ShareOut(Schema):
    id: str
    episode_id: str
    event_id: int
    agency: str
    agency_name: str
    recipient_name: str
    purpose: str
    lawful_basis_6: str
    lawful_basis_9: str
    schedule1_condition: str
    confidentiality_basis: str
    channel: str
    shared_at: datetime
    shared_by: PersonRef
    basis: str
    consent_id: str | None
    consent_withdrawn_at: datetime | None
    override_kind: str
    override_reason: str
    override_approved_by: PersonRef | None
    override_statute: str
    caldicott_consulted: bool | None
    caldicott_guardian: str
    caldicott_consulted_at: datetime | None
    caldicott_not_consulted_reason: str
    person_informed: bool | None
    person_not_informed_reason: str
    report_kind: str
    report_version: int
    report_pdf: str
    content: dict[str, Any]


def _ref(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": str(user)}


def _consent(c: Consent) -> dict[str, Any]:
    return {
        "id": str(c.pk),
        "episode_id": str(c.episode_id),
        "person_id": str(c.person_id),
        "event_id": c.event_id,
        "scope": c.scope,
        "agency": c.agency,
        "agency_name": c.agency_name,
        "purpose": c.purpose,
        "decision": c.decision,
        "status": "withdrawn" if c.is_withdrawn else c.decision,
        "method": c.method,
        "given_at": c.given_at,
        "recorded_by": _ref(c.recorded_by),
        "capacity_in_doubt": c.capacity_in_doubt,
        "capacity_judged_by": c.capacity_judged_by,
        "capacity_outcome": c.capacity_outcome,
        "best_interests_reason": c.best_interests_reason,
        "seek_consent_by": c.seek_consent_by,
        "age_at_episode": c.age_at_episode,
        "child_route": c.child_route,
        "child_route_reason": c.child_route_reason,
        "guardian_name": c.guardian_name,
        "guardian_relationship": c.guardian_relationship,
        "appropriate_adult_name": c.appropriate_adult_name,
        "appropriate_adult_role": c.appropriate_adult_role,
        "withdrawn_at": c.withdrawn_at,
        "withdrawn_by": _ref(c.withdrawn_by),
    }


def _share(s: InformationShare) -> dict[str, Any]:
    return {
        "id": str(s.pk),
        "episode_id": str(s.episode_id),
        "event_id": s.event_id,
        "agency": s.agency,
        "agency_name": s.agency_name,
        "recipient_name": s.recipient_name,
        "purpose": s.purpose,
        "lawful_basis_6": s.lawful_basis_6,
        "lawful_basis_9": s.lawful_basis_9,
        "schedule1_condition": s.schedule1_condition,
        "confidentiality_basis": s.confidentiality_basis,
        "channel": s.channel,
        "shared_at": s.shared_at,
        "shared_by": _ref(s.shared_by),
        "basis": s.basis,
        "consent_id": str(s.consent_id) if s.consent_id else None,
        "consent_withdrawn_at": s.consent.withdrawn_at if s.consent else None,
        "override_kind": s.override_kind,
        "override_reason": s.override_reason,
        "override_approved_by": _ref(s.override_approved_by),
        "override_statute": s.override_statute,
        "caldicott_consulted": s.caldicott_consulted,
        "caldicott_guardian": s.caldicott_guardian,
        "caldicott_consulted_at": s.caldicott_consulted_at,
        "caldicott_not_consulted_reason": s.caldicott_not_consulted_reason,
        "person_informed": s.person_informed,
        "person_not_informed_reason": s.person_not_informed_reason,
        "report_kind": s.report_kind,
        "report_version": s.report_version,
        "report_pdf": f"/api/v1/shares/{s.pk}/report.pdf",
        "content": s.snapshot,
    }


@router.get(
    "/episodes/{episode_id}/consents", response={200: list[ConsentOut], ERRORS: Error}, summary="An episode's consents"
)
def consents(request: HttpRequest, episode_id: str) -> list[dict[str, Any]]:
    episode = episode_get(user=user_of(request), episode_id=episode_id, what="api: consents", channel="api")
    return [_consent(c) for c in episode_consents(episode=episode)]


@router.post(
    "/episodes/{episode_id}/consents",
    response={201: ConsentOut, ERRORS: Error},
    summary="Record consent given or refused",
)
def consent_create(request: HttpRequest, episode_id: str, payload: ConsentIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    episode = episode_get(user=user, episode_id=episode_id, what="api: record consent", channel="api")
    fields = payload.model_dump()
    at = fields.pop("occurred_at", None)
    consent = actions.consent_record(by=user, episode=episode, details=actions.ConsentDetails(**fields), occurred_at=at)
    return Status(201, _consent(consent))


@router.post("/consents/{consent_id}/withdraw", response={200: ConsentOut, ERRORS: Error}, summary="Withdraw consent")
def consent_withdraw(request: HttpRequest, consent_id: str, payload: WithdrawIn) -> dict[str, Any]:
    user = user_of(request)
    consent = consent_get(user=user, consent_id=consent_id, what="api: withdraw consent", channel="api")
    return _consent(
        actions.consent_withdraw(by=user, consent=consent, note=payload.note, occurred_at=payload.occurred_at)
    )


def _approver(ref: str | int | None) -> User | None:
    if ref is None or ref == "":
        return None
    users = User.objects.filter(is_active=True)
    found = (
        users.filter(pk=ref).first() if isinstance(ref, int) and 0 < ref < 2**63 else users.filter(username=ref).first()
    )
    if found is None:
        raise Invalid(
            "There is a problem with the override",
            errors={"override_approver": "The approver must be a team lead or scheme manager of this scheme"},
        )
    return found


@router.get(
    "/episodes/{episode_id}/shares", response={200: list[ShareOut], ERRORS: Error}, summary="Information shared"
)
def shares(request: HttpRequest, episode_id: str) -> list[dict[str, Any]]:
    episode = episode_get(user=user_of(request), episode_id=episode_id, what="api: shares", channel="api")
    return [_share(s) for s in episode_shares(episode=episode)]


@router.post(
    "/episodes/{episode_id}/shares",
    response={201: ShareOut, ERRORS: Error},
    summary="Share information (409 consent_required without consent or an approved override)",
)
def share_create(request: HttpRequest, episode_id: str, payload: ShareIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    episode = episode_get(user=user, episode_id=episode_id, what="api: share", channel="api")
    fields = payload.model_dump()
    fields["override_approver"] = _approver(payload.override_approver)
    at = fields.pop("occurred_at", None)
    share = actions.share_create(by=user, episode=episode, details=actions.ShareDetails(**fields), occurred_at=at)
    return Status(201, _share(share))


@router.get("/shares/{share_id}", response={200: ShareOut, ERRORS: Error}, summary="One share and what it held")
def share_detail(request: HttpRequest, share_id: str) -> dict[str, Any]:
    return _share(share_get(user=user_of(request), share_id=share_id, what="api: share", channel="api"))


@router.get(
    "/shares/{share_id}/report.pdf",
    response={ERRORS: Error},
    summary="The share's report as a PDF (audited as an export)",
    openapi_extra={"responses": {200: {"description": "The report", "content": {"application/pdf": {}}}}},
)
def share_pdf(request: HttpRequest, share_id: str) -> HttpResponse:
    share = share_get(
        user=user_of(request),
        share_id=share_id,
        what="api: share report PDF",
        channel="api",
        action=AccessAction.EXPORT,
    )
    return pdf_response(share)
