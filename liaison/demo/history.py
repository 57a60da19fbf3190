"""The events of everything the demo sets up besides episodes: the network (schemes, sites,
response targets), each scheme's directory, staff memberships and every person recorded.

Reporting and linkage read these streams, so a demo database has them as a live one would:
each row was created once, and its event says so (`changes` maps each field to [null, value]).
The network, directory and staff were set up at each scheme's go-live by the administrator and
the scheme's manager; a person was recorded at the identification that first met them.

The directory's payload is built exactly as `referrals.directory.service_create` builds it.
People, the network and memberships have no writer of their own yet: these payloads follow
their tags' models (`people.events`, `organisations.events`), and move next to the writers
when those are written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import Model

from liaison.accounts.models import User
from liaison.demo.episodes import Cast
from liaison.demo.services import go_live_at
from liaison.demo.staff import StaffMaker
from liaison.organisations.events import MEMBERSHIP_GRANT, SCHEME_CHANGE, SITE_CHANGE, TARGET_CHANGE
from liaison.organisations.models import OrganisationEvent
from liaison.people.events import CREATE as PERSON_CREATE
from liaison.people.models import Alias, Person, PersonEvent
from liaison.referrals.directory import ServiceDetails
from liaison.referrals.events import SERVICE_CREATE
from liaison.referrals.models import ServiceEvent

_SCHEME_FIELDS = ("code", "name", "provider", "region_id", "wave", "go_live", "police_force_areas")
_SITE_FIELDS = ("code", "name", "kind", "operating_hours", "active")
_TARGET_FIELDS = ("site_id", "point_of_contact", "minutes")
_SERVICE_FIELDS = tuple(ServiceDetails.__dataclass_fields__)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def created(row: Model, fields: Iterable[str]) -> dict[str, list[Any]]:
    """A new record's changes: every field from nothing to its value."""
    return {name: [None, _json(getattr(row, name))] for name in fields}


def organisation_events(casts: list[Cast], staff: StaffMaker) -> list[OrganisationEvent]:
    """Each scheme, site and response target created, and each membership granted."""
    admin = staff.admin
    assert admin is not None
    at_of = {c.scheme.pk: go_live_at(c.spec) for c in casts}
    Subject = OrganisationEvent.Subject

    def event(kind: str, subject: str, row: Model, scheme_id: int, data: dict[str, Any]) -> OrganisationEvent:
        at = at_of[scheme_id]
        return OrganisationEvent(
            kind=kind,
            occurred_at=at,
            recorded_at=at,
            actor=admin,
            data=data,
            subject=subject,
            subject_id=row.pk,
            scheme_id=scheme_id,
        )

    events = []
    for cast in casts:
        sid = cast.scheme.pk
        scheme_changes = {"changes": created(cast.scheme, _SCHEME_FIELDS)}
        events.append(event(SCHEME_CHANGE.tag, Subject.SCHEME, cast.scheme, sid, scheme_changes))
        events += [
            event(SITE_CHANGE.tag, Subject.SITE, site, sid, {"changes": created(site, _SITE_FIELDS)})
            for site in cast.sites_by_id.values()
        ]
        events += [
            event(TARGET_CHANGE.tag, Subject.RESPONSE_TARGET, t, sid, {"changes": created(t, _TARGET_FIELDS)})
            for t in cast.response_targets
        ]
    site_scheme = {site_id: c.scheme.pk for c in casts for site_id in c.sites_by_id}
    for m in staff.rows:
        user: User = m.user
        data = {
            "user_id": user.pk,
            "username": user.username,
            "role": m.role,
            "scheme_id": m.scheme_id,
            "site_id": m.site_id,
        }
        # A site membership belongs to the site's scheme.
        scheme_id = m.scheme_id
        if scheme_id is None:
            assert m.site_id is not None
            scheme_id = site_scheme[m.site_id]
        events.append(event(MEMBERSHIP_GRANT.tag, Subject.MEMBERSHIP, m, scheme_id, data))
    return events


def service_events(casts: list[Cast], staff: StaffMaker) -> list[ServiceEvent]:
    """Each directory entry added by its scheme's manager, as `service_create` records it."""
    events = []
    for cast in casts:
        for service in cast.services:
            details = ServiceDetails(**{name: getattr(service, name) for name in _SERVICE_FIELDS}).cleaned()
            events.append(
                ServiceEvent(
                    service=service,
                    kind=SERVICE_CREATE.tag,
                    occurred_at=service.updated_at,
                    recorded_at=service.updated_at,
                    actor=staff.managers[cast.scheme.pk],
                    data={"changes": {k: [None, v] for k, v in vars(details).items()}},
                )
            )
    return events


def person_created(person: Person, *, aliases: int) -> dict[str, Any]:
    """What `person:create` says: the identifiers and demographics given (names stay on the record)."""
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
            "date_of_birth": _json(person.date_of_birth),
            "sex": person.sex,
            "gender_identity": person.gender_identity,
            "ethnicity": person.ethnicity,
        },
        "aliases": aliases,
        "local_identifiers": [],
    }


def person_events(people: list[Person], aliases: list[Alias], recorded: dict[Any, datetime]) -> list[PersonEvent]:
    """Each person recorded, by whoever identified them, when they were first identified."""
    counts = Counter(a.person_id for a in aliases)
    return [
        PersonEvent(
            person=p,
            kind=PERSON_CREATE.tag,
            occurred_at=recorded[p.pk],
            recorded_at=recorded[p.pk],
            actor=p.created_by,
            data=person_created(p, aliases=counts[p.pk]),
        )
        for p in people
    ]
