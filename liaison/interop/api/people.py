"""People: search at identification, record someone new, open one record."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Router, Status

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Invalid, PermissionDenied
from liaison.interop.api import present
from liaison.interop.api.auth import user_of
from liaison.interop.api.people_schemas import (
    AliasAddIn,
    PersonCorrectionIn,
    PersonDetailOut,
    PersonIn,
    PersonOut,
    SearchOut,
)
from liaison.interop.api.schemas import ERRORS, Error, Short
from liaison.organisations.models import Scheme
from liaison.pathway.selectors import episodes_of_person
from liaison.people.actions import PersonDetails, details_version, person_create, person_details_correct
from liaison.people.codes import Ethnicity, GenderIdentity, Sex
from liaison.people.identifiers import normalise_nhs_number
from liaison.people.models import Person
from liaison.people.selectors import person_get, person_search

router = Router(tags=["people"])

_FULL = ("aliases", "local_identifiers__scheme", "registered_by_scheme")


@router.get("/people", response={200: SearchOut, ERRORS: Error}, summary="Search at identification")
def search(request: HttpRequest, q: Short = "", dob: date | None = None) -> dict[str, Any]:
    """People the user may open come back in full; people known only to other schemes with minimal
    identity and the names of the schemes that know them. Every person shown is audited."""
    found = person_search(user=user_of(request), query=q, date_of_birth=dob, channel="api")
    prefetch_related_objects(found.mine, *_FULL)
    return {
        "people": [present.person_full(p) for p in found.mine],
        "known_elsewhere": [present.known_elsewhere(k) for k in found.elsewhere],
        "more": found.more,
    }


def _recording_scheme(user: User, code: str | None) -> Scheme:
    scope = scope_for(user)
    if not scope.recording_scheme_ids:
        raise PermissionDenied("Your role cannot record people", code="role_not_allowed")
    if code is None:
        if len(scope.recording_scheme_ids) == 1:
            return Scheme.objects.get(pk=next(iter(scope.recording_scheme_ids)))
        raise Invalid("Say which scheme is recording the person", errors={"scheme": "Give one of your scheme codes"})
    scheme = Scheme.objects.filter(code=code).first()
    if scheme is None:
        raise Invalid("There is no scheme with that code", errors={"scheme": "Give one of your scheme codes"})
    # person_create refuses a scheme the user does not record in.
    return scheme


@router.post("/people", response={201: PersonOut, ERRORS: Error}, summary="Record a person new to L&D")
def create(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    details = PersonDetails(
        given_name=payload.given_name,
        family_name=payload.family_name,
        date_of_birth=payload.date_of_birth,
        sex=payload.sex,
        gender_identity=payload.gender_identity,
        ethnicity=payload.ethnicity,
        postcode=payload.postcode,
        nhs_number=payload.nhs_number,
        nhs_number_status=payload.nhs_number_status,
        pnc_id=payload.pnc_id,
        aliases=[(a.given_name, a.family_name) for a in payload.aliases],
        local_identifiers=[(i.system, i.value) for i in payload.local_identifiers],
    )
    person = person_create(by=user, scheme=_recording_scheme(user, payload.scheme), details=details)
    prefetch_related_objects([person], *_FULL)
    return Status(201, present.person_full(person))


@router.get(
    "/people/{person_id}", response={200: PersonDetailOut, ERRORS: Error}, summary="One person", url_name="person"
)
def detail(request: HttpRequest, person_id: str) -> dict[str, Any]:
    user = user_of(request)
    person: Person = person_get(user=user, person_id=person_id, what="api: person", channel="api")
    prefetch_related_objects([person], *_FULL)
    episodes = episodes_of_person(user=user, person=person).select_related("person")
    at = clock.now()
    return {**present.person_full(person), "episodes": [present.episode_summary(e, at) for e in episodes]}


# What a field sent as null means: not known, not given.
_UNKNOWN: dict[str, object] = {
    "date_of_birth": None,
    "sex": Sex.NOT_KNOWN,
    "gender_identity": GenderIdentity.NOT_KNOWN,
    "ethnicity": Ethnicity.NOT_KNOWN,
}


def _corrected(person: Person, sent: dict[str, Any]) -> PersonDetails:
    """The person's details as held, with the fields sent in place of theirs."""
    values = {name: getattr(person, name) for name in PersonCorrectionIn.model_fields if name != "reason"}
    for name, value in sent.items():
        values[name] = _UNKNOWN.get(name, "") if value is None else value
    if "nhs_number" in sent and "nhs_number_status" not in sent and not _same_number(values, person):
        values["nhs_number_status"] = ""  # a new number, no word on it: unverified
    return PersonDetails(**values)


def _same_number(values: dict[str, object], person: Person) -> bool:
    try:
        return normalise_nhs_number(str(values["nhs_number"] or "")) == person.nhs_number
    except ValueError:
        return False  # invalid: the action says why


def _opened_to_correct(request: HttpRequest, person_id: str) -> tuple[User, Person]:
    user = user_of(request)
    return user, person_get(user=user, person_id=person_id, what="api: correct details", channel="api")


@router.patch("/people/{person_id}", response={200: PersonOut, ERRORS: Error}, summary="Correct a person's details")
def correct(request: HttpRequest, person_id: str, payload: PersonCorrectionIn) -> dict[str, Any]:
    """Each change is kept with its old value and the reason as a `person:change` event; nothing
    changed writes nothing. Aliases and local identifiers are added, never replaced."""
    user, person = _opened_to_correct(request, person_id)
    sent = payload.model_dump(include=payload.model_fields_set - {"reason"})
    # The version read here: a correction made since (by the page, say) is a 409, never undone.
    version = details_version(person)
    person_details_correct(
        by=user, person=person, details=_corrected(person, sent), reason=payload.reason, version=version
    )
    person.refresh_from_db()
    prefetch_related_objects([person], *_FULL)
    return present.person_full(person)


@router.post(
    "/people/{person_id}/aliases",
    response={200: PersonOut, 201: PersonOut, ERRORS: Error},
    summary="Add another name a person uses",
)
def add_alias(request: HttpRequest, person_id: str, payload: AliasAddIn) -> Status[dict[str, Any]]:
    """201 when the name is added; 200 when the person already has it (nothing is written)."""
    if not payload.family_name.strip():
        raise Invalid("Give the alias's last name", errors={"family_name": "Enter the last name of the alias"})
    user, person = _opened_to_correct(request, person_id)
    held = person.aliases.count()
    details = _corrected(person, {})
    details.aliases = [(payload.given_name, payload.family_name)]
    person_details_correct(
        by=user, person=person, details=details, reason=payload.reason, version=details_version(person)
    )
    prefetch_related_objects([person], *_FULL)
    return Status(201 if person.aliases.count() > held else 200, present.person_full(person))
