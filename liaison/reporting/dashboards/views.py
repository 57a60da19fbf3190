"""The reporting dashboard: England, a region or a scheme over a period.

Commissioners and national analysts see published figures only; a team lead or scheme manager
looking at their own scheme sees it unrounded, labelled not for publication, and their region
and England published (`ReportingScope.sees_unrounded`). Users with no reporting role get 403.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core import clock
from liaison.core.errors import PermissionDenied
from liaison.core.pages import page
from liaison.organisations.models import Scheme
from liaison.reporting.dashboards.forms import DashboardForm
from liaison.reporting.dashboards.panels import ENGLAND, Area, AreaFigures, panels
from liaison.reporting.dashboards.population import age_mix, ethnic_mix
from liaison.reporting.dashboards.status import return_status
from liaison.reporting.figures import all_rows
from liaison.reporting.returns import month_label
from liaison.reporting.selectors import ReportingScope, reporting_scope, visible_regions, visible_schemes
from liaison.reporting.store import month_bounds


def _default_area(rscope: ReportingScope, codes: dict[int, str]) -> str:
    """Scheme staff start on their own scheme; everyone else on England."""
    own = sorted(codes[pk] for pk in rscope.unrounded_scheme_ids if pk in codes)
    return f"scheme:{own[0]}" if own else "england"


def _in_view(area: Area, schemes: list[Scheme]) -> list[Scheme]:
    if area.level == "scheme":
        return [area.scheme] if area.scheme else []
    if area.level == "region":
        return [s for s in schemes if s.region.code == area.area]
    return schemes


def _of_area(area: Area) -> list[Scheme]:
    """Every scheme of the area, seen or not: the population is the area's, not the viewer's."""
    if area.level == "scheme":
        return [area.scheme] if area.scheme else []
    return list(Scheme.objects.filter(region__code=area.area))


@page
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    rscope = reporting_scope(request.user)
    if not rscope.sees_anything:
        raise PermissionDenied("Dashboards are for commissioners, analysts, team leads and scheme managers.")
    schemes, regions, now = visible_schemes(rscope), visible_regions(rscope), clock.now()
    form = DashboardForm(
        request.GET,
        regions=regions,
        schemes=schemes,
        default_area=_default_area(rscope, {s.pk: s.code for s in schemes}),
        now=now,
    )
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        area, months = form.area(), form.months()
        raw = area.scheme is not None and rscope.sees_unrounded(area.scheme.pk)
        computed = all_rows()
        last_day = month_bounds(months[-1])[1].date() - timedelta(days=1)
        of_area = None if area.is_england else _of_area(area)
        ethnic, ages = ethnic_mix(schemes=of_area, on=last_day), age_mix(schemes=of_area, on=last_day)
        figures = AreaFigures(computed, area, months, raw=raw, ethnic_mix=ethnic, age_mix=ages)
        context |= {
            "area": area,
            "period": f"{month_label(months[0])} to {month_label(months[-1])}",
            "unrounded": raw,
            "panels": panels(figures, AreaFigures(computed, ENGLAND, months, raw=False)),
            "returns": return_status(_in_view(area, schemes), months, now=now),
            "refreshed_at": computed.refreshed_at,
        }
    return render(request, "reporting/dashboard.html", context)
