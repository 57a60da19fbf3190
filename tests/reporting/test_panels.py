"""The dashboard's panels over hand-made rows: periods summed before publication, missing measures left out."""

from __future__ import annotations

import pytest

from liaison.reporting.dashboards.panels import ENGLAND, PER_MONTH_ONLY, Area, AreaFigures, panels
from liaison.reporting.disclosure import SUPPRESSED
from liaison.reporting.figures import Computed
from liaison.reporting.measures import REGISTRY

SCHEME = Area(level="scheme", area="7", name="Scheme Seven")


def rows(measure_rows):
    return Computed(rows=measure_rows, store_version="test", refreshed_at=None)


def identified(level, area, month, value):
    return {"level": level, "area": area, "month": month, "value": value}


COMPUTED = rows(
    {
        "identified": [
            identified("scheme", "7", "2026-01", 4),
            identified("scheme", "7", "2026-02", 5),
            identified("england", "England", "2026-01", 4),
            identified("england", "England", "2026-02", 5),
        ]
    }
)


def test_a_period_sums_true_counts_then_publishes_once():
    figures = AreaFigures(COMPUTED, SCHEME, ["2026-01", "2026-02"], raw=False)
    (total,) = figures.period("identified").rows
    assert total.figure("value") == 10  # 9 rounded, not * + *
    assert [r.figure("value") for r in figures.monthly("identified")] == [SUPPRESSED, SUPPRESSED]


def test_a_month_without_rows_counts_zero():
    figures = AreaFigures(COMPUTED, SCHEME, ["2025-12", "2026-01"], raw=False)
    assert [r.figure("value") for r in figures.monthly("identified")] == [0, SUPPRESSED]


def test_unrounded_figures_are_the_true_sum():
    figures = AreaFigures(COMPUTED, SCHEME, ["2026-01", "2026-02"], raw=True)
    assert figures.period("identified").rows[0].figure("value").value == 9


@pytest.mark.parametrize("name", sorted(PER_MONTH_ONLY))
def test_distinct_people_and_percentiles_are_never_summed(name):
    computed = rows({name: []})
    if name not in REGISTRY:
        pytest.skip(f"{name} is not in the catalogue yet")
    with pytest.raises(ValueError, match="not the sum of its months"):
        AreaFigures(computed, SCHEME, ["2026-01"], raw=False).period(name)


def test_a_panel_whose_measures_are_missing_is_left_out():
    months = ["2026-01", "2026-02"]
    found = panels(AreaFigures(COMPUTED, SCHEME, months, raw=False), AreaFigures(COMPUTED, ENGLAND, months, raw=False))
    assert [p.key for p in found] == ["funnel", "trends"]
    (funnel,) = found[0].charts
    assert [label for label, _ in funnel.rows] == ["Identified"]
