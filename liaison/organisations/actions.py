"""Changes to the network, each written with its event: schemes, sites, response targets and
memberships are edited in the admin, so the admin saves through these.

The rows themselves are reference data, not clinical records; what matters for reporting and
for audit is that every change (who could record where, which targets applied, since when)
is an event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models, transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.events import EventType
from liaison.organisations.events import (
    MEMBERSHIP_END,
    MEMBERSHIP_GRANT,
    SCHEME_CHANGE,
    SITE_CHANGE,
    TARGET_CHANGE,
)
from liaison.organisations.models import Membership, OrganisationEvent, ResponseTarget, Scheme, Site

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
    at = clock.now()
    OrganisationEvent.objects.create(
        kind=_CHANGES[type(instance)].tag,
        subject=_SUBJECT[type(instance)],
        subject_id=instance.pk,
        scheme_id=_scheme_id(instance),
        occurred_at=at,
        recorded_at=at,
        actor=by,
        data={"changes": changes},
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
    OrganisationEvent.objects.create(
        kind=kind.tag,
        subject=OrganisationEvent.Subject.MEMBERSHIP,
        subject_id=membership.pk,
        scheme_id=data.get("scheme_id") or _membership_scheme(membership),
        occurred_at=at,
        recorded_at=at,
        actor=by,
        data=data,
    )
