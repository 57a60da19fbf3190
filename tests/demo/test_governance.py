"""The demo builds every scheme's partnership board, its meetings, decisions and actions, its
commissioning history and the guidance library, the same for the same seed."""

from __future__ import annotations

from django.db import transaction

from liaison.governance.models import (
    ActionStatus,
    Arrangement,
    Board,
    BoardAction,
    BoardMeeting,
    GovernanceEvent,
    GuidanceDocument,
)
from liaison.governance.selectors import all_current_arrangements
from liaison.organisations.models import Scheme


class _Rollback(Exception):
    pass


def _digest() -> tuple[object, ...]:
    return (
        tuple(BoardMeeting.objects.order_by("board__scheme__code", "held_on").values_list(
            "board__scheme__code", "held_on", "minutes", "recorded_at")),
        tuple(BoardAction.objects.order_by("meeting__board__scheme__code", "due_on", "action").values_list(
            "meeting__board__scheme__code", "action", "owner__name", "due_on", "status", "closed_note")),
        tuple(Arrangement.objects.order_by("scheme__code", "contract_start").values_list(
            "scheme__code", "model", "contract_start", "contract_end")),
    )  # fmt: skip


def _built(build_demo, seed: int) -> tuple[object, ...]:
    try:
        with transaction.atomic():
            build_demo(seed=seed)
            value = _digest()
            raise _Rollback
    except _Rollback:
        pass
    return value


def test_every_scheme_has_a_board_meetings_and_a_current_arrangement(build_demo):
    build_demo()
    assert Scheme.objects.count() == Board.objects.count() == 26
    for board in Board.objects.prefetch_related("members", "meetings"):
        agencies = {m.agency for m in board.members.all()}
        assert {"health", "police", "courts", "probation", "lived_experience"} <= agencies
        assert board.meetings.count() >= 4
    statuses = set(BoardAction.objects.values_list("status", flat=True))
    assert statuses == {ActionStatus.OPEN, ActionStatus.COMPLETED, ActionStatus.WITHDRAWN}
    withdrawn = BoardAction.objects.filter(status=ActionStatus.WITHDRAWN)
    assert all(a.closed_note for a in withdrawn)
    current = all_current_arrangements(Scheme.objects.order_by("-go_live").first().go_live)
    assert len(current) == 26 and len({a.model for a in current.values()}) >= 3
    assert GuidanceDocument.objects.count() >= 8
    assert GovernanceEvent.objects.filter(kind="governance:meeting:record").count() == BoardMeeting.objects.count()


def test_the_same_seed_gives_the_same_governance(build_demo):
    assert _built(build_demo, 7) == _built(build_demo, 7)
