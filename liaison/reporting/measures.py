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
           occurred_at AS identified_at, target_minutes, nhs_number_known, data
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


def _rate(
    name: str,
    *,
    description: str,
    reads: Sequence[str],
    ctes: Sequence[str],
    num: str,
    numerator: str,
    cohort: str = "cohort",
    den: str = "TRUE",
    denominator: str = "all of them",
) -> Measure:
    """A rate over `cohort` (a CTE with scheme_id, region, month and the columns `num` and `den` read)."""
    return register(
        Measure(
            name=name,
            version=1,
            description=description,
            reads=tuple(reads),
            sql=_with(_LEVELS, *ctes)
            + f"""
SELECT level, area, month,
       SUM(CASE WHEN {num} THEN 1 ELSE 0 END) AS numerator,
       SUM(CASE WHEN {den} THEN 1 ELSE 0 END) AS denominator
FROM (SELECT l.level, {_AREA} AS area, x.* FROM {cohort} AS x CROSS JOIN levels AS l) AS counted
WHERE area IS NOT NULL
GROUP BY level, area, month""",
            columns=("numerator", "denominator"),
            numerator=numerator,
            denominator=denominator,
        )
    )


def _conversion(name: str, *, numerator: str, denominator: str, num: str, den: str, reads: Sequence[str]) -> Measure:
    return _rate(
        name,
        description=f"Of the episodes identified in the month: {numerator}, out of {denominator} (to date).",
        reads=("episode:identify", *reads),
        ctes=(
            _EPISODES,
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
        ),
        num=num,
        den=den,
        numerator=numerator,
        denominator=denominator,
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


# --- needs: the findings of screenings and instruments, and the decisions on suggested ones

# A screening or instrument event holds its findings as a JSON list of {domain, status, source}
# (one per domain). Both engines read the i-th item by a JSON path, so the list is read at
# these positions (tests/reporting/test_measures.py checks there are more than domains).
FINDING_POSITIONS = 24
NEED_STATUSES = ("confirmed", "suspected")
# liaison.core.vocabulary.RETIRED_VULNERABILITIES: facts about the person that old events once
# recorded as findings; they are not needs.
RETIRED_DOMAINS = ("young_person", "woman")
NEEDS_READ = (*SCREENINGS, "finding:decide")

_POSITIONS = f"""
positions AS (SELECT * FROM (VALUES {", ".join(f"({i})" for i in range(FINDING_POSITIONS))}) AS t(i))"""

# Per episode and domain, the status of its latest statement: a finding recorded in a screening
# or an instrument that is not voided, or a decision on a suggested finding (confirm or change:
# the status decided; reject: 'rejected') whose instrument was not voided since. A suggestion
# awaiting a decision states nothing.
_NEEDS = f"""
statements AS (
    SELECT x.episode, x.occurred_at AS stated_at, x.event_id,
           JSON_EXTRACT_STRING(x.data, '$.findings[' || CAST(p.i AS VARCHAR) || '].domain') AS domain,
           JSON_EXTRACT_STRING(x.data, '$.findings[' || CAST(p.i AS VARCHAR) || '].status') AS status
    FROM events AS x CROSS JOIN positions AS p
    WHERE x.stream = 'episode' AND x.kind IN {_in(SCREENINGS)} AND NOT x.voided
      AND p.i < JSON_ARRAY_LENGTH(JSON_EXTRACT(x.data, '$.findings'))
    UNION ALL
    SELECT d.episode, d.occurred_at AS stated_at, d.event_id,
           JSON_EXTRACT_STRING(d.data, '$.domain') AS domain,
           CASE WHEN JSON_EXTRACT_STRING(d.data, '$.decision') = 'rejected' THEN 'rejected'
                ELSE JSON_EXTRACT_STRING(d.data, '$.status') END AS status
    FROM events AS d
    LEFT JOIN events AS s ON s.stream = 'episode' AND s.event_id = d.decides_event_id
    WHERE d.stream = 'episode' AND d.kind = 'finding:decide' AND NOT COALESCE(s.voided, FALSE)
),
latest AS (
    SELECT episode, domain, status,
           ROW_NUMBER() OVER (PARTITION BY episode, domain ORDER BY stated_at DESC, event_id DESC) AS newest
    FROM statements
    WHERE domain IS NOT NULL AND domain NOT IN {_in(RETIRED_DOMAINS)}
),
needs AS (
    SELECT episode, domain FROM latest WHERE newest = 1 AND status IN {_in(NEED_STATUSES)}
)"""

_NEEDS_RULE = (
    "A need is a domain whose latest statement is confirmed or suspected: a finding recorded in a "
    "screening or an instrument (not voided), or a practitioner's decision on a suggested finding "
    "(confirmed or changed: the status decided; rejected: no need), the later one winning (by time "
    "of occurrence). A decision on a finding of a voided instrument, and a suggestion not yet "
    "decided, count for nothing; a later statement of ruled out or not known ends the need; the "
    "retired codes (young person, woman: facts about the person, not needs) are left out. "
    "Needs are as recorded to date."
)


WITH_A_NEED = _rate(
    "identified_with_a_need",
    description="Of the episodes identified in the month, those with at least one need. " + _NEEDS_RULE,
    reads=("episode:identify", *NEEDS_READ),
    ctes=(
        _EPISODES,
        _POSITIONS,
        _NEEDS,
        """
cohort AS (
    SELECT e.scheme_id, e.region, e.month, n.episode IS NOT NULL AS needy
    FROM episodes AS e LEFT JOIN (SELECT DISTINCT episode FROM needs) AS n ON n.episode = e.episode
)""",
    ),
    num="needy",
    numerator="those with at least one need (confirmed or suspected)",
)

BY_VULNERABILITY = register(
    Measure(
        name="identified_by_vulnerability",
        version=1,
        description=(
            "Episodes identified in the month with a need in each vulnerability domain (Vulnerability "
            "code); an episode counts once in every domain it has a need in. " + _NEEDS_RULE
        ),
        reads=("episode:identify", *NEEDS_READ),
        sql=_with(_EPISODES, _LEVELS, _POSITIONS, _NEEDS)
        + _count(
            "(SELECT e.scheme_id, e.region, e.month, n.domain FROM needs AS n JOIN episodes AS e USING (episode))",
            by=("domain",),
        ),
        by=("domain",),
    )
)


# --- timeliness against the site's target

WITHIN_TARGET = _rate(
    "screened_within_target",
    description=(
        "Of the episodes first screened in the month (not voided), those screened within the target "
        "the episode was given at identification (the site's response target for the point of contact "
        "then, or LIAISON_DEFAULT_RESPONSE_TARGET_MINUTES; the store's `target_minutes`): from "
        "identification to first screening no longer than the target."
    ),
    reads=("episode:identify", *SCREENINGS),
    ctes=(
        _EPISODES,
        _first("firsts", SCREENINGS),
        """
cohort AS (
    SELECT e.scheme_id, e.region, f.month,
           DATE_DIFF('microsecond', e.identified_at, f.at) <= CAST(e.target_minutes AS BIGINT) * 60000000
               AS within
    FROM firsts AS f JOIN episodes AS e USING (episode)
)""",
    ),
    num="within",
    numerator="those screened within the target",
)


# --- the referral's lifecycle

REFERRAL_PROGRESS = register(
    Measure(
        name="referral_progress",
        version=1,
        description=(
            "Referrals by the month of each step, counted in the episode's scheme: made (the referral, "
            "not voided); accepted (its first acceptance); first appointment attended (the first "
            "appointment whose attendance was recorded was attended); engaged (its first engagement); "
            "accompanied to the first appointment (of those attended, a support worker went). A "
            "referral whose referral entry was voided counts for nothing."
        ),
        reads=("episode:refer", "referral:update"),
        sql=_with(
            _LEVELS,
            """
refers AS (
    SELECT JSON_EXTRACT_STRING(data, '$.referral_id') AS referral_id, scheme_id, region, month
    FROM events
    WHERE stream = 'episode' AND kind = 'episode:refer' AND NOT voided
),
updates AS (
    SELECT JSON_EXTRACT_STRING(data, '$.referral_id') AS referral_id, month,
           JSON_EXTRACT_STRING(data, '$.transition') AS transition,
           JSON_EXTRACT_STRING(data, '$.accompanied') = 'true' AS accompanied,
           CASE WHEN JSON_EXTRACT_STRING(data, '$.transition') IN ('attend', 'did_not_attend') THEN 'attendance'
                ELSE JSON_EXTRACT_STRING(data, '$.transition') END AS step,
           occurred_at, event_id
    FROM events
    WHERE stream = 'episode' AND kind = 'referral:update'
),
firsts AS (
    SELECT referral_id, month, transition, accompanied, step,
           ROW_NUMBER() OVER (PARTITION BY referral_id, step ORDER BY occurred_at, event_id) AS nth
    FROM updates
    WHERE step IN ('accept', 'attendance', 'engage')
),
steps AS (
    SELECT scheme_id, region, month, 'made' AS step, FALSE AS accompanied FROM refers
    UNION ALL
    SELECT r.scheme_id, r.region, f.month, f.transition AS step, COALESCE(f.accompanied, FALSE) AS accompanied
    FROM firsts AS f JOIN refers AS r ON r.referral_id = f.referral_id
    WHERE f.nth = 1 AND f.transition IN ('accept', 'attend', 'engage')
)""",
        )
        + f"""
SELECT level, area, month,
       SUM(CASE WHEN step = 'made' THEN 1 ELSE 0 END) AS made,
       SUM(CASE WHEN step = 'accept' THEN 1 ELSE 0 END) AS accepted,
       SUM(CASE WHEN step = 'attend' THEN 1 ELSE 0 END) AS first_appointment_attended,
       SUM(CASE WHEN step = 'engage' THEN 1 ELSE 0 END) AS engaged,
       SUM(CASE WHEN step = 'attend' AND accompanied THEN 1 ELSE 0 END) AS accompanied_to_first_appointment
FROM (SELECT l.level, {_AREA} AS area, x.* FROM steps AS x CROSS JOIN levels AS l) AS counted
WHERE area IS NOT NULL
GROUP BY level, area, month""",
        columns=("made", "accepted", "first_appointment_attended", "engaged", "accompanied_to_first_appointment"),
    )
)


# --- data quality


def _of_identified(name: str, *, what: str, num: str, numerator: str) -> Measure:
    """A share of the episodes identified in the month, from the person's record as it is now."""
    return _rate(
        name,
        description=f"Of the episodes identified in the month, those whose {what} (as the person's record says now).",
        reads=("episode:identify", "person:create", "person:change"),
        ctes=(_EPISODES,),
        cohort="episodes",
        num=num,
        numerator=numerator,
    )


NHS_NUMBER_UNKNOWN = _of_identified(
    "nhs_number_unknown",
    what="person has no NHS number recorded (a number added later counts as known)",
    num="NOT COALESCE(nhs_number_known, FALSE)",
    numerator="those with NHS number unknown",
)
ETHNICITY_NOT_STATED = _of_identified(
    "ethnicity_not_stated",
    what="person's ethnic category is not stated (Z), not known (99) or not recorded at all",
    num="COALESCE(ethnic_group, 'Not known') IN ('Not stated', 'Not known')",
    numerator="those with ethnicity not stated or not known",
)

# London midnight at the start of the month after `month`, as an instant: on the first of April
# to October the clocks are an hour ahead of UTC, on the first of November to March they are not
# (British Summer Time runs from the last Sunday of March to the last Sunday of October), so the
# offset follows from the month alone and no engine's time-zone database is asked.
_NEXT = "CAST(SUBSTR(c.month, 6, 2) AS INT) % 12 + 1"
MONTH_END = (
    f"CAST(CAST(CAST(SUBSTR(c.month, 1, 4) AS INT) + CAST(SUBSTR(c.month, 6, 2) AS INT) // 12 AS VARCHAR)"
    f" || '-' || LPAD(CAST({_NEXT} AS VARCHAR), 2, '0') || '-01 00:00:00'"
    f" || CASE WHEN {_NEXT} BETWEEN 4 AND 10 THEN '+01:00' ELSE '+00:00' END AS TIMESTAMPTZ)"
)
LONG_OPEN_DAYS = 90

OPEN_LONG = _rate(
    "open_over_90_days",
    description=(
        f"Of the episodes open at the end of the month (identified, or reopened or re-entered since "
        f"their last closure, by then), those identified more than {LONG_OPEN_DAYS} days ({LONG_OPEN_DAYS} "
        "times 24 hours) before the end of the month (midnight, London time). Months are those the "
        "store holds events in; the current month's figure is as of now."
    ),
    reads=("episode:identify", "episode:close", "episode:reopen", "episode:reenter"),
    ctes=(
        _EPISODES,
        """
calendar AS (SELECT DISTINCT month FROM events),
changes AS (
    SELECT episode, month, kind <> 'episode:close' AS open,
           LEAD(month) OVER (PARTITION BY episode ORDER BY occurred_at, event_id) AS next_month
    FROM events
    WHERE stream = 'episode'
      AND kind IN ('episode:identify', 'episode:close', 'episode:reopen', 'episode:reenter')
)""",
        f"""
cohort AS (
    SELECT e.scheme_id, e.region, c.month,
           DATE_DIFF('microsecond', e.identified_at, {MONTH_END})
               > CAST({LONG_OPEN_DAYS} AS BIGINT) * 86400000000 AS long_open
    FROM changes AS s
    JOIN calendar AS c ON s.month <= c.month AND (s.next_month IS NULL OR s.next_month > c.month)
    JOIN episodes AS e ON e.episode = s.episode
    WHERE s.open
)""",
    ),
    num="long_open",
    numerator=f"those open more than {LONG_OPEN_DAYS} days",
)
