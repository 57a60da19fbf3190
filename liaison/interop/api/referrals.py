"""The service directory, referrals and support contacts: the same selectors and actions as the pages.

A transition the lifecycle table does not allow is 409 `transition_not_allowed` (with the
transitions that are allowed) and changes nothing; another scheme's records are 404.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.interop.api import present
from liaison.interop.api.auth import episode_of, user_of
from liaison.interop.api.schemas import ERRORS, Code, Error, EventOut, Long, Name, ReferIn, Short, When
from liaison.pathway.models import Episode, PathwayEvent
from liaison.referrals import actions, lifecycle, selectors
from liaison.referrals.codes import ContactType, OpenTo, ServiceType
from liaison.referrals.directory import actions as directory
from liaison.referrals.directory import selectors as directory_selectors
from liaison.referrals.lifecycle import Transition
from liaison.referrals.models import Referral, Service, SupportContact

router = Router(tags=["referrals"])

# ---- shapes


class ServiceIn(Schema):
    scheme: Code | None = Field(None, description="Code of the scheme; optional when you maintain one directory")
    name: Short
    service_type: ServiceType
    phone: Annotated[str, Field(max_length=40)] = ""
    email: Short = ""
    address: Long = ""
    min_age: Annotated[int, Field(ge=0, le=120)] | None = None
    max_age: Annotated[int, Field(ge=0, le=120)] | None = None
    open_to: OpenTo = Field(OpenTo.ANYONE, description="Whom it takes by sex: anyone, women or men")
    how_to_refer: Long = ""


class ServiceOut(Schema):
    id: int
    scheme: str
    name: str
    service_type: str
    team_type_code: str = Field(description="MHSDS service or team type code where one fits, else empty")
    phone: str
    email: str
    address: str
    min_age: int | None
    max_age: int | None
    open_to: str
    how_to_refer: str
    active: bool


class ServicePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ServiceOut]


class ReferralOut(Schema):
    id: int
    episode_id: uuid.UUID
    event_id: int | None = Field(description="The referral event: what a share's `referral_event_ids` take")
    service: ServiceOut
    status: str
    urgency: str
    reason: str
    made_at: datetime
    made_by: str
    status_changed_at: datetime
    decline_reason: str
    appointment_at: datetime | None
    appointment_place: str
    accompanied: bool | None
    appointment_outcome: str
    support_worker_id: int | None
    support_worker: str
    follow_up_due: date | None
    allowed_transitions: list[str]


class TransitionIn(Schema):
    transition: Transition
    reason: Long = ""
    appointment_at: When | None = None
    place: Annotated[str, Field(max_length=200)] = ""
    accompanied: bool | None = None
    outcome: Long = ""
    note: Long = ""
    follow_up_on: date | None = None
    occurred_at: When | None = None


class SupportIn(Schema):
    worker_id: int = Field(description="One of GET /schemes/{scheme_id}/support-workers")
    follow_up_on: date | None = None
    note: Long = ""
    occurred_at: When | None = None


class ReferralChangeOut(Schema):
    referral: ReferralOut
    event: EventOut


class ContactIn(Schema):
    referral_id: int | None = Field(None, description="One of GET /episodes/{episode_id}/referrals, if about one")
    contact_type: ContactType
    duration_minutes: Annotated[int, Field(ge=0, le=24 * 60)]
    outcome: Long
    note: Long = ""
    follow_up_on: date | None = None
    occurred_at: When | None = None


class ContactOut(Schema):
    id: int
    episode_id: uuid.UUID
    referral_id: int | None
    worker_id: int
    worker: str
    contacted_at: datetime
    contact_type: str
    duration_minutes: int
    outcome: str
    note: str
    event_id: int | None


# ---- presenting


def _service(s: Service) -> dict[str, Any]:
    """Needs `scheme` loaded."""
    return {
        "id": s.pk,
        "scheme": s.scheme.code,
        "name": s.name,
        "service_type": s.service_type,
        "team_type_code": s.team_type_code,
        "phone": s.phone,
        "email": s.email,
        "address": s.address,
        "min_age": s.min_age,
        "max_age": s.max_age,
        "open_to": s.open_to,
        "how_to_refer": s.how_to_refer,
        "active": s.active,
    }


def _referral(r: Referral) -> dict[str, Any]:
    return {
        "id": r.pk,
        "episode_id": r.episode_id,
        "event_id": r.event_id,
        "service": _service(r.service),
        "status": r.status,
        "urgency": r.urgency,
        "reason": r.reason,
        "made_at": r.made_at,
        "made_by": str(r.made_by),
        "status_changed_at": r.status_changed_at,
        "decline_reason": r.decline_reason,
        "appointment_at": r.appointment_at,
        "appointment_place": r.appointment_place,
        "accompanied": r.accompanied,
        "appointment_outcome": r.appointment_outcome,
        "support_worker_id": r.support_worker_id,
        "support_worker": str(r.support_worker) if r.support_worker else "",
        "follow_up_due": r.follow_up_due,
        "allowed_transitions": [t.value for t in lifecycle.transitions_from(r.status)],
    }


def _contact(c: SupportContact) -> dict[str, Any]:
    return {
        "id": c.pk,
        "episode_id": c.episode_id,
        "referral_id": c.referral_id,
        "worker_id": c.worker_id,
        "worker": str(c.worker),
        "contacted_at": c.contacted_at,
        "contact_type": c.contact_type,
        "duration_minutes": c.duration_minutes,
        "outcome": c.outcome,
        "note": c.note,
        "event_id": c.event_id,
    }


def _fresh(referral_id: int) -> Referral:
    return Referral.objects.select_related("service__scheme", "made_by", "support_worker").get(pk=referral_id)


def _change(referral: Referral, event: PathwayEvent) -> Status[dict[str, Any]]:
    event = PathwayEvent.objects.select_related("actor", "site").get(pk=event.pk)
    return Status(201, {"referral": _referral(_fresh(referral.pk)), "event": present.event(event)})


def _referral_of(request: HttpRequest, referral_id: str, what: str) -> Referral:
    return selectors.referral_get(user=user_of(request), referral_id=referral_id, what=f"api: {what}", channel="api")


def _reads_directory(user: User) -> None:
    if not directory_selectors.directory_scheme_ids(user):
        raise PermissionDenied("Your role has no service directory", code="role_not_allowed")


# ---- the directory


@router.get("/services", response={200: ServicePage, ERRORS: Error}, summary="Search the service directory")
def services(
    request: HttpRequest,
    q: Name = "",
    service_type: ServiceType | None = None,
    age: Annotated[int | None, Field(ge=0, le=120, description="Only services taking this age")] = None,
    scheme: Code | None = None,
    include_inactive: bool = False,
    limit: Annotated[int, Field(ge=1, le=200)] = 50,
    offset: Annotated[int, Field(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    user = user_of(request)
    _reads_directory(user)
    found = directory_selectors.services_search(
        user=user, q=q, service_type=service_type or "", age=age, include_inactive=include_inactive
    )
    if scheme is not None:
        found = found.filter(scheme__code=scheme)
    return {
        "count": found.count(),
        "limit": limit,
        "offset": offset,
        "items": [_service(s) for s in found[offset : offset + limit]],
    }


@router.post("/services", response={201: ServiceOut, ERRORS: Error}, summary="Add a service to a directory")
def service_create(request: HttpRequest, payload: ServiceIn) -> Status[dict[str, Any]]:
    """For team leads and scheme managers of the scheme; others are 403 `role_not_allowed`."""
    user = user_of(request)
    schemes = directory_selectors.editable_schemes(user)
    if not schemes.exists():
        raise PermissionDenied("Only team leads and scheme managers maintain the directory", code="role_not_allowed")
    if payload.scheme is not None:
        schemes = schemes.filter(code=payload.scheme)
    if schemes.count() != 1:
        raise Invalid(
            "Say which scheme's directory", errors={"scheme": "Give the code of a scheme whose directory you maintain"}
        )
    details = directory.ServiceDetails(
        **payload.model_dump(exclude={"scheme"})
        | {"service_type": payload.service_type.value, "open_to": payload.open_to.value}
    )
    return Status(201, _service(directory.service_create(by=user, scheme=schemes.get(), details=details)))


@router.get("/services/{service_id}", response={200: ServiceOut, ERRORS: Error}, summary="One service")
def service(request: HttpRequest, service_id: str) -> dict[str, Any]:
    return _service(directory_selectors.service_get(user=user_of(request), service_id=service_id))


# ---- referrals


@router.post(
    "/episodes/{episode_id}/referrals",
    response={201: ReferralOut, ERRORS: Error},
    summary="Refer to a directory service",
)
def referral_create(request: HttpRequest, episode_id: str, payload: ReferIn) -> Status[dict[str, Any]]:
    """The pathway's refer step (as `POST /episodes/{id}/refer`), answering with the referral."""
    episode = episode_of(request, episode_id, "refer")
    made = actions.referral_make(
        by=user_of(request),
        episode=episode,
        service=service_of(episode, payload.service_id),
        reason=payload.reason,
        urgency=payload.urgency.value,
        occurred_at=payload.occurred_at,
    )
    return Status(201, _referral(_fresh(made.pk)))


