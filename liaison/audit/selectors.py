"""Reading the access audit: "who has looked at this record", as a team lead reads it.

Who may read it is the caller's to check (`people.selectors.person_access_log`): the rows here
are the holding scheme's business, not the viewer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncDate

from liaison.accounts.models import User
from liaison.audit.models import AccessAction, AccessAudit

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


def access_log(*, person: Person, limit: int = 200) -> list[LogEntry]:
    """Most recent first. Every opening, search, export and break glass is a line of its own;
    sightings in a list are folded into one line per user, list and day, because a worklist
    refreshed all morning would otherwise bury the one time someone opened the record.

    Two queries (three when there are list lines, for their users), however long the history.
    """
    looks = [
        LogEntry(r.user, r.action, r.what, r.channel, r.reason, r.at, r.at)
        for r in AccessAudit.objects.filter(person=person)
        .exclude(action=AccessAction.LIST)
        .select_related("user")[:limit]
    ]
    # TruncDate works in the current time zone, so a day is a day in England, not in UTC.
    folded = list(
        AccessAudit.objects.filter(person=person, action=AccessAction.LIST)
        .annotate(day=TruncDate("at"))
        .values("user_id", "what", "channel", "day")
        .annotate(first_at=Min("at"), last_at=Max("at"), times=Count("id"))
        .order_by("-last_at")[:limit]
    )
    users = User.objects.in_bulk({f["user_id"] for f in folded}) if folded else {}
    sightings = [
        LogEntry(
            users[f["user_id"]],
            AccessAction.LIST,
            f["what"],
            f["channel"],
            "",
            f["last_at"],
            f["first_at"],
            f["times"],
        )
        for f in folded
    ]
    return sorted([*looks, *sightings], key=lambda e: e.at, reverse=True)[:limit]
