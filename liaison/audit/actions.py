"""Writing the access audit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.models import AccessAction, AccessAudit, BreakGlass
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.organisations.models import Scheme

if TYPE_CHECKING:
    # Audit sits below people and pathway (their selectors call it), so it names their rows by
    # type only; the foreign keys are by label ("people.Person").
    from liaison.pathway.models import Episode
    from liaison.people.models import Person


def access_record(
    *,
    user: User,
    action: AccessAction,
    what: str,
    shown: Iterable[Person | Episode],
    reason: str = "",
    channel: str = "web",
) -> list[AccessAudit]:
    """The one seam every read of a person's identifiable data goes through, page or API.

    Selectors call it with what the read returns: the person, the episode (whose person it is),
    or every row of a list. It writes one row per person shown, so "who has looked at this
    record" is a lookup on one indexed column, and all of them in a single insert, so a worklist
    of fifty people costs one query on each refresh, not fifty. Showing nobody writes nothing.
    """
    at = clock.now()
    rows: dict[tuple[object, object], AccessAudit] = {}
    for item in shown:
        # An episode names its person; a person is their own.
        episode_id = item.pk if hasattr(item, "person_id") else None
        person_id = getattr(item, "person_id", item.pk)
        # The same person twice in one read (two of their episodes in a list) is one look each.
        rows.setdefault(
            (person_id, episode_id),
            AccessAudit(
                at=at,
                user=user,
                person_id=person_id,
                episode_id=episode_id,
                action=action,
                what=what[:200],
                reason=reason,
                channel=channel,
            ),
        )
    if not rows:
        return []
    return AccessAudit.objects.bulk_create(rows.values())


def export_record(*, user: User, what: str, channel: str = "web") -> AccessAudit:
    """A download of pseudonymised record-level data (the analyst's extract): about no one
    person, so one row naming what was taken, kept with every other look at the records."""
    return AccessAudit.objects.create(
        at=clock.now(), user=user, person=None, action=AccessAction.EXPORT, what=what[:200], channel=channel
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
        shown=[person],
        reason=reason,
        channel=channel,
    )
    return grant