def service_of(episode: Episode, service_id: int) -> Service:
    """A directory service of the episode's scheme; any other id is a problem with the request."""
    found = directory_selectors.service_for_episode(episode=episode, service_id=service_id)
    if found is None:
        raise Invalid(
            "There is no such service in this scheme's directory",
            errors={"service_id": "Give a service from this scheme's directory"},
        )
    return found


@router.get(
    "/episodes/{episode_id}/referrals",
    response={200: list[ReferralOut], ERRORS: Error},
    summary="An episode's referrals",
)
def episode_referrals(request: HttpRequest, episode_id: str) -> list[dict[str, Any]]:
    episode = episode_of(request, episode_id, "referrals")
    rows = Referral.objects.filter(episode=episode).select_related("service__scheme", "made_by", "support_worker")
    return [_referral(r) for r in rows.order_by("made_at", "id")]


@router.get("/referrals/{referral_id}", response={200: ReferralOut, ERRORS: Error}, summary="One referral")
def referral(request: HttpRequest, referral_id: str) -> dict[str, Any]:
    return _referral(_fresh(_referral_of(request, referral_id, "referral").pk))


@router.post(
    "/referrals/{referral_id}/transitions",
    response={201: ReferralChangeOut, ERRORS: Error},
    summary="Move a referral on (409 transition_not_allowed where the lifecycle forbids it)",
)
def transition(request: HttpRequest, referral_id: str, payload: TransitionIn) -> Status[dict[str, Any]]:
    r = _referral_of(request, referral_id, "referral update")
    details = actions.TransitionDetails(
        reason=payload.reason,
        appointment_at=payload.appointment_at,
        place=payload.place,
        accompanied=payload.accompanied,
        outcome=payload.outcome,
        note=payload.note,
        follow_up_on=payload.follow_up_on,
    )
    event = actions.referral_transition(
        by=user_of(request),
        referral=r,
        transition=payload.transition.value,
        details=details,
        occurred_at=payload.occurred_at,
    )
    return _change(r, event)


