"""The measures: versioned definitions, each one SQL query run on DuckDB or on Spark.

A measure's SQL is written once, in DuckDB's dialect, over one table `events` (the analytics
store, ADR 0011: one row per pseudonymised event, with the Hive partition `month` as a column,
the month of `occurred_at` in Europe/London). DuckDB runs it as written; for Spark it is
transpiled with SQLGlot. Only constructs both engines compute exactly are used: no approximate
aggregates, no engine percentile functions (see `_percentile`), no floating-point arithmetic
except one final division of integers. ADR 0012 says why.

Every measure returns rows of `level` ("scheme", "region" or "england"), `area` (the scheme's
id, the region's code, or "England"), `month` ("YYYY-MM"), and its own figures. A count at
region or England level is computed from the events of the area, never summed from schemes, so
distinct people and percentiles are right at every level. Figures are true counts: whatever
publishes them passes them through `liaison.reporting.disclosure`.

A change to what a measure counts is a new `version`; the monthly return records the versions
its figures came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    pass

Engine = Literal["duckdb", "spark"]
Row = dict[str, Any]

YOUNG_PERSON_BAND = "10-17"  # liaison.people.codes.YOUNG_PERSON_BAND (this module needs no Django)
ADULT_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65 and over")
SCREENINGS = ("episode:screen", "screening:instrument")  # both mark `screened_at`


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

    @property
    def is_rate(self) -> bool:
        return bool(self.numerator)

    @property
    def keys(self) -> tuple[str, ...]:
        return ("level", "area", "month", *self.by)


REGISTRY: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    if measure.name in REGISTRY:
        raise ValueError(f"measure {measure.name} is defined twice")
    REGISTRY[measure.name] = measure
    return measure


# --- shared fragments (each measure's SQL is whole once composed; these only avoid typing it twice)


def _in(values: Iterable[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


# One row per episode, from its identification (the one `episode:identify`; it is not voidable).
_EPISODES = """
episodes AS (
    SELECT episode, person, scheme_id, region, age_band, sex, ethnic_group, month,
           occurred_at AS identified_at, data
    FROM events
    WHERE stream = 'episode' AND kind = 'episode:identify'
)"""

# Every row is counted at three levels: its scheme, its scheme's region, and England.
_LEVELS = """
levels AS (SELECT * FROM (VALUES ('scheme'), ('region'), ('england')) AS t(level))"""

_AREA = """CASE l.level WHEN 'scheme' THEN CAST(x.scheme_id AS VARCHAR)
                  WHEN 'region' THEN x.region ELSE 'England' END"""


def _first(name: str, kinds: Sequence[str]) -> str:
    """Per episode, the first event of these kinds that is not voided, and its month.

    A voided entry keeps its row in the store with `voided` true (the store rebuilds its month
    when the void lands), so `NOT voided` leaves it out; the `entry:void` rows are another kind.
    """
    return f"""
{name} AS (
    SELECT episode, MIN(occurred_at) AS at, ARG_MIN(month, occurred_at) AS month
    FROM events
    WHERE stream = 'episode' AND kind IN {_in(kinds)} AND NOT voided
    GROUP BY episode
)"""


def _count(source: str, *, value: str = "COUNT(*)", where: str = "TRUE", by: Sequence[str] = ()) -> str:
    """Rows of `source` (with scheme_id, region, month) counted per level, area, month and `by`."""
    category = "".join(f", {b}" for b in by)
    return f"""
