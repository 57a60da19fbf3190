"""Disposal of a record past retention, in three steps by two people (ADR 0027).

`disposal_propose` (a scheme manager of the episode's scheme, or an administrator), then
`disposal_approve` or `disposal_reject` by a *different* such person, then `disposal_carry_out`,
which checks again that the episode is past retention on the day (it may have been reopened, or
written to, since the proposal) and replaces the content of its rows (`redaction.py`). Each step
runs in one transaction and writes its `disposal:*` event; nothing is ever deleted.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.core.events import EventType
from liaison.pathway.models import Episode
from liaison.records.events import DISPOSAL_APPROVE, DISPOSAL_CARRY_OUT, DISPOSAL_PROPOSE, DISPOSAL_REJECT
from liaison.records.models import Disposal, DisposalEvent, DisposalStatus
from liaison.records.redaction import redact_episode
from liaison.records.retention import episodes_past_retention
from liaison.records.selectors import DISPOSING_ROLES


class NotPastRetention(Conflict):
    code = "not_past_retention"


def may_dispose(*, user: User, scheme_id: int) -> bool:
    return any(m.role in DISPOSING_ROLES and m.scheme_id_in_effect == scheme_id for m in scope_for(user).memberships)


def _require_role(user: User, episode: Episode) -> None:
    if not may_dispose(user=user, scheme_id=episode.scheme_id):
        raise PermissionDenied("Only a scheme manager or administrator of the episode's scheme may do this")


def _require_past_retention(episode: Episode, as_of: date) -> None:
    if not episodes_past_retention(as_of=as_of).filter(pk=episode.pk).exists():
        raise NotPastRetention(
            f"Episode {episode.pk} is not past retention on {as_of:%d %B %Y}: it is open, or has had contact "
            "within the retention period"
        )


def _event(disposal: Disposal, event_type: EventType, by: User, data: dict[str, object]) -> None:
    now = clock.now()
    DisposalEvent.objects.create(
        disposal=disposal, kind=event_type.tag, occurred_at=now, recorded_at=now, actor=by, data=data
    )


def _locked(disposal: Disposal, status: str) -> Disposal:
    """The disposal, locked for this step, if it is still at `status`."""
    current = Disposal.objects.select_for_update().select_related("episode").get(pk=disposal.pk)
    if current.status != status:
        raise Conflict(f"Disposal {current.pk} is {current.get_status_display().lower()}")
    return current


def disposal_propose(*, episode: Episode, by: User, reason: str, as_of: date | None = None) -> Disposal:
    reason = reason.strip()
    if not reason:
        raise Invalid("Say why the record may go", errors={"reason": "Enter the reason"})
    as_of = as_of or timezone.localdate(clock.now())
    _require_role(by, episode)
    _require_past_retention(episode, as_of)
    try:
        with transaction.atomic():
            disposal = Disposal.objects.create(episode=episode, reason=reason, proposed_by=by, proposed_at=clock.now())
            _event(
                disposal,
                DISPOSAL_PROPOSE,
                by,
                {
                    "disposal_id": disposal.pk,
                    "episode_id": episode.pk,
                    "scheme_code": episode.scheme.code,
                    "closed_on": f"{episode.closed_at:%Y-%m-%d}",
                    "reason": reason,
                },
            )
    except IntegrityError:
        raise Conflict(f"Episode {episode.pk} already has a disposal proposed, approved or carried out") from None
    return disposal


def _review(*, disposal: Disposal, by: User, note: str, approve: bool) -> Disposal:
    with transaction.atomic():
        disposal = _locked(disposal, DisposalStatus.PROPOSED)
        _require_role(by, disposal.episode)
        if by.pk == disposal.proposed_by_id:
            raise PermissionDenied("A disposal is reviewed by someone other than the person who proposed it")
        disposal.status = DisposalStatus.APPROVED if approve else DisposalStatus.REJECTED
        disposal.reviewed_by, disposal.reviewed_at, disposal.review_note = by, clock.now(), note.strip()
        disposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        data = {"disposal_id": disposal.pk, "episode_id": disposal.episode_id, "note": disposal.review_note}
        _event(disposal, DISPOSAL_APPROVE if approve else DISPOSAL_REJECT, by, data)
    return disposal


def disposal_approve(*, disposal: Disposal, by: User, note: str = "") -> Disposal:
    return _review(disposal=disposal, by=by, note=note, approve=True)


def disposal_reject(*, disposal: Disposal, by: User, note: str) -> Disposal:
    if not note.strip():
        raise Invalid("Say why the disposal is rejected", errors={"note": "Enter the reason"})
    return _review(disposal=disposal, by=by, note=note, approve=False)


def disposal_carry_out(*, disposal: Disposal, by: User, as_of: date | None = None) -> Disposal:
    as_of = as_of or timezone.localdate(clock.now())
    with transaction.atomic():
        disposal = _locked(disposal, DisposalStatus.APPROVED)
        episode = Episode.objects.select_for_update().get(pk=disposal.episode_id)
        _require_role(by, episode)
        # Checked again now: the episode may have been reopened or written to since it was proposed.
        _require_past_retention(episode, as_of)
        rows, appended = redact_episode(episode=episode, disposal_id=disposal.pk)
        disposal.status = DisposalStatus.CARRIED_OUT
        disposal.carried_out_by, disposal.carried_out_at, disposal.rows_disposed = by, clock.now(), rows
        disposal.save(update_fields=["status", "carried_out_by", "carried_out_at", "rows_disposed"])
        data = {"disposal_id": disposal.pk, "episode_id": episode.pk, "rows": rows, "redacted_rows": appended}
        _event(disposal, DISPOSAL_CARRY_OUT, by, data)
    return disposal
