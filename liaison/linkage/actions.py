"""Deciding a suggestion of the review queue. Nothing merges on its own."""

from __future__ import annotations

from django.db import transaction

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.linkage.models import DuplicateSuggestion, SuggestionStatus
from liaison.people.models import Person


def _holding_schemes(person: Person) -> set[int]:
    return set(person.episodes.values_list("scheme_id", flat=True)) | {person.registered_by_scheme_id}


def may_review(user: User, suggestion: DuplicateSuggestion) -> bool:
    """Team leads and scheme managers of a scheme that holds either record."""
    held = _holding_schemes(suggestion.person_a) | _holding_schemes(suggestion.person_b)
    return bool(held & scope_for(user).oversight_scheme_ids)


@transaction.atomic
def suggestion_not_same(*, by: User, suggestion: DuplicateSuggestion, reason: str) -> DuplicateSuggestion:
    """Two records are two people: remembered, so the pair is never suggested again."""
    if not may_review(by, suggestion):
        raise PermissionDenied(
            "Only team leads of a scheme that holds these records can decide", code="role_not_allowed"
        )
    if not reason.strip():
        raise Invalid("Say why they are not the same person", errors={"reason": "Enter a reason"})
    locked = DuplicateSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.OPEN:
        raise Conflict("This suggestion has already been decided", code="already_decided")
    locked.status = SuggestionStatus.NOT_SAME
    locked.decided_by, locked.decided_at, locked.reason = by, clock.now(), reason.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    return locked
