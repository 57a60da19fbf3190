"""The periods a scheme assesses itself over: a calendar quarter (`2025-Q1`, January to March)
or an NHS financial year (`2024-25`, April 2024 to March 2025)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from liaison.core.errors import Invalid

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
MESSAGE = "Give the period as a quarter, such as 2025-Q1, or a financial year, such as 2024-25"


@dataclass(frozen=True)
class Period:
    code: str
    first: date  # the first day
    months: tuple[str, ...]  # YYYY-MM, as the measures' rows name them

    @property
    def label(self) -> str:
        if "Q" in self.code:
            year, quarter = self.code.split("-Q")
            return f"quarter {quarter} of {year} ({_month_name(self.months[0])} to {_month_name(self.months[-1])})"
        return f"financial year {self.code} (April {self.first.year} to March {self.first.year + 1})"


def _month_name(month: str) -> str:
    return date.fromisoformat(f"{month}-01").strftime("%B %Y")


def _months(year: int, month: int, count: int) -> tuple[str, ...]:
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def parse(text: str) -> Period:
    """The period a code names; Invalid, with the field `period`, for anything else."""
    text = (text or "").strip().upper()
    if m := _QUARTER.match(text):
        year, quarter = int(m[1]), int(m[2])
        first_month = 3 * quarter - 2
        return Period(f"{year}-Q{quarter}", date(year, first_month, 1), _months(year, first_month, 3))
    if (m := _YEAR.match(text)) and (int(m[1]) + 1) % 100 == int(m[2]):
        year = int(m[1])
        return Period(f"{year}-{m[2]}", date(year, 4, 1), _months(year, 4, 12))
    raise Invalid(MESSAGE, errors={"period": MESSAGE})


def latest_quarter_ended(today: date) -> Period:
    """The last calendar quarter that ended before today."""
    quarter = (today.month - 1) // 3  # the current one, 0-based
    year = today.year if quarter else today.year - 1
    return parse(f"{year}-Q{quarter or 4}")
