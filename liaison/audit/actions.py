"""Writing the access audit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Field

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
) -> int:
    """The one seam every read of a person's identifiable data goes through, page or API.

    Selectors call it with what the read returns: the person, the episode (whose person it is),
    or every row of a list. It writes one row per person shown, so "who has looked at this
    record" is a lookup on one indexed column, and all of them in a single insert, so a worklist
    of fifty people costs one query on each refresh, not fifty. Showing nobody writes nothing.
    Returns how many rows it wrote; the read goes on only once they are committed.

    Every page view comes here, so the insert is built from the rows' values, not fifty model
    instances (issue 13: the ORM's bulk_create of a worklist's fifty rows took 8 to 9 ms on the
    load benchmark's machine, the same insert from values 3 to 4)."""
    at = clock.now()
    rows: dict[tuple[object, object], None] = {}
    for item in shown:
        # An episode names its person; a person is their own.
        episode_id = item.pk if hasattr(item, "person_id") else None
        person_id = getattr(item, "person_id", item.pk)
        # The same person twice in one read (two of their episodes in a list) is one look each.
        rows.setdefault((person_id, episode_id), None)
    if not rows:
        return 0
    _insert_access(
        [(at, user.pk, person_id, episode_id, action, what[:200], reason, channel) for person_id, episode_id in rows]
    )
    return len(rows)


_ROWS_PER_INSERT = 1000
_ACCESS_COLUMNS = ("at", "user", "person", "episode", "action", "what", "reason", "channel")


def _insert_access(rows: list[tuple[object, ...]]) -> None:
    """One multi-row INSERT of access rows, each value prepared by its own field for the
    database in use (a UUID as SQLite's text or PostgreSQL's uuid, a datetime in UTC)."""
    connection = connections[AccessAudit.objects.db]
    fields = [field for name in _ACCESS_COLUMNS if isinstance(field := AccessAudit._meta.get_field(name), Field)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = quote(AccessAudit._meta.db_table)
    # No savepoint inside a caller's transaction (as bulk_create): all or nothing either way.
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        # Batches keep a long list's parameters under the databases' limits (SQLite 32,766).
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            batch = rows[start : start + _ROWS_PER_INSERT]
            params = [
                f.get_db_prep_save(value, connection) for row in batch for f, value in zip(fields, row, strict=True)
            ]
            # Names from the model, values as parameters: nothing of the request is in the SQL.
            values = ", ".join([one] * len(batch))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608


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
