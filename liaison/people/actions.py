"""Recording people. Validation lives here so pages and the API refuse the same things."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.core.locks import lock
from liaison.organisations.models import Scheme
from liaison.people.codes import Ethnicity, GenderIdentity, IdentifierSystem, NhsNumberStatus, Sex
from liaison.people.events import CHANGE, CREATE
from liaison.people.identifiers import normalise_nhs_number, normalise_pnc_id, normalise_postcode
from liaison.people.models import Alias, LocalIdentifier, Person, PersonEvent


@dataclass
class PersonDetails:
    given_name: str
    family_name: str
    date_of_birth: date | None = None
    sex: str = Sex.NOT_KNOWN
    gender_identity: str = GenderIdentity.NOT_KNOWN
    ethnicity: str = Ethnicity.NOT_KNOWN
    postcode: str = ""
    nhs_number: str = ""
    nhs_number_status: str = ""
    pnc_id: str = ""
    aliases: list[tuple[str, str]] = field(default_factory=list)
    local_identifiers: list[tuple[str, str]] = field(default_factory=list)

    def cleaned(self) -> PersonDetails:
        """A normalised copy, or Invalid naming every field that is wrong."""
        errors: dict[str, str] = {}
        given, family = self.given_name.strip(), self.family_name.strip()
        if not given:
            errors["given_name"] = "Enter the person's first name"
        if not family:
            errors["family_name"] = "Enter the person's last name"
        if len(given) > 100:
            errors["given_name"] = "First name must be 100 characters or fewer"
        if len(family) > 100:
            errors["family_name"] = "Last name must be 100 characters or fewer"
        if self.date_of_birth is not None:
            today = timezone.localdate(clock.now())
            if self.date_of_birth > today:
                errors["date_of_birth"] = "Date of birth must be in the past"
            elif self.date_of_birth.year < today.year - 120:
                errors["date_of_birth"] = "Date of birth must be within the last 120 years"
        for name, value, choices in (
            ("sex", self.sex, Sex),
            ("gender_identity", self.gender_identity, GenderIdentity),
            ("ethnicity", self.ethnicity, Ethnicity),
        ):
            if value not in choices.values:
                errors[name] = f"Select a valid {name.replace('_', ' ')} code"
        postcode = nhs = pnc = ""
        try:
            postcode = normalise_postcode(self.postcode) if self.postcode.strip() else ""
        except ValueError as e:
            errors["postcode"] = str(e)
        try:
            nhs = normalise_nhs_number(self.nhs_number) if self.nhs_number.strip() else ""
        except ValueError as e:
            errors["nhs_number"] = str(e)
        try:
            pnc = normalise_pnc_id(self.pnc_id) if self.pnc_id.strip() else ""
        except ValueError as e:
            errors["pnc_id"] = str(e)
        status = self.nhs_number_status or (NhsNumberStatus.UNVERIFIED if nhs else NhsNumberStatus.NOT_GIVEN)
        if status not in NhsNumberStatus.values:
            errors["nhs_number_status"] = "Select whether the NHS number is verified"
        elif nhs and status == NhsNumberStatus.NOT_GIVEN:
            errors["nhs_number_status"] = "An NHS number was entered: say whether it is verified"
        elif not nhs and status != NhsNumberStatus.NOT_GIVEN and "nhs_number" not in errors:
            # An invalid number keeps its own message rather than this one.
            errors["nhs_number"] = "Enter the NHS number, or say it was not given"
        for system, value in self.local_identifiers:
            if system not in IdentifierSystem.values or not value.strip():
                errors["local_identifiers"] = "Each local identifier needs a type and a value"
            elif len(value.strip()) > 60:
                errors["local_identifiers"] = "Each local identifier must be 60 characters or fewer"
        # The columns' lengths: PostgreSQL refuses longer values with a database error.
        if any(len(g.strip()) > 100 or len(f.strip()) > 100 for g, f in self.aliases):
            errors["aliases"] = "Each name in an alias must be 100 characters or fewer"
        if errors:
            raise Invalid("There is a problem with the person's details", errors=errors)
        return PersonDetails(
            given_name=given,
            family_name=family,
            date_of_birth=self.date_of_birth,
            sex=self.sex,
            gender_identity=self.gender_identity,
            ethnicity=self.ethnicity,
            postcode=postcode,
            nhs_number=nhs,
            nhs_number_status=status,
            pnc_id=pnc,
            aliases=[(g.strip(), f.strip()) for g, f in self.aliases if f.strip()],
            local_identifiers=[(s, v.strip()) for s, v in self.local_identifiers],
        )


@transaction.atomic
def person_create(*, by: User, scheme: Scheme, details: PersonDetails) -> Person:
    if not scope_for(by).can_record_in(scheme.pk):
        raise PermissionDenied("You cannot record people for this scheme", code="scheme_not_allowed")
    d = details.cleaned()
    person = Person.objects.create(
        given_name=d.given_name,
        family_name=d.family_name,
        date_of_birth=d.date_of_birth,
        sex=d.sex,
        gender_identity=d.gender_identity,
        ethnicity=d.ethnicity,
        postcode=d.postcode,
        nhs_number=d.nhs_number,
        nhs_number_status=d.nhs_number_status,
        pnc_id=d.pnc_id,
        registered_by_scheme=scheme,
        created_by=by,
    )
    # One at a time: each alias's save is what keys it for "Seen before?" (linkage.keys).
    for g, f in d.aliases:
        Alias.objects.create(person=person, given_name=g, family_name=f)
    for system, value in d.local_identifiers:
        _add_local_identifier(person, scheme.pk, system, value)
    at = clock.now()
    PersonEvent.objects.create(
        person=person,
        kind=CREATE.tag,
        occurred_at=at,
        recorded_at=at,
        actor=by,
        data=created_payload(person, aliases=len(d.aliases), local_identifiers=[s for s, _ in d.local_identifiers]),
    )
    return person


def _add_local_identifier(person: Person, scheme_id: int, system: str, value: str) -> None:
    # Unique per scheme. The insert has its own savepoint, so a number already held (or given to
    # someone else at the same moment) is refused with the field named, not a database error.
    try:
        with transaction.atomic():
            LocalIdentifier.objects.create(person=person, scheme_id=scheme_id, system=system, value=value)
    except IntegrityError:
        raise Invalid(
            "That local identifier is already in use",
            errors={"local_identifiers": f"{value} is already recorded for another person in this scheme"},
            code="duplicate_identifier",
        ) from None


def created_payload(person: Person, *, aliases: int, local_identifiers: list[str]) -> dict[str, object]:
    """What `person:create` keeps: the identifiers and demographics given (the demo writes it too)."""
    identifiers = {
        "nhs_number": person.nhs_number,
        "nhs_number_status": person.nhs_number_status,
        "pnc_id": person.pnc_id,
        "postcode": person.postcode,
    }
    return {
        "scheme_id": person.registered_by_scheme_id,
        "identifiers": {k: v for k, v in identifiers.items() if v},
        "demographics": {
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
            "sex": person.sex,
            "gender_identity": person.gender_identity,
            "ethnicity": person.ethnicity,
        },
        "aliases": aliases,
        "local_identifiers": local_identifiers,
    }


# The details a correction may change; aliases and local identifiers have their own rows.
CORRECTABLE = (
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "gender_identity",
    "ethnicity",
    "postcode",
    "nhs_number",
    "nhs_number_status",
    "pnc_id",
)


def details_version(person: Person) -> str:
    """A fingerprint of the details a correction may change, for a form to say what it showed."""
    held = "|".join(str(_jsonable(getattr(person, name))) for name in CORRECTABLE)
    return hashlib.sha256(held.encode()).hexdigest()[:16]


@transaction.atomic
def person_details_correct(
    *, by: User, person: Person, details: PersonDetails, reason: str, version: str | None = None
) -> Person:
    """Correct a person's details after identification (a misspelt name, a verified NHS number),
    validated as at creation, with one `person:change` event keeping each field's old and new
    value and why. `details.aliases` and `details.local_identifiers` are ones to add (those held
    are kept as they are: nothing clinical is deleted); a local identifier is the correcting
    user's scheme's. A changed NHS number is never carried over as verified from the old one.
    Nothing changed writes nothing. Only staff who may record in a scheme that holds the person
    may correct them, and a record merged into another is corrected there. A form passes the
    `version` it showed, so that a correction made meanwhile is not undone by stale values."""
    locked = lock(Person.objects).get(pk=person.pk)
    scheme_id = correcting_scheme_id(by, locked)
    if scheme_id is None:
        raise PermissionDenied("You cannot correct this person's details", code="scheme_not_allowed")
    if locked.merged_into_id is not None:
        raise Conflict("This record was merged into another: correct that one", code="merged")
    if version is not None and version != details_version(locked):
        raise Conflict("Someone else corrected these details while you were editing them", code="changed")
    d = details.cleaned()
    carried_over = d.nhs_number_status == locked.nhs_number_status == NhsNumberStatus.VERIFIED
    if d.nhs_number and d.nhs_number != locked.nhs_number and carried_over:
        # A trace verified the old number, not this one: it stays unverified until checked.
        d.nhs_number_status = NhsNumberStatus.UNVERIFIED
    changes: dict[str, list[object]] = {
        name: [_jsonable(getattr(locked, name)), _jsonable(getattr(d, name))]
        for name in CORRECTABLE
        if getattr(locked, name) != getattr(d, name)
    }
    known = {(a.given_name.casefold(), a.family_name.casefold()) for a in locked.aliases.all()}
    added = [(g, f) for g, f in dict.fromkeys(d.aliases) if (g.casefold(), f.casefold()) not in known]
    if added:
        changes["aliases"] = [None, [f"{g} {f}".strip() for g, f in added]]
    held = set(locked.local_identifiers.filter(scheme_id=scheme_id).values_list("system", "value"))
    identifiers = [i for i in dict.fromkeys(d.local_identifiers) if i not in held]
    if identifiers:
        changes["local_identifiers"] = [None, [list(i) for i in identifiers]]
    if not changes:
        return locked
    if not reason.strip():
        raise Invalid(
            "Say why the details are corrected", errors={"reason": "Enter why you are correcting the details"}
        )
    fields = [name for name in changes if name in CORRECTABLE]
    for name in fields:
        setattr(locked, name, getattr(d, name))
    if fields:
        locked.save(update_fields=fields)
    # One at a time: each alias's save is what keys it for "Seen before?" (linkage.keys).
    for g, f in added:
        Alias.objects.create(person=locked, given_name=g, family_name=f)
    for system, value in identifiers:
        _add_local_identifier(locked, scheme_id, system, value)
    at = clock.now()
    PersonEvent.objects.create(
        person=locked,
        kind=CHANGE.tag,
        occurred_at=at,
        recorded_at=at,
        actor=by,
        data={"changes": changes, "reason": reason.strip()[:1000]},
    )
    for name in fields:
        setattr(person, name, getattr(locked, name))
    return person


def correcting_scheme_id(user: User, person: Person) -> int | None:
    """The scheme a user corrects a person for: the first that holds the person (registered them
    or has an episode) and that the user records in; None when there is none."""
    scope = scope_for(user)
    holders = {person.registered_by_scheme_id, *person.episodes.values_list("scheme_id", flat=True)}
    return min((s for s in holders if scope.can_record_in(s)), default=None)


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
