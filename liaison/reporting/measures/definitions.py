"""What a definition is, and the SQL fragments the catalogue is written with.

Two kinds of definition, both SQL in DuckDB's dialect over the store's table `events` (ADR 0012):

- a `Relation` is a table of facts several measures read (one row per episode with its
  identification and its first screening, assessment and referral; the needs of each episode;
  each episode's standing closure). An engine computes each relation a run needs once, before
  the measures, and the measures read it by name (the shared pass, ADR 0016): at national scale
  every measure reading ten million events again was most of a run.
- a `Measure` is one published figure (or a breakdown), versioned: a change to what it counts,
  or to what a relation it reads holds, is a new version of it.

Every measure returns rows of `level` ("scheme", "region" or "england"), `area` (the scheme's
id, the region's code, or "England"), `month` ("YYYY-MM") and its own figures. A count at
region or England level is computed from the rows of the area, never summed from schemes, so
distinct people and percentiles are right at every level. Only constructs both engines compute
exactly are used: no approximate aggregates, no engine percentile functions (see `percentile`),
no floating-point arithmetic except one final division of integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Engine = Literal["duckdb", "spark"]
Row = dict[str, Any]

YOUNG_PERSON_BAND = "10-17"  # liaison.people.codes.YOUNG_PERSON_BAND (this module needs no Django)
ADULT_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65 and over")
SCREENINGS = ("episode:screen", "screening:instrument")  # both mark `screened_at`


@dataclass(frozen=True)
class Relation:
    """A table of facts, computed once per run from the store (or from other relations)."""

    name: str
    version: int
    description: str
    reads: tuple[str, ...]
    sql: str
    uses: tuple[str, ...] = ()  # the relations its SQL reads


@dataclass(frozen=True)
class Measure:
    """One versioned definition. `columns` are the figures after level, area and month."""

    name: str
    version: int
    description: str
    reads: tuple[str, ...]
    sql: str
    columns: tuple[str, ...] = ("value",)
    # For a rate: what the `numerator` and `denominator` columns count (the percentage is
    # computed at publication, from the published figures).
    numerator: str = ""
    denominator: str = ""
    by: tuple[str, ...] = ()  # the category columns, for a breakdown
    uses: tuple[str, ...] = ()  # the relations its SQL reads

    @property
    def is_rate(self) -> bool:
        return bool(self.numerator)

    @property
    def keys(self) -> tuple[str, ...]:
        return ("level", "area", "month", *self.by)


REGISTRY: dict[str, Measure] = {}
# Outcomes by cohort (ADR 0034): defined and run like the return's measures, but not part of the
# monthly return (a cohort's figures change as its windows close, and the return is of one month's
# activity), so kept in a catalogue of their own.
COHORTS: dict[str, Measure] = {}
RELATIONS: dict[str, Relation] = {}


def register(measure: Measure, *, catalogue: dict[str, Measure] = REGISTRY) -> Measure:
    if measure.name in REGISTRY or measure.name in COHORTS:
        raise ValueError(f"measure {measure.name} is defined twice")
    unknown = [u for u in measure.uses if u not in RELATIONS]
    if unknown:
        raise ValueError(f"measure {measure.name} uses relations not defined: {', '.join(unknown)}")
    catalogue[measure.name] = measure
    return measure


def relation(defined: Relation) -> Relation:
    if defined.name in RELATIONS or defined.name == "events":
        raise ValueError(f"relation {defined.name} is defined twice")
    RELATIONS[defined.name] = defined
    return defined


def relations_for(measures: Iterable[Measure]) -> list[Relation]:
    """The relations the measures read, each once, every one after those it reads."""
    ordered: list[Relation] = []

    def visit(name: str) -> None:
        found = RELATIONS[name]
        if found in ordered:
            return
        for used in found.uses:
            visit(used)
        ordered.append(found)

    for m in measures:
        for name in m.uses:
            visit(name)
    return ordered


# --- fragments (each definition's SQL is whole once composed; these only avoid typing it twice)


def in_(values: Iterable[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


# Every row is counted at three levels: its scheme, its scheme's region, and England.
LEVELS = """
levels AS (SELECT * FROM (VALUES ('scheme'), ('region'), ('england')) AS t(level))"""

AREA = """CASE l.level WHEN 'scheme' THEN CAST(x.scheme_id AS VARCHAR)
                  WHEN 'region' THEN x.region ELSE 'England' END"""


def with_(*ctes: str) -> str:
    return "WITH " + ",".join(ctes)


def _by_level(stage: str, figures: str, category: str = "") -> str:
    """Rows of `stage` (per scheme, region, month and category) summed per level, area, month
    and category: the second step of `count` and `rate`."""
    return f"""
