"""Outcomes by cohort, beside the dashboard: the same pickers and the same disclosure rule.

Commissioners and analysts see published figures; a scheme's own team leads and managers see it
unrounded, labelled not for publication (`ReportingScope.sees_unrounded`), exactly as on the
dashboard. A re-contact window that has not closed yet shows "not yet known", never 0.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core import clock
from liaison.core.errors import PermissionDenied
from liaison.core.pages import page
from liaison.reporting.charts import Chart, Point, bar_chart, column_chart
from liaison.reporting.cohorts import BREAKDOWNS, NOT_YET_KNOWN, CohortFigures, cohort_figures, cohort_rows
from liaison.reporting.dashboards.forms import CohortsForm
from liaison.reporting.dashboards.views import _default_area
from liaison.reporting.disclosure import Suppressed
from liaison.reporting.labels import category_label
from liaison.reporting.publication import as_text
from liaison.reporting.returns import month_label
from liaison.reporting.selectors import reporting_scope, visible_regions, visible_schemes

CHARTED = "recontact_3_months"


def cell_text(figures: CohortFigures, line_key: str, figure: str) -> str:
    line = next(line for line in figures.lines if line.key == line_key)
    cell = line.cells[figure]
    if not cell.known:
        return NOT_YET_KNOWN
    text = as_text(cell.figure)
    # A suppressed count's percentage is suppressed too: "*" says it once.
    if cell.percentage is not None and not isinstance(cell.figure, Suppressed):
        text += f" ({as_text(cell.percentage)}%)"
    return text


def line_label(breakdown: str, key: str) -> str:
    if breakdown == "all":
        return month_label(key)
    if key in ("none recorded", "not recorded"):
        return key.capitalize()
    return category_label("domain" if breakdown == "need" else "age_band", key)


def _chart(figures: CohortFigures) -> Chart:
    title = "Re-contact with L&D within 3 months, percentage of the cohort"
    points = [
        Point(label=line_label(figures.breakdown, line.key), figure=line.cells[CHARTED].percentage)
        for line in figures.lines
    ]
    if figures.breakdown == "all":
        return column_chart(
            key="cohort-recontact", title=f"{title}, by month of first contact", points=points, unit="%", header="%"
        )
    by = BREAKDOWNS[figures.breakdown].lower()
    return bar_chart(key="cohort-recontact", title=f"{title}, by {by}", points=points, unit="%", header="%")


@page
@require_GET
def cohorts(request: AuthenticatedHttpRequest) -> HttpResponse:
    rscope = reporting_scope(request.user)
    if not rscope.sees_anything:
        raise PermissionDenied("Outcomes by cohort are for commissioners, analysts, team leads and scheme managers.")
    schemes, regions = visible_schemes(rscope), visible_regions(rscope)
    form = CohortsForm(
        request.GET,
        regions=regions,
        schemes=schemes,
        default_area=_default_area(rscope, {s.pk: s.code for s in schemes}),
        now=clock.now(),
    )
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        area, months, breakdown = form.area(), form.months(), form.breakdown()
        raw = area.scheme is not None and rscope.sees_unrounded(area.scheme.pk)
        figures = cohort_figures(
            cohort_rows(), level=area.level, area=area.area, months=months, breakdown=breakdown, raw=raw
        )
        context |= {
            "area": area,
            "period": f"{month_label(months[0])} to {month_label(months[-1])}",
            "unrounded": figures.unrounded,
            "figures": figures,
            "headings": [heading for _, heading, _ in figures.figures],
            "first_heading": BREAKDOWNS[breakdown],
            "table": [
                (line_label(breakdown, line.key), [cell_text(figures, line.key, f) for f, _, _ in figures.figures])
                for line in figures.lines
            ],
            "chart": _chart(figures) if figures.lines else None,
        }
    return render(request, "reporting/cohorts.html", context)
