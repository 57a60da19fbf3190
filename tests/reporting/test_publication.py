"""Measure rows as shown: counts by the disclosure rule, statistics only beside shown counts,
percentages from the published figures, and unrounded figures only below national, labelled."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison.reporting.disclosure import SUPPRESSED, Unrounded
from liaison.reporting.measures import REGISTRY
from liaison.reporting.publication import as_text, plain, show

TIMELINESS = REGISTRY["time_to_screening"]
RATE = REGISTRY["screened_of_identified"]
COUNT = REGISTRY["identified"]


def wait_row(level, episodes, median=40.0, p90=48.0):
    area = {"scheme": "1", "region": "R1", "england": "England"}[level]
    return {
        "level": level,
        "area": area,
        "month": "2025-03",
        "episodes": episodes,
        "median_minutes": median,
        "p90_minutes": p90,
    }


def test_a_median_of_a_suppressed_count_is_suppressed_with_it():
    (row,) = show(TIMELINESS, [wait_row("scheme", 2)], level="scheme").rows
    assert row.figures == {"episodes": SUPPRESSED, "median_minutes": SUPPRESSED, "p90_minutes": SUPPRESSED}


def test_a_median_beside_a_shown_count_is_shown_to_one_place():
    (row,) = show(TIMELINESS, [wait_row("scheme", 13, median=41.25)], level="scheme").rows
    assert row.figures == {"episodes": 15, "median_minutes": Decimal("41.3"), "p90_minutes": Decimal("48.0")}


def test_national_figures_are_shown_as_they_are_and_never_labelled_unrounded():
    (row,) = show(TIMELINESS, [wait_row("england", 2)], level="england", raw=True).rows
    assert row.figures["episodes"] == 2
    assert row.figures["median_minutes"] == Decimal("40.0")


def test_unrounded_figures_carry_their_label():
    shown = show(TIMELINESS, [wait_row("scheme", 2)], level="scheme", raw=True)
    (row,) = shown.rows
    assert shown.unrounded
    assert row.figures["episodes"] == Unrounded(2)
    assert str(row.figures["episodes"]) == "2 (not for publication)"


def test_a_rate_is_a_percentage_of_the_published_figures():
    rows = [{"level": "scheme", "area": "1", "month": "2025-03", "numerator": 12, "denominator": 23}]
    (row,) = show(RATE, rows, level="scheme").rows
    # 12 and 23 publish as 10 and 25: 40%, not the true 52.2%.
    assert (row.figures["numerator"], row.figures["denominator"], row.percentage) == (10, 25, Decimal("40.0"))


def test_rows_of_another_level_are_refused():
    with pytest.raises(ValueError, match="region row among scheme rows"):
        show(COUNT, [{"level": "region", "area": "R1", "month": "2025-03", "value": 3}], level="scheme")


def test_figures_read_plainly_in_files_and_on_pages():
    assert [plain(f) for f in (SUPPRESSED, Decimal("4.5"), None, Unrounded(7))] == ["*", "4.5", None, 7]
    assert [as_text(f) for f in (SUPPRESSED, None, 12345)] == ["*", "\u2013", "12,345"]


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=20))
def test_no_published_scheme_count_is_between_one_and_seven_and_every_other_is_a_multiple_of_five(counts):
    rows = [
        {"level": "scheme", "area": "1", "month": f"2025-{i % 12 + 1:02d}", "value": c} for i, c in enumerate(counts)
    ]
    for row in show(COUNT, rows, level="scheme").rows:
        value = row.figures["value"]
        assert value is SUPPRESSED or (value % 5 == 0 and value not in range(1, 8))


def test_category_codes_read_as_words_and_unknown_codes_as_they_are():
    from liaison.reporting.labels import category_label, column_name

    assert category_label("ld_outcome", "diverted_out") != "diverted_out"
    assert category_label("sex", "1") == "Male"
    assert category_label("ld_outcome", "retired_code") == "retired_code"
    assert category_label("age_band", None) == "Not recorded"
    assert column_name("ld_outcome") == "L&D outcome"