SELECT level, area, month{category}, {figures}
FROM (SELECT l.level, {AREA} AS area, x.* FROM {stage} AS x CROSS JOIN levels AS l) AS counted
WHERE area IS NOT NULL
GROUP BY level, area, month{category}"""


def count(source: str, *, where: str = "TRUE", by: Sequence[str] = ()) -> str:
    """Rows of `source` (with scheme_id, region, month) counted per level, area, month and `by`,
    as a whole query. A count is additive, so rows are counted once per scheme and those counts
    summed for the region and England: the same figure as counting the area's rows, at a third
    of the work."""
    category = "".join(f", {b}" for b in by)
    return with_(
        LEVELS,
        f"""
per_scheme AS (
    SELECT scheme_id, region, month{category}, COUNT(*) AS value
    FROM {source} AS x
    WHERE {where}
    GROUP BY scheme_id, region, month{category}
)""",
    ) + _by_level("per_scheme", "CAST(SUM(value) AS BIGINT) AS value", category)


def count_distinct(source: str, column: str) -> str:
    """Distinct values of `column` among the rows of `source` per level, area and month. Not
    additive (a person seen in two schemes is one person in their region), so counted from the
    rows of each area."""
    return with_(LEVELS) + _by_level(
        f"(SELECT scheme_id, region, month, {column} FROM {source})", f"COUNT(DISTINCT {column}) AS value"
    )


def percentile(k: int, over: str = "wait") -> str:
    """The k-th percentile of `over` in the group, by linear interpolation between closest ranks
    (what PERCENTILE_CONT and numpy's default compute), in integer arithmetic:

    with the n values in order as v[0..n-1], h = (n - 1) * k / 100, the result is
    v[floor(h)] + (h - floor(h)) * (v[floor(h) + 1] - v[floor(h)]). Needs `i` (0-based rank) and
    `n` (group size) on each row; returns hundredths of `over`'s unit, as an integer, exactly.
    """
    lo = f"((n - 1) * {k}) // 100"
    frac = f"((n - 1) * {k}) % 100"
    low = f"SUM(CASE WHEN i = {lo} THEN {over} END)"
    high = f"COALESCE(SUM(CASE WHEN i = {lo} + 1 THEN {over} END), {low})"
    return f"({low} * 100 + MAX({frac}) * ({high} - {low}))"


# microseconds * 100 (from `percentile`) to minutes: one division of two exact doubles.
TO_MINUTES = "CAST(6000000000 AS DOUBLE)"


def rate(
    name: str,
    *,
    description: str,
    reads: Sequence[str],
    cohort: str,
    num: str,
    numerator: str,
    den: str = "TRUE",
    denominator: str = "all of them",
    ctes: Sequence[str] = (),
    uses: Sequence[str] = (),
) -> Measure:
    """A rate over `cohort` (a relation or subquery with scheme_id, region, month and the columns
    `num` and `den` read), registered. Counted per scheme and summed, as `count` does."""
    return register(
        Measure(
            name=name,
            version=1,
            description=description,
            reads=tuple(reads),
            sql=with_(
                LEVELS,
                *ctes,
                f"""
per_scheme AS (
    SELECT scheme_id, region, month,
           SUM(CASE WHEN {num} THEN 1 ELSE 0 END) AS numerator,
           SUM(CASE WHEN {den} THEN 1 ELSE 0 END) AS denominator
    FROM {cohort} AS x
    GROUP BY scheme_id, region, month
)""",
            )
            + _by_level(
                "per_scheme",
                "CAST(SUM(numerator) AS BIGINT) AS numerator, CAST(SUM(denominator) AS BIGINT) AS denominator",
            ),
            columns=("numerator", "denominator"),
            numerator=numerator,
            denominator=denominator,
            uses=tuple(uses),
        )
    )
