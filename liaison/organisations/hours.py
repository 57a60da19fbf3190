"""When L&D staff are at a site, as opening periods per day of the week (issue 9: "operating
hours structured per site so that 24/7 custody cover can be checked").

A period is minutes from midnight, closing up to 1,440 (midnight at the end of the day), so a
site open all day every day has seven periods of 0 to 1,440 and "24/7" is a question the data
answers, not a phrase someone typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

DAY_MINUTES = 24 * 60
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Period:
    weekday: int  # 0 = Monday
    opens: int  # minutes from midnight
    closes: int  # up to DAY_MINUTES

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday {self.weekday} is not 0 (Monday) to 6 (Sunday)")
        if not 0 <= self.opens < self.closes <= DAY_MINUTES:
            raise ValueError(f"a period opens before it closes, within the day ({self.opens} to {self.closes})")


def _clock(minutes: int) -> str:
    return "24:00" if minutes == DAY_MINUTES else f"{minutes // 60:02d}:{minutes % 60:02d}"


def every_day(opens: int, closes: int) -> list[Period]:
    return [Period(d, opens, closes) for d in range(7)]


def weekdays(opens: int, closes: int) -> list[Period]:
    return [Period(d, opens, closes) for d in range(5)]


def is_24_7(periods: Iterable[Period]) -> bool:
    """Staff there every minute of the week: each day covered from 0 to 24:00 without a gap."""
    by_day: dict[int, list[Period]] = {d: [] for d in range(7)}
    for p in periods:
        by_day[p.weekday].append(p)
    for day in by_day.values():
        reached = 0
        for p in sorted(day, key=lambda p: p.opens):
            if p.opens > reached:
                return False
            reached = max(reached, p.closes)
        if reached < DAY_MINUTES:
            return False
    return True


def weekly_minutes(periods: Iterable[Period]) -> int:
    """Minutes a week the site is staffed, overlapping periods of a day counted once (workforce
    planning's cover: each open hour needs someone there)."""
    total = 0
    by_day: dict[int, list[Period]] = {d: [] for d in range(7)}
    for p in periods:
        by_day[p.weekday].append(p)
    for day in by_day.values():
        reached = 0
        for p in sorted(day, key=lambda p: p.opens):
            start = max(p.opens, reached)
            if p.closes > start:
                total += p.closes - start
            reached = max(reached, p.closes)
    return total


def is_open(periods: Iterable[Period], at: datetime) -> bool:
    local = at.astimezone(LONDON)
    minute = local.hour * 60 + local.minute
    return any(p.weekday == local.weekday() and p.opens <= minute < p.closes for p in periods)


def describe(periods: Iterable[Period]) -> str:
    """The hours in words, days with the same hours run together: "24 hours, 7 days",
    "07:00 to 22:00, 7 days", "09:00 to 17:00, Monday to Friday"."""
    listed = sorted(periods, key=lambda p: (p.weekday, p.opens))
    if not listed:
        return "No hours recorded"
    if is_24_7(listed):
        return "24 hours, 7 days"
    spans: dict[int, str] = {}
    for p in listed:
        text = f"{_clock(p.opens)} to {_clock(p.closes)}"
        spans[p.weekday] = f"{spans[p.weekday]} and {text}" if p.weekday in spans else text
    groups: list[tuple[list[int], str]] = []
    for day in sorted(spans):
        if groups and groups[-1][1] == spans[day] and groups[-1][0][-1] == day - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], spans[day]))
    parts = []
    for days, text in groups:
        if len(days) == 7:
            parts.append(f"{text}, 7 days")
        elif len(days) == 1:
            parts.append(f"{text}, {WEEKDAYS[days[0]]}")
        else:
            parts.append(f"{text}, {WEEKDAYS[days[0]]} to {WEEKDAYS[days[-1]]}")
    return "; ".join(parts)


def parse(text: str) -> list[Period]:
    """The three phrases the service used before hours were structured (migration 0007); any
    other phrase is not guessed at: it gives no periods, and the site shows "No hours recorded"."""
    phrases = {
        "24 hours, 7 days": every_day(0, DAY_MINUTES),
        "07:00 to 22:00, 7 days": every_day(7 * 60, 22 * 60),
        "09:00 to 17:00, Monday to Friday": weekdays(9 * 60, 17 * 60),
    }
    return phrases.get(text.strip(), [])
