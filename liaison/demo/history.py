"""The events of everything the demo sets up besides episodes: the network (schemes, sites,
response targets), each scheme's directory, staff memberships and every person recorded.

Reporting and linkage read these streams, so a demo database has them as a live one would:
each row was created once, and its event says so (`changes` maps each field to [null, value]).
The network, directory and staff were set up at each scheme's go-live by the administrator and
the scheme's manager; a person was recorded at the identification that first met them.

Each payload is built as its real writer builds it, with the writer's own helper where there
is one: `people.actions.person_create` (`created_payload`), `organisations.actions`
(`network_save` with nothing before, `footprint_add`, `membership_grant`) and
`referrals.directory.service_create`. A footprint that starts after go-live was added by the
administrator at 09:00 on its first day.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time
from typing import Any

from django.db.models import Model
from django.utils import timezone

from liaison.demo.episodes import Cast
from liaison.demo.services import go_live_at
from liaison.demo.staff import StaffMaker
from liaison.organisations.actions import footprint_payload, membership_payload, values_of
from liaison.organisations.events import FOOTPRINT_ADD, MEMBERSHIP_GRANT, SCHEME_CHANGE, SITE_CHANGE, TARGET_CHANGE
from liaison.organisations.models import Footprint, OrganisationEvent
from liaison.people.actions import created_payload
from liaison.people.events import CREATE as PERSON_CREATE
from liaison.people.models import Alias, Person, PersonEvent
from liaison.referrals.directory.actions import ServiceDetails
from liaison.referrals.events import SERVICE_CREATE
from liaison.referrals.models import ServiceEvent

_SERVICE_FIELDS = tuple(ServiceDetails.__dataclass_fields__)


def created(row: Model) -> dict[str, list[Any]]:
    """A new record's changes, as `network_save` writes them with nothing before: every column
    from nothing to its value."""
    return {name: [None, value] for name, value in values_of(row).items()}


def organisation_events(casts: list[Cast], staff: StaffMaker) -> list[OrganisationEvent]:
    """Each scheme, site, response target and footprint created, and each membership granted."""
    admin = staff.admin
    assert admin is not None
    at_of = {c.scheme.pk: go_live_at(c.spec) for c in casts}
    Subject = OrganisationEvent.Subject

    def event(
        kind: str, subject: str, row: Model, scheme_id: int, data: dict[str, Any], at: datetime | None = None
    ) -> OrganisationEvent:
        at = at or at_of[scheme_id]
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
        events.append(event(SCHEME_CHANGE.tag, Subject.SCHEME, cast.scheme, sid, {"changes": created(cast.scheme)}))
        events += [
            event(SITE_CHANGE.tag, Subject.SITE, site, sid, {"changes": created(site)})
            for site in cast.sites_by_id.values()
        ]
        events += [
            event(TARGET_CHANGE.tag, Subject.RESPONSE_TARGET, t, sid, {"changes": created(t)})
            for t in cast.response_targets
        ]
        events += [
            event(FOOTPRINT_ADD.tag, Subject.FOOTPRINT, f, sid, footprint_payload(f), at=_nine_on(f, at_of[sid]))
            for f in cast.footprints
        ]
    site_scheme = {site_id: c.scheme.pk for c in casts for site_id in c.sites_by_id}
    for m in staff.rows:
        data = membership_payload(m)
        # A site membership belongs to the site's scheme.
        scheme_id = m.scheme_id
        if scheme_id is None:
            assert m.site_id is not None
            scheme_id = site_scheme[m.site_id]
        events.append(event(MEMBERSHIP_GRANT.tag, Subject.MEMBERSHIP, m, scheme_id, data))
    return events


def _nine_on(footprint: Footprint, go_live: datetime) -> datetime:
    if footprint.effective_from <= go_live.date():
        return go_live
    return timezone.make_aware(datetime.combine(footprint.effective_from, time(9)))


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
            data=created_payload(p, aliases=counts[p.pk], local_identifiers=[]),
        )
        for p in people
    ]
