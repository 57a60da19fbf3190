"""The programme's coverage page: how much of England L&D covers on a date, as a tile map of
the police force areas with the figures beside it, each region, the rollout and the published
claims beside the computed figures. Aggregates about places, open to every signed-in user."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.dateformat import format as format_date
from django.views.decorators.http import require_GET

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core import clock
from liaison.core.pages import page
from liaison.network.forms import CoverageForm
from liaison.network.map import coverage_map
from liaison.organisations.coverage import coverage_on, custody_cover, milestones, rollout


@page
@require_GET
def coverage(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CoverageForm(request.GET or None)
    context: dict[str, object] = {"form": form, "milestones": milestones(), "rollout": rollout()}
    if form.is_bound and not form.is_valid():
        return render(request, "network/coverage.html", context)
    day = form.day(clock.today()) if form.is_bound else clock.today()
    c = coverage_on(day)
    title = f"Coverage of England's police force areas on {format_date(day, 'j F Y')}"
    context |= {"coverage": c, "map": coverage_map(c.force_areas, title=title), "custody": custody_cover(day)}
    return render(request, "network/coverage.html", context)
