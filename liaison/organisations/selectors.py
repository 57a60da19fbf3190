"""Reading the network, scoped to the user."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core.errors import NotFound
from liaison.organisations.models import Membership, Scheme, Site


def sites_to_record_at(user: User) -> QuerySet[Site]:
    """Open sites where the user may record an identification: their sites, in schemes where
    their role records (a support worker sees a site but does not record there)."""
    scope = scope_for(user)
    return (
        Site.objects.filter(id__in=scope.site_ids, scheme_id__in=scope.recording_scheme_ids, active=True)
        .select_related("scheme")
        .order_by("scheme__name", "name")
    )


def _as_id(value: object) -> int | None:
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) < 19):
        return None
    return int(text) or None


def member_scheme_ids(user: User) -> frozenset[int]:
    """Schemes where the user holds any membership (a site membership counts for its scheme)."""
    return frozenset(m.scheme_id_in_effect for m in scope_for(user).memberships)


def scheme_get(*, user: User, scheme_id: object) -> Scheme:
    """One of the user's schemes; any other (or no such id) is not found, so nothing is learnt
    about schemes the user does not work in."""
    sid = _as_id(scheme_id)
    scheme = Scheme.objects.filter(pk=sid).first() if sid in member_scheme_ids(user) else None
    if scheme is None:
        raise NotFound("No such scheme")
    return scheme


def scheme_sites(*, scheme: Scheme, include_inactive: bool = False) -> QuerySet[Site]:
    sites = Site.objects.filter(scheme=scheme).select_related("scheme")
    if not include_inactive:
        sites = sites.filter(active=True)
    return sites.order_by("name", "id")


def roles_in_scheme(*, scheme: Scheme, user_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each user's roles in the scheme, scheme-wide or at one of its sites, sorted."""
    roles: dict[int, set[str]] = defaultdict(set)
    memberships = Membership.objects.filter(Q(scheme=scheme) | Q(site__scheme=scheme), user_id__in=list(user_ids))
    for user_id, role in memberships.values_list("user_id", "role"):
        roles[user_id].add(role)
    return {user_id: sorted(r) for user_id, r in roles.items()}
