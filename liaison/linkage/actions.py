"""Deciding a suggestion of the review queue, and merging and unmerging two records. Nothing
merges on its own: a team lead of a scheme that holds either record decides (ADR 0033)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.core.locks import lock
from liaison.linkage import keys, merging
from liaison.linkage.models import DuplicateSuggestion, PersonMerge, SuggestionStatus
from liaison.people import names
from liaison.people.events import MERGE, UNMERGE
from liaison.people.models import Person, PersonEvent

_REFUSED = "Only team leads of a scheme that holds these records can decide"


def _holding_schemes(person: Person) -> set[int]:
    return set(person.episodes.values_list("scheme_id", flat=True)) | {person.registered_by_scheme_id}


def may_merge(user: User, first: Person, second: Person) -> bool:
    """Team leads and scheme managers of a scheme that holds either record."""
    held = _holding_schemes(first) | _holding_schemes(second)
    return bool(held & scope_for(user).oversight_scheme_ids)


def may_review(user: User, suggestion: DuplicateSuggestion) -> bool:
    return may_merge(user, suggestion.person_a, suggestion.person_b)


def _reason(reason: str, message: str) -> str:
    if not reason.strip():
        raise Invalid(message, errors={"reason": "Enter a reason"})
    return reason.strip()[:1000]


@transaction.atomic
def suggestion_not_same(*, by: User, suggestion: DuplicateSuggestion, reason: str) -> DuplicateSuggestion:
    """Two records are two people: remembered, so the pair is never suggested again."""
    if not may_review(by, suggestion):
        raise PermissionDenied(_REFUSED, code="role_not_allowed")
    why = _reason(reason, "Say why they are not the same person")
    locked = lock(DuplicateSuggestion.objects).get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.OPEN:
        raise Conflict("This suggestion has already been decided", code="already_decided")
    locked.status = SuggestionStatus.NOT_SAME
    locked.decided_by, locked.decided_at, locked.reason = by, clock.now(), why
    locked.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    return locked


def _lock_pair(first: Person, second: Person) -> tuple[Person, Person]:
    """Both records locked, in the order of their ids: two merges of one pair, either way round,
    queue on the same first row instead of deadlocking (core.locks)."""
    rows = {p.pk: p for p in lock(Person.objects).filter(pk__in=[first.pk, second.pk]).order_by("pk")}
    return rows[first.pk], rows[second.pk]


def _events(*, kind: str, by: User, people: tuple[Person, Person], data: dict[str, object]) -> None:
    at = clock.now()
    for p in people:
        PersonEvent.objects.create(person=p, kind=kind, occurred_at=at, recorded_at=at, actor=by, data=data)


@transaction.atomic
def people_merge(
    *, by: User, keep: Person, absorb: Person, reason: str, suggestion: DuplicateSuggestion | None = None
) -> PersonMerge:
    """Fold `absorb` into `keep`: its episodes (with their consents and shares), aliases and
    local identifiers move to the kept record; the absorbed record stays, with its details and
    history, pointing at the kept one. A `person:merge` event on both records, and the merge in
    each one's access log."""
    if keep.pk == absorb.pk:
        raise Invalid("Choose two different records", errors={"keep": "These are the same record"})
    why = _reason(reason, "Say why these records are the same person")
    kept, absorbed = _lock_pair(keep, absorb)
    if not may_merge(by, kept, absorbed):
        raise PermissionDenied(_REFUSED, code="role_not_allowed")
    for p in (kept, absorbed):
        if p.merged_into_id is not None:
            raise Conflict(f"{p.full_name}'s record has already been merged into another", code="already_merged")
    probability, version = None, ""
    if suggestion is not None:
        suggestion = lock(DuplicateSuggestion.objects).get(pk=suggestion.pk)
        if {suggestion.person_a_id, suggestion.person_b_id} != {kept.pk, absorbed.pk}:
            raise Invalid("The suggestion is about other records", errors={"suggestion": "Not this pair"})
        if suggestion.status != SuggestionStatus.OPEN:
            raise Conflict("This suggestion has already been decided", code="already_decided")
        probability, version = suggestion.probability, suggestion.model_version
    now = clock.now()
    moved = merging.move(absorbed=absorbed, kept=kept)
    absorbed.merged_into = kept
    absorbed.save(update_fields=["merged_into"])
    try:
        with transaction.atomic():
            merge = PersonMerge.objects.create(
                kept=kept,
                absorbed=absorbed,
                suggestion=suggestion,
                probability=probability,
                model_version=version,
                reason=why,
                merged_at=now,
                merged_by=by,
                moved=moved,
            )
    except IntegrityError:
        # Only reachable where the locks are not taken (SQLite serialises instead).
        raise Conflict("This record has already been merged", code="already_merged") from None
    if suggestion is not None:
        suggestion.status, suggestion.decided_by, suggestion.decided_at, suggestion.reason = (
            SuggestionStatus.MERGED,
            by,
            now,
            why,
        )
        suggestion.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    data: dict[str, object] = {**_ids(merge), "reason": why, "probability": probability}
    _events(kind=MERGE.tag, by=by, people=(kept, absorbed), data=data)
    keys.refresh(kept)
    # The aliases moved (or went back) by UPDATE, which sends no signal: both records' names.
    names.refresh(kept)
    names.refresh(absorbed)
    access_record(user=by, action=AccessAction.VIEW, what="merged records", shown=[kept, absorbed], reason=why)
    return merge


@transaction.atomic
def people_unmerge(*, by: User, merge: PersonMerge, reason: str) -> PersonMerge:
    """Undo a merge: exactly the rows it moved go back, the absorbed record is a person of its
    own again; a `person:unmerge` event on both. A suggestion it came from is marked "not the same
    person" with the reason, so the pair is not offered again."""
    why = _reason(reason, "Say why the merge is undone")
    kept, absorbed = _lock_pair(merge.kept, merge.absorbed)
    locked = lock(PersonMerge.objects).get(pk=merge.pk)
    if locked.undone:
        raise Conflict("This merge has already been undone", code="already_undone")
    if not may_merge(by, kept, absorbed):
        raise PermissionDenied(_REFUSED, code="role_not_allowed")
    if kept.merged_into_id is not None:
        raise Conflict("The kept record was merged again since: undo that merge first", code="merged_since")
    merging.move_back(moved=locked.moved, absorbed=absorbed, kept=kept)
    absorbed.merged_into = None
    absorbed.save(update_fields=["merged_into"])
    locked.undone_at, locked.undone_by, locked.undo_reason = clock.now(), by, why
    locked.save(update_fields=["undone_at", "undone_by", "undo_reason"])
    if locked.suggestion_id is not None:
        DuplicateSuggestion.objects.filter(pk=locked.suggestion_id).update(
            status=SuggestionStatus.NOT_SAME, decided_by=by, decided_at=locked.undone_at, reason=why
        )
    _events(kind=UNMERGE.tag, by=by, people=(kept, absorbed), data={**_ids(locked), "reason": why})
    keys.refresh(kept)
    # The aliases moved (or went back) by UPDATE, which sends no signal: both records' names.
    names.refresh(kept)
    names.refresh(absorbed)
    access_record(user=by, action=AccessAction.VIEW, what="undid a merge", shown=[kept, absorbed], reason=why)
    return locked


def _ids(merge: PersonMerge) -> dict[str, str]:
    return {"merged_id": str(merge.absorbed_id), "into_id": str(merge.kept_id)}
