"""Reading the access audit: "who has looked at this record", as a team lead reads it.

Who may read it is the caller's to check (`people.selectors.person_access_log`): the rows here
are the holding scheme's business, not the viewer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Count, F, IntegerField, Max, Min, QuerySet, TextField, Value
from django.db.models.functions import TruncDate

from liaison.accounts.models import User
from liaison.audit.models import AccessAction, AccessAudit
from liaison.core.paging import Paging

if TYPE_CHECKING:
    from liaison.people.models import Person


@dataclass(frozen=True)
class LogEntry:
    """One line of the log: a single look, or the times one user saw the person in one list on
    one day."""

    user: User
    action: str
    what: str
    channel: str
    reason: str
    at: datetime  # the latest time
    first_at: datetime  # the earliest: the same as `at` for a single look
    times: int = 1

    @property
    def action_label(self) -> str:
        return str(AccessAction(self.action).label)

    @property
    def is_list(self) -> bool:
        return self.action == AccessAction.LIST


def _lines(person: Person) -> QuerySet[AccessAudit, Any]:
    """The log's lines as one query, newest first: every opening, search, export and break
    glass, and each day's sightings in one list by one user folded into one line. The two
    halves have the same columns, in the same order, so the database pages their union."""
    looks = (
        AccessAudit.objects.filter(person=person)
        .exclude(action=AccessAction.LIST)
        .order_by()  # SQLite allows no ORDER BY inside a union (the model orders by default)
        .values(
            u=F("user_id"),
            w=F("what"),
            c=F("channel"),
            d=TruncDate("at"),
            a=F("action"),
            r=F("reason"),
            last=F("at"),
            first=F("at"),
            n=Value(1, output_field=IntegerField()),
        )
    )
    # TruncDate works in the current time zone, so a day is a day in England, not in UTC.
    sightings = (
        AccessAudit.objects.filter(person=person, action=AccessAction.LIST)
        .order_by()
        .values(u=F("user_id"), w=F("what"), c=F("channel"), d=TruncDate("at"))
        .annotate(
            a=Value(AccessAction.LIST.value, output_field=CharField()),
            r=Value("", output_field=TextField()),
            last=Max("at"),
            first=Min("at"),
            n=Count("id"),
        )
    )
    return looks.union(sightings, all=True)


def _entries(rows: list[dict[str, Any]]) -> list[LogEntry]:
    users = User.objects.in_bulk({row["u"] for row in rows}) if rows else {}
    return [
        LogEntry(users[row["u"]], row["a"], row["w"], row["c"], row["r"], row["last"], row["first"], row["n"])
        for row in rows
    ]


def access_log(*, person: Person, limit: int = 200) -> list[LogEntry]:
    """The latest `limit` lines of the log, most recent first. Sightings in a list are folded
    into one line per user, list and day, because a worklist refreshed all morning would
    otherwise bury the one time someone opened the record.

    Two queries (the lines, and their users), however long the history.
    """
    return _entries(list(_lines(person).order_by("-last", "-first")[:limit]))


@dataclass(frozen=True)
class LogPage:
    entries: list[LogEntry]
    paging: Paging


def access_log_page(*, person: Person, page: int = 1, per_page: int = 25) -> LogPage:
    """One page of the log (the page asked for, or the last there is): three queries (how
    many lines, the page's lines, their users), however long the history."""
    lines = _lines(person)
    paging = Paging.of(count=lines.count(), asked=page, per_page=per_page)
    rows = list(lines.order_by("-last", "-first")[paging.offset : paging.offset + per_page])
    return LogPage(_entries(rows), paging)
