"""A return as a file: CSV and Excel, one figure per line, as shown on its page.

Both files say on every line whether the figures are published (disclosure control applied) or
the scheme's own unrounded figures, not for publication, so a file forwarded on keeps its label.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from liaison.reporting.publication import plain
from liaison.reporting.selectors import ReturnView

COLUMNS = (
    "scheme_code",
    "scheme",
    "month",
    "return_version",
    "status",
    "measure",
    "measure_version",
    "category",
    "figure",
    "value",
    "disclosure",
)


def lines(view: ReturnView) -> list[dict[str, Any]]:
    version = view.shown_version.version if view.shown_version else "draft"
    disclosure = "not for publication (unrounded)" if view.raw else "published (disclosure control applied)"
    out = []
    for shown in view.measures:
        for row in shown.rows:
            category = "; ".join(f"{k}={row.keys[k]}" for k in shown.measure.by)
            for column in shown.columns:
                out.append(
                    {
                        "scheme_code": view.scheme.code,
                        "scheme": view.scheme.name,
                        "month": view.month,
                        "return_version": version,
                        "status": str(view.status),
                        "measure": shown.measure.name,
                        "measure_version": shown.measure.version,
                        "category": category,
                        "figure": column,
                        "value": plain(row.figure(column)),
                        "disclosure": disclosure,
                    }
                )
    return out


def as_csv(view: ReturnView) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for line in lines(view):
        writer.writerow({k: _cell(v) for k, v in line.items()})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    # A cell a spreadsheet would run as a formula is written as text (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def as_xlsx(view: ReturnView) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Return")
    sheet.append([f"{view.scheme.name} ({view.scheme.code}), {view.month}"])
    sheet.append(["Published figures: disclosure control applied" if not view.raw else "NOT FOR PUBLICATION"])
    sheet.append(list(COLUMNS))
    for line in lines(view):
        sheet.append([_number(_cell(line[c])) for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(value: Any) -> Any:
    """Decimal figures (kept as text for CSV) are numbers in a spreadsheet."""
    if isinstance(value, str) and "." in value and value.replace(".", "", 1).isdigit():
        return float(value)
    return value
