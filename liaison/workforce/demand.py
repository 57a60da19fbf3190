"""A scheme's demand, read from its records for workforce planning: the episodes identified in
the whole months before this one, by point of contact, month and hour of the day (London time),
and how many of them went on to each step of the pathway.

The reporting measures count by month and scheme but not by hour of the day, so this reads the
episode projection directly: one grouped query on the scheme and `identified_at` (both indexed),
never a row per episode. These are counts for the scheme's own planning, shown to its team leads
and managers; nothing here leaves the service as a published figure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, TruncMonth

from liaison.organisations.hours import LONDON
from liaison.organisations.models import PointOfContact
from liaison.pathway.models import Episode

# Each step's episodes: identification counts all of them; support to the first appointment is
# for those referred (the planning defaults' `steps` say the same in words).
STEP_COUNTS = {
    "identify": Count("id"),
    "screen": Count("id", filter=Q(screened_at__isnull=False)),
    "assess": Count("id", filter=Q(assessed_at__isnull=False)),
    "refer": Count("id", filter=Q(referred_at__isnull=False)),
    "support": Count("id", filter=Q(referred_at__isnull=False)),
}


def window(months: int, today: date) -> tuple[datetime, datetime]:
    """The `months` whole months before today's month, as London midnights."""
    end_year, end_month = today.year, today.month
    index = end_year * 12 + end_month - 1 - months
    start = datetime(index // 12, index % 12 + 1, 1, tzinfo=LONDON)
    return start, datetime(end_year, end_month, 1, tzinfo=LONDON)


def _identified(scheme_ids: list[int], months: int, today: date):  # type: ignore[no-untyped-def]
    start, end = window(months, today)
    return Episode.objects.filter(scheme_id__in=scheme_ids, identified_at__gte=start, identified_at__lt=end)


def steps_by_scheme(months_of: dict[int, int], *, today: date) -> dict[int, dict[str, int]]:
    """Each scheme's episodes at each step in its planning window: one query per window length."""
    by_months: dict[int, list[int]] = defaultdict(list)
    for scheme_id, months in months_of.items():
        by_months[months].append(scheme_id)
    counts: dict[int, dict[str, int]] = {s: dict.fromkeys(STEP_COUNTS, 0) for s in months_of}
    for months, ids in by_months.items():
        rows = _identified(ids, months, today).values("scheme_id").annotate(**STEP_COUNTS).order_by()
        for row in rows:
            counts[row["scheme_id"]] = {step: row[step] for step in STEP_COUNTS}
    return counts


@dataclass
class Demand:
    start: datetime
    end: datetime
    months: int
    by_contact: Counter[str] = field(default_factory=Counter)
    by_month: dict[str, Counter[str]] = field(default_factory=dict)  # "2025-03" -> point of contact -> n
    by_hour: Counter[int] = field(default_factory=Counter)
    steps: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.steps["identify"]

    def contact_rows(self) -> list[tuple[str, int, str]]:
        """Each point of contact seen: its name, episodes in the window, and a month's average."""
        return [
            (label, self.by_contact[value], f"{self.by_contact[value] / self.months:.1f}")
            for value, label in PointOfContact.choices
            if self.by_contact[value]
        ]

    def hour_rows(self) -> list[tuple[str, int]]:
        return [(f"{h:02d}:00 to {h + 1:02d}:00", self.by_hour[h]) for h in range(24)]

    def month_rows(self) -> list[tuple[str, int]]:
        return [(month, sum(counts.values())) for month, counts in sorted(self.by_month.items())]


def scheme_demand(scheme_id: int, *, months: int, today: date) -> Demand:
    """The scheme's demand in its window, by point of contact, month and hour: one query."""
    start, end = window(months, today)
    shown = Demand(start=start, end=end, months=months)
    rows = (
        _identified([scheme_id], months, today)
        .annotate(month=TruncMonth("identified_at", tzinfo=LONDON), hour=ExtractHour("identified_at", tzinfo=LONDON))
        .values("point_of_contact", "month", "hour")
        .annotate(**STEP_COUNTS)
        .order_by()
    )
    for row in rows:
        n = row["identify"]
        month = f"{row['month']:%Y-%m}"
        shown.by_contact[row["point_of_contact"]] += n
        shown.by_month.setdefault(month, Counter())[row["point_of_contact"]] += n
        shown.by_hour[row["hour"]] += n
        shown.steps.update({step: row[step] for step in STEP_COUNTS})
    return shown
