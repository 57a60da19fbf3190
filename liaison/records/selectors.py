"""Reads of disposals: those waiting for someone's review, and whether one was carried out."""

from __future__ import annotations

from django.db.models import QuerySet

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.organisations.models import Role
from liaison.records.models import Disposal, DisposalStatus

# Who may propose and review: those answerable for a scheme's records, never a practitioner.
DISPOSING_ROLES = frozenset({Role.SCHEME_MANAGER, Role.ADMINISTRATOR})


def disposals_to_review(*, user: User) -> QuerySet[Disposal]:
    """Proposals in the user's schemes that someone else made: what this user may review."""
    schemes = {m.scheme_id_in_effect for m in scope_for(user).memberships if m.role in DISPOSING_ROLES}
    return (
        Disposal.objects.filter(status=DisposalStatus.PROPOSED, episode__scheme_id__in=schemes)
        .exclude(proposed_by=user)
        .select_related("episode__scheme", "proposed_by")
    )


def carried_out(disposal_id: int) -> bool:
    """Carried out after a second person's approval: what the chain check asks (ADR 0027)."""
    d = Disposal.objects.filter(pk=disposal_id, status=DisposalStatus.CARRIED_OUT).first()
    return d is not None and d.reviewed_by_id is not None and d.reviewed_by_id != d.proposed_by_id
