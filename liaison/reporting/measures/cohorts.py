"""Outcomes by cohort: people grouped by the month L&D first met them, followed forward (ADR 0034).

A cohort is the people whose *first contact* (their first identification over all the store's
history, the *index episode*) falls in a month, counted in the scheme of that episode, with the
age band it recorded and the needs it found. The same linked person is the store's person
pseudonym, with merges applied (a `person:merge` folds `merged_id` into `into_id`, or into the
person of its row when an older event has no `into_id`; it is written on both records, and both
copies say the same; a later `person:unmerge` of the same record undoes it). Re-contact is a new episode for the same
linked person: re-contact with liaison and diversion, which is not reoffending (people are met
again for many reasons, and many who reoffend are never met again). A cohort whose window has not
closed as of the data (the latest event in the store) has no figure for it: not known yet, never 0.

Every measure here returns, besides level, area and month (the cohort's month), `breakdown`
("all", "age_band" or "need") and `category` (the band, the domain, or "all"); a person with two
needs is in both needs' rows.
"""

from __future__ import annotations

from liaison.reporting.measures.definitions import (
    AREA,
    COHORTS,
    LEVELS,
    Measure,
    Relation,
    _by_level,
    percentile,
    register,
    relation,
    with_,
)
from liaison.reporting.measures.facts import CLOSURE_READS, MERGE_READS, NEEDS, NEEDS_READ, STANDING_CLOSURES
from liaison.reporting.measures.quality import MONTH_END

DAY = 86_400_000_000  # microseconds
# Months of the windows and the days each is taken to be (a whole number of days, so that both
# engines compare the same integers; 3 months is 91 days, a quarter of a 364-day year and a day).
WINDOWS = ((3, 91), (6, 182), (12, 365))
BY = ("breakdown", "category")
CATEGORY = ", breakdown, category"

COHORT_PEOPLE = relation(
    Relation(
        name="cohort_people",
        version=2,
        description=(
            "One row per linked person (their person pseudonym, merges applied): the index episode (their "
            "first identification) with its scheme, region, age band, moment and month, and the time to "
            "their next new episode (re-contact with liaison and diversion), if any."
        ),
        reads=("episode:identify", *MERGE_READS),
        sql="""
WITH contacts AS (
    SELECT e.episode_key, COALESCE(l.linked_person, e.person) AS linked_person, e.scheme_id, e.region,
           e.age_band, e.month, e.occurred_at AS identified_at,
           ROW_NUMBER() OVER (
               PARTITION BY COALESCE(l.linked_person, e.person) ORDER BY e.occurred_at, e.event_id
           ) AS nth
    FROM events AS e
    LEFT JOIN person_links AS l ON l.person = e.person
    WHERE e.stream = 'episode' AND e.kind = 'episode:identify' AND e.person IS NOT NULL
),
next_contact AS (SELECT linked_person, identified_at AS next_at FROM contacts WHERE nth = 2)
SELECT c.episode_key, c.linked_person, c.scheme_id, c.region, c.age_band, c.month, c.identified_at,
       DATE_DIFF('microsecond', c.identified_at, n.next_at) AS recontact_after
FROM contacts AS c LEFT JOIN next_contact AS n ON n.linked_person = c.linked_person
WHERE c.nth = 1""",
        uses=("person_links",),
    )
)


def _grouped(columns: str, *, source: str = "cohort") -> str:
    """`grouped`: each cohort row once for all, once for its age band and once per need (or
    "none recorded"), with `columns` (expressions over `x`)."""
    return f"""
grouped AS (
    SELECT x.scheme_id, x.region, x.month, 'all' AS breakdown, 'all' AS category, {columns} FROM {source} AS x
    UNION ALL
    SELECT x.scheme_id, x.region, x.month, 'age_band' AS breakdown, COALESCE(x.age_band, 'not recorded') AS category,
           {columns}
    FROM {source} AS x
    UNION ALL
    SELECT x.scheme_id, x.region, x.month, 'need' AS breakdown, COALESCE(n.domain, 'none recorded') AS category,
           {columns}
    FROM {source} AS x LEFT JOIN needs AS n ON n.episode_key = x.episode_key
)"""


