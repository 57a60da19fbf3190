"""Charts drawn on the server as accessible SVG, each with a summary sentence and its data table.

A chart takes figures that have already been shown (`publication.show`: published, or unrounded
and labelled), never true counts, so a chart cannot give away what the table beside it may not.
A suppressed figure (`*`) has no bar: its row says "suppressed (fewer than 8)" in words, so
nothing is told by colour alone. The SVG is `role="img"` named by its `<title>` and described by
its `<desc>`; a screen reader reads the summary and the table, which carry everything the
picture does (ADR 0014 says why hand-written SVG and not a charting library).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from liaison.reporting.disclosure import Suppressed, Unrounded
from liaison.reporting.publication import Shown, as_text

WIDTH = 480  # narrow, so text stays legible when the chart shrinks to a phone's width
# NHS.UK colours: blue bars and dark grey text on white are well above the 3:1 contrast WCAG 2.2
# asks of graphics (and the 4.5:1 of text); the second series is NHS dark grey, told apart by its
# label as well as its colour.
BLUE = "#005eb8"
DARK_GREY = "#425563"
TEXT = "#212b32"
GRID = "#768692"
FONT = 'font-family="Frutiger W01, Arial, sans-serif"'


@dataclass(frozen=True)
class Point:
    """One bar or column: its label and its shown figure, and which series it belongs to."""

    label: str
    figure: Shown
    comparison: bool = False  # drawn in the second colour (the national figure beside an area's)


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: the ids of the SVG's title and description
    title: str
    summary: str
    svg: SafeString
    headers: tuple[str, ...]  # the table's columns after the first (the label)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    unrounded: bool = False


def value_of(figure: Shown) -> float | None:
    """The number to draw, or None for no bar (suppressed, or no figure)."""
    value = figure.value if isinstance(figure, Unrounded) else figure
    if value is None or isinstance(value, Suppressed):
        return None
    return float(value) if isinstance(value, Decimal) else float(int(value))


def is_suppressed(figure: Shown) -> bool:
    return isinstance(figure, Suppressed)


def suppressed_words() -> str:
    return f"suppressed (fewer than {settings.DISCLOSURE_SUPPRESS_BELOW})"


def _text(figure: Shown, unit: str) -> str:
    if is_suppressed(figure):
        return suppressed_words()
    if value_of(figure) is None:
        return "no figure"
    return as_text(figure) + unit


def _nice_ceiling(top: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten at or above `top` (axis ends)."""
    if top <= 0:
        return 1.0
    magnitude = 1.0
    while magnitude * 10 <= top:
        magnitude *= 10
    while magnitude > top:
        magnitude /= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= top:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover: the loop above always returns