@router.post(
    "/referrals/{referral_id}/support",
    response={201: ReferralChangeOut, ERRORS: Error},
    summary="Assign a support worker",
)
def support(request: HttpRequest, referral_id: str, payload: SupportIn) -> Status[dict[str, Any]]:
    r = _referral_of(request, referral_id, "support assignment")
    worker = selectors.worker_for(scheme_id=r.episode.scheme_id, worker_id=payload.worker_id)
    if worker is None:
        raise Invalid(
            "That person cannot give support in this scheme", errors={"worker_id": "Give a worker in this scheme"}
        )
    event = actions.support_assign(
        by=user_of(request),
        referral=r,
        worker=worker,
        follow_up_on=payload.follow_up_on,
        note=payload.note,
        occurred_at=payload.occurred_at,
    )
    return _change(r, event)


# ---- support contacts


@router.post(
    "/episodes/{episode_id}/support-contacts",
    response={201: ContactOut, ERRORS: Error},
    summary="Log a support contact",
)
def contact_create(request: HttpRequest, episode_id: str, payload: ContactIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    episode = episode_of(request, episode_id, "support contact")
    if not scope_for(user).can_support_in(episode.scheme_id):
        raise PermissionDenied("You cannot record support in this scheme", code="scheme_not_allowed")
    about = None
    if payload.referral_id is not None:
        try:
            about = selectors.referral_of_episode(episode=episode, referral_id=payload.referral_id)
        except NotFound:
            raise Invalid(
                "That referral is not one of this episode's",
                errors={"referral_id": "Give one of this episode's referrals"},
            ) from None
    details = actions.ContactDetails(
        contact_type=payload.contact_type.value,
        duration_minutes=payload.duration_minutes,
        outcome=payload.outcome,
        note=payload.note,
        follow_up_on=payload.follow_up_on,
    )
    contact = actions.support_contact_log(
        by=user, episode=episode, details=details, referral=about, occurred_at=payload.occurred_at
    )
    return Status(201, _contact(SupportContact.objects.select_related("worker").get(pk=contact.pk)))


@router.get(
    "/episodes/{episode_id}/support-contacts",
    response={200: list[ContactOut], ERRORS: Error},
    summary="An episode's support contacts, newest first",
)
def contacts(request: HttpRequest, episode_id: str) -> list[dict[str, Any]]:
    episode = episode_of(request, episode_id, "support contacts")
    return [_contact(c) for c in selectors.episode_contacts(episode=episode, limit=500)]
