"""Changes to the network, each written with its event: schemes, sites, response targets,
footprints and memberships are edited in the admin, so the admin saves through these.

The rows themselves are reference data, not clinical records; what matters for reporting and
for audit is that every change (who could record where, which targets applied, since when)
is an event.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import models, transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Invalid
from liaison.core.events import EventType
from liaison.geography.models import ForceArea, LocalAuthority
from liaison.organisations import hours
from liaison.organisations.events import (
    FOOTPRINT_ADD,
    FOOTPRINT_CHANGE,
    FOOTPRINT_REMOVE,
    MEMBERSHIP_END,
    MEMBERSHIP_GRANT,
    SCHEME_CHANGE,
    SITE_CHANGE,
    TARGET_CHANGE,
)
from liaison.organisations.models import (
    Footprint,
    Membership,
    OpeningPeriod,
    OrganisationEvent,
    ResponseTarget,
    Scheme,
    Site,
)

_CHANGES = {Scheme: SCHEME_CHANGE, Site: SITE_CHANGE, ResponseTarget: TARGET_CHANGE}
_SUBJECT = {
    Scheme: OrganisationEvent.Subject.SCHEME,
    Site: OrganisationEvent.Subject.SITE,
    ResponseTarget: OrganisationEvent.Subject.RESPONSE_TARGET,
}


def values_of(instance: models.Model) -> dict[str, Any]:
    """The row's column values as JSON can hold them (dates as ISO text)."""
    out = {}
    for f in instance._meta.concrete_fields:
        if f.primary_key:
            continue
        value = getattr(instance, f.attname)
        out[f.attname] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def _scheme_id(instance: models.Model) -> int | None:
    if isinstance(instance, Scheme):
        return instance.pk
    if isinstance(instance, Site):
        return instance.scheme_id
    if isinstance(instance, ResponseTarget):
        return instance.site.scheme_id
    return None


@transaction.atomic
def network_save(*, by: User, instance: Scheme | Site | ResponseTarget, before: dict[str, Any] | None) -> None:
    """Save a scheme, site or response target and write its change (field -> [old, new])."""
    instance.save()
    after = values_of(instance)
    changes = {k: [(before or {}).get(k), v] for k, v in after.items() if before is None or before.get(k) != v}
    if not changes:
        return
    _record(
        by=by,
        kind=_CHANGES[type(instance)],
        subject=_SUBJECT[type(instance)],
        subject_id=instance.pk,
        scheme_id=_scheme_id(instance),
        data={"changes": changes},
        at=clock.now(),
    )


@transaction.atomic
def site_hours_set(*, by: User, site: Site, periods: list[hours.Period]) -> None:
    """Replace when L&D staff are at a site with `periods`, and record the change on the site
    in words (`site:change`, operating_hours: [old, new])."""
    before = site.operating_hours
    site.opening_periods.all().delete()
    OpeningPeriod.objects.bulk_create(
        OpeningPeriod(site=site, weekday=p.weekday, opens=p.opens, closes=p.closes) for p in periods
    )
    after = hours.describe(periods)
    if after == before:
        return
    _record(
        by=by,
        kind=SITE_CHANGE,
        subject=OrganisationEvent.Subject.SITE,
        subject_id=site.pk,
        scheme_id=site.scheme_id,
        data={"changes": {"operating_hours": [before, after]}},
        at=clock.now(),
    )


def _record(
    *,
    by: User,
    kind: EventType,
    subject: str,
    subject_id: int,
    scheme_id: int | None,
    data: dict[str, Any],
    at: datetime,
) -> None:
    """One event of the network's stream, as it happened now (the admin records as it acts)."""
    OrganisationEvent.objects.create(
        kind=kind.tag,
        subject=subject,
        subject_id=subject_id,
        scheme_id=scheme_id,
        occurred_at=at,
        recorded_at=at,
        actor=by,
        data=data,
    )


def _membership_scheme(m: Membership) -> int | None:
    if m.scheme_id is not None:
        return m.scheme_id
    return m.site.scheme_id if m.site is not None else None


def membership_payload(m: Membership) -> dict[str, Any]:
    return {
        "user_id": m.user_id,
        "username": m.user.username,
        "role": m.role,
        "scheme_id": m.scheme_id,
        "site_id": m.site_id,
    }


