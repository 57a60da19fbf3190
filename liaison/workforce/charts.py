"""The programme page's chart: each scheme's FTE in post as a share of its planned need, drawn by
reporting's accessible SVG bars with their table (figures about posts, not people, so no
disclosure rule applies)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from liaison.organisations.models import Scheme
from liaison.reporting.charts import Chart, Point, bar_chart
from liaison.workforce.planning import Plan


def staffed_share(plan: Plan) -> Decimal | None:
    """FTE in post as a percentage of FTE needed; none when nothing is needed."""
    if plan.needed_fte <= 0:
        return None
    return (plan.in_post_fte / plan.needed_fte * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def staffed_chart(lines: list[tuple[Scheme, Plan]]) -> Chart:
    return bar_chart(
        key="workforce-staffed",
        title="FTE in post as a percentage of the planned need, by scheme",
        points=[Point(label=scheme.name, figure=staffed_share(plan)) for scheme, plan in lines],
        unit="%",
        header="In post, % of need",
    )