def _counted(cohort: str, figures: tuple[str, ...]) -> str:
    """The cohort's `figures` (0/1 columns of `cohort`) summed per level, area, month and group."""
    summed = ", ".join(f"SUM({f}) AS {f}" for f in figures)
    return with_(
        LEVELS,
        cohort,
        _grouped(", ".join(f"x.{f}" for f in figures)),
        f"""
per_scheme AS (
    SELECT scheme_id, region, month{CATEGORY}, {summed}
    FROM grouped
    GROUP BY scheme_id, region, month{CATEGORY}
)""",
    ) + _by_level("per_scheme", ", ".join(f"CAST(SUM({f}) AS BIGINT) AS {f}" for f in figures), CATEGORY)


def _cohort(name: str, description: str, reads: tuple[str, ...], sql: str, columns: tuple[str, ...]) -> Measure:
    return register(
        Measure(
            name=name,
            version=1,
            description=description,
            reads=("episode:identify", *MERGE_READS, *NEEDS_READ, *reads),
            sql=sql,
            columns=columns,
            by=BY,
            uses=(COHORT_PEOPLE.name, NEEDS.name, *((STANDING_CLOSURES.name,) if "standing_closures" in sql else ())),
        ),
        catalogue=COHORTS,
    )


_WITHIN = ", ".join(
    f"CASE WHEN recontact_after <= CAST({days} AS BIGINT) * {DAY} THEN 1 ELSE 0 END AS within_{months}"
    for months, days in WINDOWS
)
_SHOWN = ", ".join(
    f"CASE WHEN w.after_end >= CAST({days} AS BIGINT) * {DAY} THEN b.within_{months} END AS recontact_{months}_months"
    for months, days in WINDOWS
)

RECONTACT = _cohort(
    "cohort_recontact",
    (
        "People first met by L&D in the month (the cohort), and how many had a new episode (re-contact with "
        "liaison and diversion, not reoffending) within 3, 6 and 12 months (91, 182 and 365 days) of "
        "their first identification. A window is known once it has passed for the whole cohort (from the "
        "end of the month, London time) as of the latest event in the store; until then it has no figure."
    ),
    (),
    f"""SELECT b.level, b.area, b.month, b.breakdown, b.category, b.people, {_SHOWN}
FROM ({
        _counted(
            f"cohort AS (SELECT scheme_id, region, month, episode_key, age_band, 1 AS people, {_WITHIN} "
            "FROM cohort_people)",
            ("people", *(f"within_{m}" for m, _ in WINDOWS)),
        )
    }) AS b
JOIN (
    SELECT c.month, DATE_DIFF('microsecond', {MONTH_END}, a.as_of) AS after_end
    FROM (SELECT DISTINCT month FROM cohort_people) AS c CROSS JOIN (SELECT MAX(occurred_at) AS as_of FROM events) AS a
) AS w ON w.month = b.month""",
    ("people", *(f"recontact_{m}_months" for m, _ in WINDOWS)),
)

REFERRAL_ENGAGEMENT = _cohort(
    "cohort_referral_engagement",
    (
        "Of the people in the cohort, those referred in their index episode (a referral not voided), and "
        "of those, the people whose first appointment with a recorded attendance was attended (on any of "
        "the episode's referrals) and who engaged with a service they were referred to."
    ),
    ("episode:refer", "referral:update"),
    _counted(
        """refers AS (
    SELECT episode_key, referral_id FROM events WHERE stream = 'episode' AND kind = 'episode:refer' AND NOT voided
),
attendances AS (
    SELECT referral_id, transition,
           ROW_NUMBER() OVER (PARTITION BY referral_id ORDER BY occurred_at, event_id) AS nth
    FROM events
    WHERE stream = 'episode' AND kind = 'referral:update' AND transition IN ('attend', 'did_not_attend')
),
engagements AS (
    SELECT DISTINCT referral_id FROM events
    WHERE stream = 'episode' AND kind = 'referral:update' AND transition = 'engage'
),
per_episode AS (
    SELECT r.episode_key, MAX(CASE WHEN a.transition = 'attend' THEN 1 ELSE 0 END) AS attended,
           MAX(CASE WHEN g.referral_id IS NOT NULL THEN 1 ELSE 0 END) AS engaged
    FROM refers AS r
    LEFT JOIN attendances AS a ON a.referral_id = r.referral_id AND a.nth = 1
    LEFT JOIN engagements AS g ON g.referral_id = r.referral_id
    GROUP BY r.episode_key
),
cohort AS (
    SELECT c.scheme_id, c.region, c.month, c.episode_key, c.age_band, 1 AS people,
           CASE WHEN p.episode_key IS NULL THEN 0 ELSE 1 END AS referred,
           COALESCE(p.attended, 0) AS attended_first_appointment, COALESCE(p.engaged, 0) AS engaged
    FROM cohort_people AS c LEFT JOIN per_episode AS p ON p.episode_key = c.episode_key
)""",
        ("people", "referred", "attended_first_appointment", "engaged"),
    ),
    ("people", "referred", "attended_first_appointment", "engaged"),
)