@transaction.atomic
def membership_grant(*, by: User, membership: Membership) -> None:
    """Save a membership (a role at a scheme or site). A changed role is the old one ended and
    the new one granted, so who could do what, when, reads straight from the events."""
    previous = Membership.objects.filter(pk=membership.pk).select_related("user").first() if membership.pk else None
    membership.save()
    at = clock.now()
    rows = []
    if previous is not None and membership_payload(previous) != membership_payload(membership):
        rows.append((MEMBERSHIP_END, {**membership_payload(previous), "reason": "changed"}))
    if previous is None or membership_payload(previous) != membership_payload(membership):
        rows.append((MEMBERSHIP_GRANT, membership_payload(membership)))
    for kind, data in rows:
        _membership_event(by=by, kind=kind, membership=membership, data=data, at=at)


@transaction.atomic
def membership_end(*, by: User, membership: Membership, reason: str = "") -> None:
    data = {**membership_payload(membership), "reason": reason}
    _membership_event(by=by, kind=MEMBERSHIP_END, membership=membership, data=data, at=clock.now())
    membership.delete()


def _membership_event(*, by: User, kind: EventType, membership: Membership, data: dict[str, Any], at: datetime) -> None:
    scheme_id = data.get("scheme_id") or _membership_scheme(membership)
    subject = OrganisationEvent.Subject.MEMBERSHIP
    _record(by=by, kind=kind, subject=subject, subject_id=membership.pk, scheme_id=scheme_id, data=data, at=at)


def footprint_payload(f: Footprint) -> dict[str, Any]:
    return {
        "local_authority": f.local_authority.code,
        "name": f.local_authority.name,
        "effective_from": f.effective_from,
        "effective_to": f.effective_to,
    }


def _footprint_event(*, by: User, kind: EventType, footprint: Footprint, data: dict[str, Any]) -> None:
    subject = OrganisationEvent.Subject.FOOTPRINT
    _record(
        by=by,
        kind=kind,
        subject=subject,
        subject_id=footprint.pk,
        scheme_id=footprint.scheme_id,
        data=data,
        at=clock.now(),
    )


def _check(footprint: Footprint) -> None:
    problems = footprint.problems()
    if problems:
        raise Invalid("The footprint cannot be saved", errors=problems)


@transaction.atomic
def footprint_add(
    *, by: User, scheme: Scheme, local_authority: LocalAuthority, effective_from: date, effective_to: date | None = None
) -> Footprint:
    """The scheme covers the local authority from `effective_from` (to `effective_to`, its last day)."""
    footprint = Footprint(
        scheme=scheme, local_authority=local_authority, effective_from=effective_from, effective_to=effective_to
    )
    _check(footprint)
    footprint.save()
    _footprint_event(by=by, kind=FOOTPRINT_ADD, footprint=footprint, data=footprint_payload(footprint))
    return footprint


@transaction.atomic
def footprint_add_force_area(
    *, by: User, scheme: Scheme, force_area: ForceArea, effective_from: date, effective_to: date | None = None
) -> list[Footprint]:
    """Every local authority of a force area, each as its own footprint."""
    return [
        footprint_add(
            by=by, scheme=scheme, local_authority=la, effective_from=effective_from, effective_to=effective_to
        )
        for la in force_area.local_authorities.order_by("code")
    ]


@transaction.atomic
def footprint_change(*, by: User, footprint: Footprint, effective_from: date, effective_to: date | None) -> Footprint:
    """New dates for a footprint: ending one (an area handed to another scheme) is setting its
    `effective_to`."""
    before = {"effective_from": footprint.effective_from, "effective_to": footprint.effective_to}
    footprint.effective_from, footprint.effective_to = effective_from, effective_to
    _check(footprint)
    after = {"effective_from": effective_from, "effective_to": effective_to}
    changes = {k: [_iso(before[k]), _iso(v)] for k, v in after.items() if before[k] != v}
    if not changes:
        return footprint
    footprint.save(update_fields=["effective_from", "effective_to"])
    data = {"local_authority": footprint.local_authority.code, "changes": changes}
    _footprint_event(by=by, kind=FOOTPRINT_CHANGE, footprint=footprint, data=data)
    return footprint


@transaction.atomic
def footprint_remove(*, by: User, footprint: Footprint, reason: str) -> None:
    """Take out a footprint entered in error; its event keeps what it said."""
    if not reason.strip():
        raise Invalid("Say why the footprint is removed", errors={"reason": "Give a reason"})
    _footprint_event(
        by=by, kind=FOOTPRINT_REMOVE, footprint=footprint, data={**footprint_payload(footprint), "reason": reason}
    )
    footprint.delete()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
