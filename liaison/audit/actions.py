"""Writing the access audit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.models import AccessAction, AccessAudit, BreakGlass
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.organisations.models import Scheme
from liaison.pathway.models import Episode
from liaison.people.models import Person


def access_record(
    *,
    user: User,
    action: AccessAction,
    what: str,
    person: Person | None = None,
    episode: Episode | None = None,
    reason: str = "",
    channel: str = "web",
) -> AccessAudit:
    return AccessAudit.objects.create(
        at=clock.now(),
        user=user,
        person=person or (episode.person if episode else None),
        episode=episode,
        action=action,
        what=what[:200],
        reason=reason,
        channel=channel,
    )


def access_record_many(
    *, user: User, action: AccessAction, what: str, people: Iterable[Person], channel: str = "web"
) -> None:
    """One row per person a search showed, so "who has looked at this record" includes searches."""
    at = clock.now()
    AccessAudit.objects.bulk_create(
        AccessAudit(at=at, user=user, person=p, action=action, what=what[:200], channel=channel) for p in people
    )


@transaction.atomic
def break_glass(*, user: User, person: Person, scheme: Scheme, reason: str, channel: str = "web") -> BreakGlass:
    # Only clinical staff may open records at all, and only a scheme that holds the person can
    # grant access (its team leads are the ones shown the reason).
    if not scope_for(user).is_clinical:
        raise PermissionDenied("Your role cannot open people's records", code="role_not_allowed")
    holds = person.registered_by_scheme_id == scheme.pk or person.episodes.filter(scheme=scheme).exists()
    if not holds:
        raise NotFound("No such person")
    reason = reason.strip()
    if len(reason) < 10:
        raise Invalid(
            "Give the reason you need this record",
            errors={"reason": "Enter the reason you need to open this record, in at least 10 characters"},
            code="reason_required",
        )
    at = clock.now()
    grant = BreakGlass.objects.create(
        user=user,
        person=person,
        scheme=scheme,
        reason=reason,
        at=at,
        expires_at=at + timedelta(hours=settings.BREAK_GLASS_HOURS),
    )
    access_record(
        user=user,
        action=AccessAction.BREAK_GLASS,
        what=f"record held by {scheme.code}",
        person=person,
        reason=reason,
        channel=channel,
    )
    return grant
