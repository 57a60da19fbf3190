"""The period feedback is reported over: whole months, as the Friends and Family Test reports."""

from __future__ import annotations

from datetime import date, timedelta

from liaison.reporting.returns import parse_month


def first_day(month: str) -> date:
    """The first day of a month written YYYY-MM (ValueError with a plain reason otherwise)."""
    parse_month(month)
    return date(int(month[:4]), int(month[5:7]), 1)


def last_day(month: str) -> date:
    start = first_day(month)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def period(start: str | None, end: str | None, *, today: date) -> tuple[date, date]:
    """From the first day of `start` to the last of `end` (or today, if sooner); by default the
    last twelve whole months and this one so far."""
    first = first_day(start) if start else (today.replace(day=1) - timedelta(days=365)).replace(day=1)
    last = min(last_day(end), today) if end else today
    if last < first:
        raise ValueError("The end month must be the same as or after the start month.")
    return first, last
