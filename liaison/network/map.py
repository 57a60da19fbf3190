"""The coverage map: England's police force areas as tiles (`tiles.py`), each shaded by the share
of its people L&D covers on the date and labelled with that share, drawn as accessible SVG.

As with the dashboards' charts (ADR 14), the SVG is `role="img"` named by its `<title>` and
described by its `<desc>`, and the table beside it carries every figure: nothing is told by
colour alone (each tile says its percentage, and the legend names the shades).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from liaison.network.tiles import TILES
from liaison.organisations.coverage import Figure

TILE, GAP = 64, 4
STEP = TILE + GAP
COLUMNS, ROWS = 7, 9
LEGEND_HEIGHT = 4 * 26 + 12
WIDTH, HEIGHT = COLUMNS * STEP, ROWS * STEP + LEGEND_HEIGHT
FONT = 'font-family="Frutiger W01, Arial, sans-serif"'
BORDER = "#425563"  # NHS dark grey: the tiles' edges stand out from the page at well over 3:1


@dataclass(frozen=True)
class Band:
    label: str
    fill: str
    text: str  # each pair of fill and text is over 4.5:1


NONE = Band("Not covered", "#f0f4f5", "#212b32")
PART = Band("Under half covered", "#aed4f0", "#212b32")
MOST = Band("Half or more covered", "#41b6e6", "#212b32")
ALL = Band("All covered", "#005eb8", "#ffffff")
BANDS = (NONE, PART, MOST, ALL)


def band(f: Figure) -> Band:
    if f.covered == 0:
        return NONE
    if f.covered >= f.population:
        return ALL
    return MOST if 2 * f.covered >= f.population else PART


def short(percent: float) -> str:
    """The share as a tile can hold it: whole numbers, except a sliver above 0 or below 100."""
    if 0 < percent < 1:
        return "<1%"
    if 99 < percent < 100:
        return ">99%"
    return f"{percent:.0f}%"


def coverage_map(forces: Sequence[Figure], *, title: str) -> SafeString:
    counts = {b: sum(1 for f in forces if band(f) is b) for b in BANDS}
    desc = (
        f"Each square is a police force area, placed roughly where it is in England and labelled "
        f"with the share of its people covered: {counts[ALL]} all covered, {counts[MOST]} half or "
        f"more, {counts[PART]} under half, {counts[NONE]} not covered. The table gives every figure."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="coverage-map-title coverage-map-desc" class="liaison-coverage-map">',
        f'<title id="coverage-map-title">{escape(title)}</title>',
        f'<desc id="coverage-map-desc">{escape(desc)}</desc>',
    ]
    for f in forces:
        if f.code not in TILES:
            continue
        column, row, label = TILES[f.code]
        b = band(f)
        x, y = column * STEP + GAP / 2, row * STEP + GAP / 2
        parts.append(
            f"<g><title>{escape(f.name)}: {f.percent}% covered</title>"
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{b.fill}" stroke="{BORDER}"/>'
            f'<text x="{x + TILE / 2}" y="{y + 27}" text-anchor="middle" font-size="14" font-weight="bold" '
            f'fill="{b.text}" {FONT}>{escape(label)}</text>'
            f'<text x="{x + TILE / 2}" y="{y + 47}" text-anchor="middle" font-size="14" fill="{b.text}" {FONT}>'
            f"{short(f.percent)}</text></g>"
        )
    top = ROWS * STEP + 8
    for n, b in enumerate(BANDS):
        y = top + n * 26
        parts.append(
            f'<rect x="4" y="{y}" width="20" height="20" rx="2" fill="{b.fill}" stroke="{BORDER}"/>'
            f'<text x="32" y="{y + 15}" font-size="14" fill="#212b32" {FONT}>{escape(b.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
