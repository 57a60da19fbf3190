"""The feedback results' chart: the Friends and Family Test's percentage positive of England and
of each scheme shown, drawn by reporting's accessible SVG bars with their table."""

from __future__ import annotations

from liaison.feedback.selectors import Results
from liaison.reporting.charts import Chart, Point, bar_chart


def positive_chart(england: Results, areas: list[Results]) -> Chart:
    points = [Point(label="England", figure=england.positive, comparison=True)]
    points += [Point(label=r.label, figure=r.positive) for r in areas]
    return bar_chart(
        key="fft-positive",
        title="Percentage of people who said their experience was good or very good",
        points=points,
        unit="%",
        header="Good or very good",
    )