CUSTODIAL = ("custodial",)
# Sentences served in the community (SentenceType): a suspended sentence order is served in the
# community unless breached.
COMMUNITY = (
    "suspended",
    "community_order",
    "community_order_treatment",
    "youth_rehabilitation_order",
    "referral_order",
)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


SENTENCES = _cohort(
    "cohort_sentences",
    (
        "Of the people in the cohort whose index episode closed (the closure still standing) with the "
        "justice outcome sentenced: those given immediate custody (custodial), and those given a "
        "sentence served in the community (a community order, with or without a treatment requirement, "
        "a youth rehabilitation order, a referral order, or a suspended sentence order). Other sentences "
        "(hospital order, fine, discharge, other, or not recorded) are the rest."
    ),
    CLOSURE_READS,
    _counted(
        f"""cohort AS (
    SELECT c.scheme_id, c.region, c.month, c.episode_key, c.age_band, 1 AS sentenced,
           CASE WHEN s.sentence_type IN {_in(CUSTODIAL)} THEN 1 ELSE 0 END AS custodial,
           CASE WHEN s.sentence_type IN {_in(COMMUNITY)} THEN 1 ELSE 0 END AS community
    FROM cohort_people AS c JOIN standing_closures AS s ON s.episode_key = c.episode_key
    WHERE s.justice_outcome = 'sentenced'
)""",
        ("sentenced", "custodial", "community"),
    ),
    ("sentenced", "custodial", "community"),
)

# hundredths of microseconds (from `percentile`) to days
TO_DAYS = f"CAST({DAY * 100} AS DOUBLE)"

TIME_TO_DISPOSAL = _cohort(
    "cohort_time_to_disposal",
    (
        "Of the people in the cohort whose index episode closed (the closure still standing) with a "
        "justice outcome recorded (not 'not known'): how many, and the median days from identification "
        "to that closure (linear interpolation between closest ranks)."
    ),
    CLOSURE_READS,
    with_(
        LEVELS,
        """cohort AS (
    SELECT c.scheme_id, c.region, c.month, c.episode_key, c.age_band,
           DATE_DIFF('microsecond', c.identified_at, s.at) AS wait
    FROM cohort_people AS c JOIN standing_closures AS s ON s.episode_key = c.episode_key
    WHERE COALESCE(s.justice_outcome, '') NOT IN ('', 'not_known')
)""",
        _grouped("x.wait"),
        f"""
placed AS (
    SELECT l.level, {AREA} AS area, x.month, x.breakdown, x.category, x.wait
    FROM grouped AS x CROSS JOIN levels AS l
),
ranked AS (
    SELECT level, area, month, breakdown, category, wait,
           ROW_NUMBER() OVER (PARTITION BY level, area, month, breakdown, category ORDER BY wait) - 1 AS i,
           COUNT(*) OVER (PARTITION BY level, area, month, breakdown, category) AS n
    FROM placed
    WHERE area IS NOT NULL
)""",
    )
    + f"""
SELECT level, area, month, breakdown, category, CAST(MAX(n) AS BIGINT) AS disposed,
       CAST({percentile(50)} AS DOUBLE) / {TO_DAYS} AS median_days
FROM ranked
GROUP BY level, area, month, breakdown, category""",
    ("disposed", "median_days"),
)

__all__ = ["COHORTS", "RECONTACT", "REFERRAL_ENGAGEMENT", "SENTENCES", "TIME_TO_DISPOSAL", "WINDOWS"]