def _svg(key: str, title: str, desc: str, height: int, body: list[str]) -> SafeString:
    # Safe: every text in it went through escape(), and the rest is our own markup.
    key = escape(key)
    return mark_safe(  # noqa: S308
        f'<svg xmlns="http://www.w3.org/2000/svg" class="liaison-chart" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">'
        f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def bar_chart(
    *, key: str, title: str, points: Sequence[Point], unit: str = "", header: str = "Number", summary: str = ""
) -> Chart:
    """Horizontal bars, one a row with its label above it: breakdowns, the funnel, benchmarks.
    Labels above the bars (not beside them) keep long names readable at phone width."""
    row_height, bar_height, value_room = 54, 20, 170
    values = [v for p in points if (v := value_of(p.figure)) is not None]
    top = _nice_ceiling(max(values, default=0))
    scale = (WIDTH - value_room) / top
    body: list[str] = []
    for i, p in enumerate(points):
        y = i * row_height
        body.append(f'<text x="0" y="{y + 17}" fill="{TEXT}" font-size="18" {FONT}>{escape(_fitted(p.label))}</text>')
        value = value_of(p.figure)
        words = escape(_text(p.figure, unit))
        if value is None:
            # No bar: a dashed outline marks the place, the words say why.
            body.append(
                f'<rect x="0.5" y="{y + 25.5}" width="14" height="{bar_height - 1}" fill="none" '
                f'stroke="{GRID}" stroke-dasharray="3 2"/>'
                f'<text x="22" y="{y + 41}" fill="{TEXT}" font-size="17" {FONT}>{words}</text>'
            )
            continue
        width = max(value * scale, 1.0 if value > 0 else 0.0)
        colour = DARK_GREY if p.comparison else BLUE
        body.append(
            f'<rect x="0" y="{y + 25}" width="{width:.1f}" height="{bar_height}" fill="{colour}"/>'
            f'<text x="{width + 6:.1f}" y="{y + 41}" fill="{TEXT}" font-size="17" {FONT}>{words}</text>'
        )
    height = max(len(points) * row_height, row_height)
    summary = summary or _bars_summary(points, unit)
    return Chart(
        key=key,
        title=title,
        summary=summary,
        svg=_svg(key, title, summary, height, body),
        headers=(header,),
        rows=[(p.label, [_cell(p.figure, unit)]) for p in points],
        unrounded=any(isinstance(p.figure, Unrounded) for p in points),
    )


def column_chart(
    *,
    key: str,
    title: str,
    points: Sequence[Point],
    unit: str = "",
    header: str = "Number",
    extra: Sequence[tuple[str, Sequence[Shown]]] = (),
) -> Chart:
    """Vertical columns, one a month, for a trend; `extra` adds more columns to the table only."""
    plot_top, plot_bottom, label_room = 28, 220, 40
    count = max(len(points), 1)
    slot = WIDTH / count
    every = -(-count // 4)  # label at most four months, so labels stay legible (the table has all)
    values = [v for p in points if (v := value_of(p.figure)) is not None]
    top = _nice_ceiling(max(values, default=0))
    scale = (plot_bottom - plot_top) / top
    axis = as_text(Decimal(str(top)).normalize()) if top % 1 else f"{int(top):,}"
    body = [f'<line x1="0" y1="{plot_bottom}" x2="{WIDTH}" y2="{plot_bottom}" stroke="{TEXT}"/>']
    if any(values):
        # The top of the scale (a round number, not a figure), as a dotted line.
        body += [
            f'<line x1="0" y1="{plot_top}" x2="{WIDTH}" y2="{plot_top}" stroke="{GRID}" stroke-dasharray="2 3"/>',
            f'<text class="liaison-chart__axis" x="0" y="{plot_top - 8}" fill="{TEXT}" font-size="17" {FONT}>'
            f"{escape(axis + unit)}</text>",
        ]
    for i, p in enumerate(points):
        x = i * slot
        middle = x + slot / 2
        value = value_of(p.figure)
        if i % every == 0:
            # A label near either edge is anchored to that edge, so the chart never clips it.
            anchor, at = (
                ("start", x) if middle < 40 else ("end", x + slot) if middle > WIDTH - 40 else ("middle", middle)
            )
            body.append(
                f'<text x="{at:.1f}" y="{plot_bottom + 20}" text-anchor="{anchor}" fill="{TEXT}" '
                f'font-size="18" {FONT}>{escape(p.label)}</text>'
            )
        if value is None:
            mark = "*" if is_suppressed(p.figure) else "\u2013"
            body.append(
                f'<text x="{middle:.1f}" y="{plot_bottom - 6}" text-anchor="middle" fill="{TEXT}" '
                f'font-size="20" {FONT}>{mark}</text>'
            )
            continue
        height = value * scale
        body.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{plot_bottom - height:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{height:.1f}" fill="{BLUE}"/>'
        )
    summary = _trend_summary(points, unit)
    if any(is_suppressed(p.figure) for p in points):
        summary += f" A month marked * is {suppressed_words()}."
    rows = [
        (p.label, [_cell(p.figure, unit), *(_cell(column[i], "") for _, column in extra)]) for i, p in enumerate(points)
    ]
    return Chart(
        key=key,
        title=title,
        summary=summary,
        svg=_svg(key, title, summary, plot_bottom + label_room, body),
        headers=(header, *(name for name, _ in extra)),
        rows=rows,
        unrounded=any(isinstance(p.figure, Unrounded) for p in points),
    )


LABEL_CHARACTERS = 44  # what fits across the chart at its label size; the table has the whole label


def _fitted(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1].rstrip() + "\u2026"


def _cell(figure: Shown, unit: str) -> str:
    if is_suppressed(figure):
        return "*"
    if value_of(figure) is None:
        return "\u2013"
    return as_text(figure) + unit


def listed(points: Sequence[Point], unit: str = "") -> str:
    """Every figure in words, in order: "Identified 120; Screened 95." """
    return "; ".join(f"{p.label} {_text(p.figure, unit)}" for p in points) + "."


def _bars_summary(points: Sequence[Point], unit: str) -> str:
    drawn = [(p, v) for p in points if (v := value_of(p.figure)) is not None]
    suppressed = sum(1 for p in points if is_suppressed(p.figure))
    if not drawn:
        sentence = "No figures to show."
    else:
        largest, _ = max(drawn, key=lambda pv: pv[1])
        sentence = f"Largest: {largest.label}, {_text(largest.figure, unit)}."
    if suppressed:
        sentence += f" {suppressed} of {len(points)} {_figures(len(points))} {suppressed_words()}."
    return sentence


def _figures(n: int) -> str:
    return "figure is" if n == 1 else "figures are"


def _trend_summary(points: Sequence[Point], unit: str) -> str:
    drawn = [(p, v) for p in points if (v := value_of(p.figure)) is not None]
    if not drawn:
        return "No figures to show."
    highest, _ = max(drawn, key=lambda pv: pv[1])
    lowest, _ = min(drawn, key=lambda pv: pv[1])
    latest = points[-1]
    return (
        f"From {points[0].label} to {points[-1].label}: highest {_text(highest.figure, unit)} in {highest.label}, "
        f"lowest {_text(lowest.figure, unit)} in {lowest.label}, latest {_text(latest.figure, unit)} in {latest.label}."
    )
