"""`GET /me`: who the token belongs to, and where they work in which roles."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpRequest
from ninja import Router

from liaison.accounts.scope import scope_for
from liaison.interop.api import present
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Error, MeOut
from liaison.organisations.models import Scheme, Site
from liaison.organisations.selectors import sites_to_record_at

router = Router(tags=["me"])


@router.get(
    "/me",
    response={200: MeOut, ERRORS: Error},
    summary="The token's user, their roles, schemes and sites",
    description="Scheme ids lead to `/schemes/{scheme_id}/sites`, `/support-workers` and `/sharing-approvers`; "
    "site codes are what identification and re-entry take.",
)
def me(request: HttpRequest) -> dict[str, object]:
    user = user_of(request)
    scope = scope_for(user)
    roles_by_scheme: dict[int, set[str]] = defaultdict(set)
    for m in scope.memberships:
        roles_by_scheme[m.scheme_id_in_effect].add(m.role)
    schemes = Scheme.objects.filter(id__in=roles_by_scheme).order_by("code")
    # The sites whose caseload the user works: every active site of a scheme-wide membership.
    sites = Site.objects.filter(id__in=scope.site_ids).select_related("scheme").order_by("code")
    recordable = set(sites_to_record_at(user).values_list("id", flat=True))
    return {
        "user": {
            "id": user.pk,
            "username": user.username,
            "name": user.get_full_name() or user.username,
            "job_title": user.job_title,
        },
        "roles": sorted(scope.roles),
        "schemes": [
            {
                "id": s.pk,
                "code": s.code,
                "name": s.name,
                "roles": sorted(roles_by_scheme[s.pk]),
                "can_record": scope.can_record_in(s.pk),
            }
            for s in schemes
        ],
        "sites": [present.site(s, can_record=s.pk in recordable) for s in sites],
    }
