"""Reading the network, scoped to the user."""

from __future__ import annotations

from django.db.models import QuerySet

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.organisations.models import Site


def sites_to_record_at(user: User) -> QuerySet[Site]:
    """Open sites where the user may record an identification: their sites, in schemes where
    their role records (a support worker sees a site but does not record there)."""
    scope = scope_for(user)
    return (
        Site.objects.filter(id__in=scope.site_ids, scheme_id__in=scope.recording_scheme_ids, active=True)
        .select_related("scheme")
        .order_by("scheme__name", "name")
    )
