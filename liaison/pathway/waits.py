"""Waits for screening as the database computes them, so lists filter, count and sort by a
breach in SQL instead of reading every open episode into Python.

`Episode.breaches_target` says the same of one row in Python: the wait (from identification to
screening, or until now while still waiting) is longer than the target.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import (
    BooleanField,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    QuerySet,
    TextChoices,
    Value,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

from liaison.pathway.models import Episode


class Minutes(Func):
    """A whole number of minutes as a duration, in each database's own terms: an interval on
    PostgreSQL, microseconds on SQLite (where Django keeps durations as integers)."""

    template = "make_interval(mins => %(expressions)s)"
    output_field = DurationField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="(%(expressions)s * 60000000)", **extra)


class Elapsed(Func):
    """`later - earlier` of two timestamps, as a duration. PostgreSQL subtracts them itself; on
    SQLite, Django's subtraction calls a Python function for every row compared, counted and
    sorted (three a row over every open episode: most of a worklist's query time at national
    scale), so the microseconds are worked out in SQLite's own functions instead: the whole
    seconds of the stored text (Django writes `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC) and the
    digits after its point, exact integers as Django keeps durations there."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = DurationField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        later, earlier = (compiler.compile(e) for e in self.get_source_expressions())

        def micros(sql: str) -> str:
            # The seconds of the text without its fraction: SQLite's clock keeps milliseconds and
            # would round .999999 up into the next second.
            seconds = f"CAST(strftime('%%s', substr({sql}, 1, 19)) AS INTEGER)"
            return f"({seconds} * 1000000 + CAST(substr({sql}, 21) AS INTEGER))"

        # Each side's SQL appears twice, so its parameters are given twice.
        sql = f"({micros(later[0])} - {micros(earlier[0])})"
        return sql, (*later[1], *later[1], *earlier[1], *earlier[1])


def with_waits(episodes: QuerySet[Episode], at: datetime) -> QuerySet[Episode]:
    """Each episode with `wait` (a duration), `waiting` (not screened yet) and `breach` (the
    wait is over the target), as of `at`."""
    now = Value(at, output_field=DateTimeField())
    return episodes.annotate(
        wait=Elapsed(Coalesce("screened_at", now), F("identified_at")),
        waiting=ExpressionWrapper(Q(screened_at__isnull=True), output_field=BooleanField()),
    ).annotate(breach=GreaterThan(F("wait"), Minutes("target_minutes")))


class Sort(TextChoices):
    URGENT = "urgent", "Over target first"
    LONGEST = "longest", "Longest wait first"
    NEWEST = "newest", "Newest first"
    OLDEST = "oldest", "Oldest first"
    NAME = "name", "Name (A to Z)"


# Each sort of an open-episodes list (of `with_waits`); the id last, so pages never overlap.
ORDERINGS: dict[str, tuple[OrderBy | str, ...]] = {
    # The most urgent at the top: breaches, then those still waiting, then the longest wait.
    Sort.URGENT: (F("breach").desc(), F("waiting").desc(), F("wait").desc(), "id"),
    Sort.LONGEST: (F("wait").desc(), "id"),
    Sort.NEWEST: (F("identified_at").desc(), "id"),
    Sort.OLDEST: (F("identified_at").asc(), "id"),
    Sort.NAME: ("person__family_name", "person__given_name", F("identified_at").asc(), "id"),
}