SELECT level, area, month{category}, {value} AS value
FROM (
    SELECT l.level, {_AREA} AS area, x.*
    FROM {source} AS x CROSS JOIN levels AS l
    WHERE {where}
) AS counted
WHERE area IS NOT NULL
GROUP BY level, area, month{category}"""


def _with(*ctes: str) -> str:
    return "WITH " + ",".join(ctes)


def _percentile(k: int, over: str = "wait") -> str:
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


# microseconds * 100 (from `_percentile`) to minutes: one division of two exact doubles.
_TO_MINUTES = "CAST(6000000000 AS DOUBLE)"


# --- the catalogue

IDENTIFIED = register(
    Measure(
        name="identified",
        version=1,
        description="Episodes whose identification falls in the month.",
        reads=("episode:identify",),
        sql=_with(_EPISODES, _LEVELS) + _count("episodes"),
    )
)

PEOPLE = register(
    Measure(
        name="people",
        version=1,
        description="Distinct people (person pseudonyms) among the episodes identified in the month.",
        reads=("episode:identify",),
        sql=_with(_EPISODES, _LEVELS) + _count("episodes", value="COUNT(DISTINCT person)"),
    )
)

ADULTS = register(
    Measure(
        name="identified_adults",
        version=1,
        description="Episodes identified in the month of people aged 18 or over at identification.",
        reads=("episode:identify",),
        sql=_with(_EPISODES, _LEVELS) + _count("episodes", where=f"x.age_band IN {_in(ADULT_BANDS)}"),
    )
)

CHILDREN = register(
    Measure(
        name="identified_children_young_people",
        version=1,
        description="Episodes identified in the month of children and young people (10 to 17 at identification).",
        reads=("episode:identify",),
        sql=_with(_EPISODES, _LEVELS) + _count("episodes", where=f"x.age_band = '{YOUNG_PERSON_BAND}'"),
    )
)


def _first_stage(name: str, noun: str, kinds: Sequence[str]) -> Measure:
    return register(
        Measure(
            name=name,
            version=1,
            description=(
                f"Episodes whose first {noun} (not voided) falls in the month, "
                "counted in the scheme and region of the episode."
            ),
            reads=("episode:identify", *kinds),
            sql=_with(_EPISODES, _LEVELS, _first("firsts", kinds))
            + _count("(SELECT e.scheme_id, e.region, f.month FROM firsts AS f JOIN episodes AS e USING (episode))"),
        )
    )


SCREENED = _first_stage("screened", "screening (brief screen or instrument)", SCREENINGS)
ASSESSED = _first_stage("assessed", "assessment", ("episode:assess",))
REFERRED = _first_stage("referred", "referral", ("episode:refer",))


def _conversion(name: str, *, numerator: str, denominator: str, num: str, den: str, reads: Sequence[str]) -> Measure:
    return register(
        Measure(
            name=name,
            version=1,
            description=(f"Of the episodes identified in the month: {numerator}, out of {denominator} (to date)."),
            reads=("episode:identify", *reads),
            sql=_with(
                _EPISODES,
                _LEVELS,
                _first("screenings", SCREENINGS),
                _first("assessments", ("episode:assess",)),
                _first("referrals", ("episode:refer",)),
                """
cohort AS (
    SELECT e.scheme_id, e.region, e.month,
           s.episode IS NOT NULL AS screened,
           s.episode IS NOT NULL AND a.episode IS NOT NULL AS assessed,
           r.episode IS NOT NULL AS referred
    FROM episodes AS e
    LEFT JOIN screenings AS s ON s.episode = e.episode
    LEFT JOIN assessments AS a ON a.episode = e.episode
    LEFT JOIN referrals AS r ON r.episode = e.episode
)""",
            )
            + f"""
SELECT level, area, month,
       SUM(CASE WHEN {num} THEN 1 ELSE 0 END) AS numerator,
       SUM(CASE WHEN {den} THEN 1 ELSE 0 END) AS denominator
FROM (SELECT l.level, {_AREA} AS area, x.* FROM cohort AS x CROSS JOIN levels AS l) AS counted
WHERE area IS NOT NULL
GROUP BY level, area, month""",
            columns=("numerator", "denominator"),
            numerator=numerator,
            denominator=denominator,
        )
    )


SCREENED_RATE = _conversion(
    "screened_of_identified",
    numerator="those screened",
    denominator="all of them",
    num="screened",
    den="TRUE",
    reads=SCREENINGS,
)
ASSESSED_RATE = _conversion(
    "assessed_of_screened",
    numerator="those screened and assessed",
    denominator="those screened",
    num="assessed",
    den="screened",
    reads=(*SCREENINGS, "episode:assess"),
)
REFERRED_RATE = _conversion(
    "referred_of_identified",
    numerator="those referred",
    denominator="all of them",
    num="referred",
    den="TRUE",
    reads=("episode:refer",),
)

TIMELINESS = register(
    Measure(
        name="time_to_screening",
        version=1,
        description=(
            "For episodes first screened in the month: how many, and the median and 90th percentile "
            "minutes from identification to first screening (linear interpolation between closest ranks)."
        ),
        reads=("episode:identify", *SCREENINGS),
        sql=_with(
            _EPISODES,
            _LEVELS,
            _first("firsts", SCREENINGS),
            f"""
waits AS (
    SELECT l.level, {_AREA} AS area, x.month, x.wait
    FROM (
        SELECT e.scheme_id, e.region, f.month, DATE_DIFF('microsecond', e.identified_at, f.at) AS wait
        FROM firsts AS f JOIN episodes AS e USING (episode)
    ) AS x CROSS JOIN levels AS l
)""",
            """
ranked AS (
    SELECT level, area, month, wait,
           ROW_NUMBER() OVER (PARTITION BY level, area, month ORDER BY wait) - 1 AS i,
           COUNT(*) OVER (PARTITION BY level, area, month) AS n
    FROM waits
    WHERE area IS NOT NULL
)""",
        )
        + f"""
SELECT level, area, month, COUNT(*) AS episodes,
       CAST({_percentile(50)} AS DOUBLE) / {_TO_MINUTES} AS median_minutes,
       CAST({_percentile(90)} AS DOUBLE) / {_TO_MINUTES} AS p90_minutes
