"""Charts as SVG: well-formed, named and described, and honest about suppressed figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # our own SVG, not untrusted input
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.reporting.charts import Point, bar_chart, column_chart
from liaison.reporting.disclosure import SUPPRESSED, Level, PublishedCount, Unrounded, publish

SVG = "{http://www.w3.org/2000/svg}"


def parsed(chart):
    return ET.fromstring(str(chart.svg))  # noqa: S314


def texts(root):
    return [t.text for t in root.iter(f"{SVG}text")]


def test_a_bar_chart_is_an_image_named_by_its_title_and_described():
    chart = bar_chart(
        key="contact",
        title="By point of contact",
        points=[Point("Custody", PublishedCount(120)), Point("Court", PublishedCount(45))],
    )
    root = parsed(chart)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "contact-title contact-desc"
    assert root.find(f"{SVG}title").get("id") == "contact-title"
    assert root.find(f"{SVG}title").text == "By point of contact"
    assert root.find(f"{SVG}desc").text == chart.summary == "Largest: Custody, 120."
    assert chart.rows == [("Custody", ["120"]), ("Court", ["45"])]
    assert {"Custody", "Court", "120", "45"} <= set(texts(root))


def test_bars_are_drawn_to_scale():
    chart = bar_chart(key="k", title="T", points=[Point("a", PublishedCount(100)), Point("b", PublishedCount(50))])
    widths = [float(r.get("width")) for r in parsed(chart).iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1] > 0


def test_a_suppressed_figure_has_no_bar_and_says_so_in_words():
    chart = bar_chart(key="k", title="T", points=[Point("Custody", PublishedCount(20)), Point("Court", SUPPRESSED)])
    root = parsed(chart)
    filled = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "none"]
    assert len(filled) == 1  # the court's place is an outline only
    assert "suppressed (fewer than 8)" in texts(root)
    assert chart.rows[1] == ("Court", ["*"])
    assert "1 of 2 figures are suppressed (fewer than 8)" in chart.summary


def test_a_column_chart_marks_a_suppressed_month_and_keeps_extra_columns_in_the_table():
    chart = column_chart(
        key="trend",
        title="Identified",
        points=[Point("Jan 26", PublishedCount(10)), Point("Feb 26", SUPPRESSED), Point("Mar 26", PublishedCount(25))],
        extra=[("Screened", [PublishedCount(5), SUPPRESSED, PublishedCount(0)])],
    )
    root = parsed(chart)
    assert root.find(f"{SVG}title").text == "Identified"
    assert "*" in texts(root)
    assert len(list(root.iter(f"{SVG}rect"))) == 2
    assert chart.headers == ("Number", "Screened")
    assert chart.rows[1] == ("Feb 26", ["*", "*"])
    assert "highest 25 in Mar 26" in chart.summary and "marked * is suppressed" in chart.summary


def test_text_in_a_chart_is_escaped():
    chart = bar_chart(key="k", title="A & B <c>", points=[Point("x < y & z", PublishedCount(5))])
    root = parsed(chart)  # would not parse if the ampersand were raw
    assert root.find(f"{SVG}title").text == "A & B <c>"
    assert "x < y & z" in texts(root)


def test_a_long_label_is_shortened_in_the_picture_and_whole_in_the_table():
    label = "Indeterminate (unable to be classified as either male or female)"
    chart = bar_chart(key="k", title="T", points=[Point(label, PublishedCount(10))])
    (drawn,) = [t for t in texts(parsed(chart)) if t.startswith("Indeterminate")]
    assert drawn.endswith("\u2026") and len(drawn) <= 44
    assert chart.rows == [(label, ["10"])]


def test_unrounded_figures_mark_the_chart_not_for_publication():
    chart = bar_chart(key="k", title="T", points=[Point("Custody", Unrounded(3))])
    assert chart.unrounded
    assert chart.rows == [("Custody", ["3"])]
    published = bar_chart(key="k", title="T", points=[Point("%", Decimal("12.5"))], unit="%")
    assert not published.unrounded and published.rows == [("%", ["12.5%"])]


def test_a_chart_with_nothing_to_show_says_so():
    chart = column_chart(key="k", title="T", points=[Point("Jan 26", None)])
    assert chart.summary == "No figures to show."
    ET.fromstring(str(chart.svg))  # noqa: S314


# Any labels (XML-safe text) and any published counts: the SVG parses, each point has one table
# row, and a suppressed point is `*` in the table and has no bar.
labels = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
points = st.lists(
    st.builds(Point, labels, st.integers(0, 100_000).map(lambda n: publish(n, level=Level.SCHEME))), max_size=12
)


@settings(max_examples=40)  # each example draws a whole chart; 40 keep it well under a second
@given(points, st.booleans())
def test_any_published_figures_make_a_well_formed_chart(shown, columns):
    chart = (column_chart if columns else bar_chart)(key="k", title="T", points=shown)
    root = parsed(chart)
    assert len(chart.rows) == len(shown)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "none"]
    assert len(bars) == sum(1 for p in shown if p.figure is not SUPPRESSED)
    for p, (_, cells) in zip(shown, chart.rows, strict=True):
        assert (cells[0] == "*") == (p.figure is SUPPRESSED)
