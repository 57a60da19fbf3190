"""A scheme's sites and staff: the ids other operations take (a site to identify or re-enter at,
a support worker to assign, a team lead or scheme manager approving a share without consent).

Only the user's own schemes answer; any other is 404 `not_found`. Staff lists are for roles that
open records in the scheme (403 `role_not_allowed` for a commissioner or analyst). None of this is
a person's record, so nothing here is audited as one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from ninja import Router

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core.errors import PermissionDenied
from liaison.interop.api import present
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Error, SiteOut, StaffOut
from liaison.organisations.models import Scheme
from liaison.organisations.selectors import roles_in_scheme, scheme_get, scheme_sites, sites_to_record_at
from liaison.referrals.selectors import support_workers_for
from liaison.sharing.selectors import scheme_seniors

router = Router(tags=["schemes"])


def _staff(scheme: Scheme, users: Iterable[User]) -> list[dict[str, Any]]:
    users = list(users)
    roles = roles_in_scheme(scheme=scheme, user_ids=[u.pk for u in users])
    return [present.staff(u, roles.get(u.pk, [])) for u in users]


def _clinical_scheme(request: HttpRequest, scheme_id: str) -> Scheme:
    user = user_of(request)
    scheme = scheme_get(user=user, scheme_id=scheme_id)
    if not scope_for(user).can_see_scheme(scheme.pk):
        raise PermissionDenied("Your role does not work with this scheme's records", code="role_not_allowed")
    return scheme


@router.get(
    "/schemes/{scheme_id}/sites",
    response={200: list[SiteOut], ERRORS: Error},
    summary="A scheme's sites (`can_record`: POST /episodes and re-entry accept it)",
)
def sites(request: HttpRequest, scheme_id: str, include_inactive: bool = False) -> list[dict[str, Any]]:
    user = user_of(request)
    scheme = scheme_get(user=user, scheme_id=scheme_id)
    recordable = set(sites_to_record_at(user).filter(scheme=scheme).values_list("id", flat=True))
    return [
        present.site(s, can_record=s.pk in recordable)
        for s in scheme_sites(scheme=scheme, include_inactive=include_inactive)
    ]


@router.get(
    "/schemes/{scheme_id}/support-workers",
    response={200: list[StaffOut], ERRORS: Error},
    summary="Who a referral's support can be given to (the `worker_id` of POST /referrals/{id}/support)",
)
def support_workers(request: HttpRequest, scheme_id: str) -> list[dict[str, Any]]:
    scheme = _clinical_scheme(request, scheme_id)
    return _staff(scheme, support_workers_for(scheme_id=scheme.pk))


@router.get(
    "/schemes/{scheme_id}/sharing-approvers",
    response={200: list[StaffOut], ERRORS: Error},
    summary="Who may approve sharing without consent (a share's `override_approver`)",
)
def sharing_approvers(request: HttpRequest, scheme_id: str) -> list[dict[str, Any]]:
    scheme = _clinical_scheme(request, scheme_id)
    return _staff(scheme, (user for user, _ in scheme_seniors(scheme_id=scheme.pk)))