FROM ranked
GROUP BY level, area, month""",
        columns=("episodes", "median_minutes", "p90_minutes"),
    )
)


def _breakdown(name: str, *, what: str, by: str, expression: str) -> Measure:
    return register(
        Measure(
            name=name,
            version=1,
            description=f"Episodes identified in the month, by {what}.",
            reads=("episode:identify",),
            sql=_with(_EPISODES, _LEVELS)
            + _count(f"(SELECT scheme_id, region, month, {expression} AS {by} FROM episodes)", by=(by,)),
            by=(by,),
        )
    )


BY_POINT_OF_CONTACT = _breakdown(
    "identified_by_point_of_contact",
    what="point of contact (PointOfContact code)",
    by="point_of_contact",
    expression="JSON_EXTRACT_STRING(data, '$.point_of_contact')",
)
BY_REFERRAL_SOURCE = _breakdown(
    "identified_by_referral_source",
    what="source of referral (NHS Data Dictionary code)",
    by="referral_source",
    expression="JSON_EXTRACT_STRING(data, '$.referral_source')",
)
BY_AGE_BAND = _breakdown(
    "identified_by_age_band", what="age band at identification", by="age_band", expression="age_band"
)
BY_SEX = _breakdown("identified_by_sex", what="sex (NHS code)", by="sex", expression="sex")
BY_ETHNIC_GROUP = _breakdown(
    "identified_by_ethnic_group",
    what="ethnic group (the five census groups, not stated, not known)",
    by="ethnic_group",
    expression="ethnic_group",
)


def _closed_by(name: str, *, what: str, field_name: str) -> Measure:
    return register(
        Measure(
            name=name,
            version=1,
            description=(
                f"Episodes whose closure falls in the month and still stands (not reopened or re-entered "
                f"since), by {what}."
            ),
            reads=("episode:close", "episode:reopen", "episode:reenter"),
            sql=_with(
                _LEVELS,
                f"""
closures AS (
    SELECT episode, MAX(occurred_at) AS at, ARG_MAX(month, occurred_at) AS month,
           ARG_MAX(scheme_id, occurred_at) AS scheme_id, ARG_MAX(region, occurred_at) AS region,
           ARG_MAX(JSON_EXTRACT_STRING(data, '$.{field_name}'), occurred_at) AS {field_name}
    FROM events
    WHERE stream = 'episode' AND kind = 'episode:close'
    GROUP BY episode
)""",
                """
returns AS (
    SELECT episode, MAX(occurred_at) AS at
    FROM events
    WHERE stream = 'episode' AND kind IN ('episode:reopen', 'episode:reenter')
    GROUP BY episode
)""",
            )
            + _count(
                f"""(SELECT c.scheme_id, c.region, c.month, COALESCE(NULLIF(c.{field_name}, ''), 'not recorded')
                       AS {field_name}
                FROM closures AS c LEFT JOIN returns AS r ON r.episode = c.episode
                WHERE r.at IS NULL OR r.at < c.at)""",
                by=(field_name,),
            ),
            by=(field_name,),
        )
    )


CLOSED_BY_LD_OUTCOME = _closed_by(
    "closed_by_ld_outcome", what="L&D outcome (diverted out of or within the justice system)", field_name="ld_outcome"
)
CLOSED_BY_JUSTICE_OUTCOME = _closed_by(
    "closed_by_justice_outcome", what="justice outcome", field_name="justice_outcome"
)

REFERRALS_MADE = register(
    Measure(
        name="referrals_made",
        version=1,
        description="Referrals made in the month (not voided), by type of service, counted in the episode's scheme.",
        reads=("episode:refer",),
        sql=_with(_LEVELS)
        + _count(
            """(SELECT scheme_id, region, month,
                       COALESCE(JSON_EXTRACT_STRING(data, '$.service_type'), 'not recorded') AS service_type
                FROM events
                WHERE stream = 'episode' AND kind = 'episode:refer' AND NOT voided)""",
            by=("service_type",),
        ),
        by=("service_type",),
    )
)

SHARES = register(
    Measure(
        name="shares_by_agency",
        version=1,
        description=(
            "Information shares made in the month, by agency, purpose and basis (consent or override), "
            "counted in the scheme and region of the episode."
        ),
        reads=("share:make",),
        sql=_with(_LEVELS)
        + _count(
            """(SELECT scheme_id, region, month,
                       JSON_EXTRACT_STRING(data, '$.agency') AS agency,
                       JSON_EXTRACT_STRING(data, '$.purpose') AS purpose,
                       JSON_EXTRACT_STRING(data, '$.basis') AS basis
                FROM events
                WHERE stream = 'episode' AND kind = 'share:make' AND NOT voided)""",
            by=("agency", "purpose", "basis"),
        ),
        by=("agency", "purpose", "basis"),
    )
)
