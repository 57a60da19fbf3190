"""What a staff member may see and do, worked out once per request from their memberships.

Deny by default: a user with no membership sees nothing; commissioners and national analysts
have no identifiable access at all (aggregates and pseudonymised data come in reporting).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from liaison.organisations.models import Membership, Role, Site


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    roles: frozenset[str] = frozenset()
    clinical_scheme_ids: frozenset[int] = frozenset()
    recording_scheme_ids: frozenset[int] = frozenset()
    support_scheme_ids: frozenset[int] = frozenset()
    oversight_scheme_ids: frozenset[int] = frozenset()
    site_ids: frozenset[int] = frozenset()
    memberships: tuple[Membership, ...] = field(default=(), compare=False)

    def can_see_scheme(self, scheme_id: int) -> bool:
        return scheme_id in self.clinical_scheme_ids

    def can_record_in(self, scheme_id: int) -> bool:
        return scheme_id in self.recording_scheme_ids

    def can_support_in(self, scheme_id: int) -> bool:
        """Support and peer workers record support (contacts, referral progress), not clinical steps."""
        return scheme_id in self.support_scheme_ids

    def oversees(self, scheme_id: int) -> bool:
        return scheme_id in self.oversight_scheme_ids

    @property
    def is_clinical(self) -> bool:
        return bool(self.clinical_scheme_ids)


def scope_for(user: Any) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    cached = getattr(user, "_liaison_scope", None)
    if isinstance(cached, Scope):
        return cached
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Scope(user_id=None)
    memberships = tuple(Membership.objects.filter(user=user).select_related("site", "scheme"))
    clinical: set[int] = set()
    recording: set[int] = set()
    support: set[int] = set()
    oversight: set[int] = set()
    site_ids: set[int] = set()
    scheme_wide: set[int] = set()
    for m in memberships:
        scheme_id = m.scheme_id_in_effect
        if m.role in Role.clinical():
            clinical.add(scheme_id)
            if m.site_id:
                site_ids.add(m.site_id)
            else:
                scheme_wide.add(scheme_id)
        if m.role in Role.recording():
            recording.add(scheme_id)
            support.add(scheme_id)
        if m.role == Role.SUPPORT_WORKER:
            support.add(scheme_id)
        if m.role in Role.oversight():
            oversight.add(scheme_id)
    if scheme_wide:
        site_ids.update(Site.objects.filter(scheme_id__in=scheme_wide, active=True).values_list("id", flat=True))
    scope = Scope(
        user_id=user.pk,
        roles=frozenset(m.role for m in memberships),
        clinical_scheme_ids=frozenset(clinical),
        recording_scheme_ids=frozenset(recording),
        support_scheme_ids=frozenset(support),
        oversight_scheme_ids=frozenset(oversight),
        site_ids=frozenset(site_ids),
        memberships=memberships,
    )
    user._liaison_scope = scope
    return scope
