"""Who may see and record what of governance and commissioning, and every read, scoped.

Deny by default, from the user's memberships:
- a scheme's team leads and managers see its board and commissioning history and record its
  meetings, decisions and actions;
- commissioners and national analysts see the boards and arrangements of the schemes they
  report on (`reporting.selectors.reporting_scope`), and commissioners record arrangements;
- another scheme's manager sees nothing of a board: it is NotFound like an unknown code.
Nothing here is about a person the service sees, so the access audit is not written.
Guidance is good practice for everyone: every signed-in member of staff reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from liaison.accounts.scope import scope_for
from liaison.core.errors import NotFound
from liaison.governance.models import (
    Arrangement,
    Board,
    BoardAction,
    BoardMeeting,
    BoardMember,
    GuidanceDocument,
)
from liaison.organisations.models import Scheme
from liaison.reporting.selectors import reporting_scope


@dataclass(frozen=True)
class GovernanceScope:
    seen_scheme_ids: frozenset[int] = frozenset()
    own_scheme_ids: frozenset[int] = frozenset()  # team lead or manager: records the board
    programme: bool = False  # commissioner or national analyst
    commissioner: bool = False

    @property
    def uses_governance(self) -> bool:
        return bool(self.own_scheme_ids) or (self.programme and bool(self.seen_scheme_ids))

    def sees(self, scheme_id: int) -> bool:
        return scheme_id in self.own_scheme_ids or (self.programme and scheme_id in self.seen_scheme_ids)

    def records_board(self, scheme_id: int) -> bool:
        return scheme_id in self.own_scheme_ids

    def records_commissioning(self, scheme_id: int) -> bool:
        return self.commissioner and scheme_id in self.seen_scheme_ids


def governance_scope(user: Any) -> GovernanceScope:
    rscope = reporting_scope(user)
    return GovernanceScope(
        seen_scheme_ids=rscope.scheme_ids,
        own_scheme_ids=frozenset(scope_for(user).oversight_scheme_ids),
        programme=rscope.commissioner or rscope.analyst,
        commissioner=rscope.commissioner,
    )


def _scope(user: Any) -> GovernanceScope:
    s = governance_scope(user)
    if not s.uses_governance:
        raise NotFound("No such page.")
    return s


def schemes_seen(user: Any) -> list[Scheme]:
    """The schemes whose governance the user sees, by name."""
    s = _scope(user)
    ids = s.own_scheme_ids | (s.seen_scheme_ids if s.programme else frozenset())
    return list(Scheme.objects.filter(pk__in=ids).select_related("region").order_by("name"))


def scheme_for(*, user: Any, code: object) -> Scheme:
    """A scheme whose governance the user sees; unknown and out of scope are NotFound alike."""
    text = str(code or "")
    scheme = Scheme.objects.filter(code=text).select_related("region").first() if text.isascii() else None
    if scheme is None or not governance_scope(user).sees(scheme.pk):
        raise NotFound("No such scheme.")
    return scheme


def board_of(scheme: Scheme) -> Board | None:
    """The scheme's board with its members, meetings (attendees, decisions, actions)."""
    actions = BoardAction.objects.select_related("owner", "decision")
    return (
        Board.objects.filter(scheme=scheme)
        .prefetch_related(
            "members",
            Prefetch("meetings", queryset=BoardMeeting.objects.prefetch_related("attendees", "decisions")),
            Prefetch("meetings__actions", queryset=actions),
        )
        .first()
    )


def members_on(board: Board, day: date) -> list[BoardMember]:
    """Who sat on the board on a day (joined by then, not yet left)."""
    return list(
        board.members.filter(Q(left_on__isnull=True) | Q(left_on__gte=day), joined_on__lte=day).order_by(
            "agency", "name"
        )
    )


def actions_of(board: Board) -> QuerySet[BoardAction]:
    return BoardAction.objects.filter(meeting__board=board).select_related("owner", "meeting", "decision")


def action_for(*, user: Any, action_id: object) -> BoardAction:
    """An action the user may close: of a board they record for. Otherwise NotFound."""
    text = str(action_id or "")
    action = (
        BoardAction.objects.select_related("meeting__board__scheme", "owner").filter(pk=int(text)).first()
        if text.isascii() and text.isdigit() and len(text) < 19
        else None
    )
    if action is None or not governance_scope(user).records_board(action.meeting.board.scheme_id):
        raise NotFound("No such action.")
    return action


def arrangements_of(scheme: Scheme) -> list[Arrangement]:
    """The scheme's commissioning history, newest contract first."""
    return list(Arrangement.objects.filter(scheme=scheme).prefetch_related("subcontractors"))


def current_arrangement(scheme_id: int, on: date, rows: list[Arrangement] | None = None) -> Arrangement | None:
    """The arrangement in force on a day: started by then and not yet ended (the latest start)."""
    candidates = rows if rows is not None else list(Arrangement.objects.filter(scheme_id=scheme_id))
    live = [
        a
        for a in candidates
        if a.scheme_id == scheme_id and a.contract_start <= on and (a.contract_end is None or a.contract_end >= on)
    ]
    return max(live, key=lambda a: a.contract_start, default=None)


def programme_arrangements(*, user: Any, on: date) -> list[tuple[Scheme, Arrangement | None]]:
    """Every scheme the user reports on, with its arrangement on the day: for commissioners and
    the programme team."""
    s = _scope(user)
    if not s.programme:
        raise NotFound("No such page.")
    schemes = list(Scheme.objects.filter(pk__in=s.seen_scheme_ids).select_related("region").order_by("name"))
    rows = list(Arrangement.objects.filter(scheme__in=schemes).prefetch_related("subcontractors"))
    return [(scheme, current_arrangement(scheme.pk, on, rows)) for scheme in schemes]


def all_current_arrangements(on: date) -> dict[int, Arrangement]:
    """Every scheme's arrangement on the day, scheme id -> arrangement. Not scoped: the
    comparison publishes aggregates of every scheme under disclosure control."""
    rows = list(Arrangement.objects.all())
    out: dict[int, Arrangement] = {}
    for scheme_id in {a.scheme_id for a in rows}:
        found = current_arrangement(scheme_id, on, rows)
        if found is not None:
            out[scheme_id] = found
    return out


def guidance_documents(*, current_only: bool = False) -> QuerySet[GuidanceDocument]:
    """The library, open to every signed-in member of staff (good practice, nothing personal)."""
    rows = GuidanceDocument.objects.select_related("superseded_by").prefetch_related("supports")
    return rows.filter(superseded_by__isnull=True) if current_only else rows


def guidance_versions(code: object) -> list[GuidanceDocument]:
    text = str(code or "")
    rows = list(guidance_documents().filter(code=text).order_by("-version")) if text.isascii() else []
    if not rows:
        raise NotFound("No such guidance.")
    return rows
