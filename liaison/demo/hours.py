"""Local time in the demo: when things happen at a site, and when its L&D staff are there."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from liaison.demo.network import DAY7, H24, WEEKDAY

LONDON = ZoneInfo("Europe/London")

# Arrivals in custody by hour of day: quiet before dawn, busiest afternoon to late evening.
_CUSTODY_HOURS = (3, 2, 2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 7, 7, 7, 7, 7, 6, 6, 5, 4, 4)


def local(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def is_open(hours: str, at: datetime) -> bool:
    t = at.astimezone(LONDON)
    if hours == H24:
        return True
    if hours == DAY7:
        return 7 <= t.hour < 22
    assert hours == WEEKDAY, hours
    return t.weekday() < 5 and 9 <= t.hour < 17


def next_open(hours: str, at: datetime) -> datetime:
    """`at` if staff are on site then, else when they next arrive."""
    if is_open(hours, at):
        return at
    t = at.astimezone(LONDON)
    opening = 7 if hours == DAY7 else 9
    day = t.date() if t.hour < opening else t.date() + timedelta(days=1)
    if hours == WEEKDAY:
        while day.weekday() >= 5:
            day += timedelta(days=1)
    return local(day, opening, 0)


def arrival(rng: random.Random, kind: str, day: date) -> datetime:
    """When someone is identified on `day` at this kind of place (custody, court or office)."""
    if kind == "custody":
        hour = rng.choices(range(24), weights=_CUSTODY_HOURS)[0]
        return local(day, hour, rng.randrange(60))
    if kind == "station":
        return local(day, rng.randint(9, 19), rng.randrange(60))
    if kind == "court":
        return local(day, rng.randint(9, 15), rng.randrange(60) if rng.random() < 0.9 else 0)
    return local(day, rng.randint(9, 16), rng.randrange(60))


def weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day
