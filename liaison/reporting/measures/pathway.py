"""The pathway: who was identified, and who went on to be screened, assessed and referred."""

from __future__ import annotations

from collections.abc import Sequence

from liaison.reporting.measures.definitions import (
    ADULT_BANDS,
    SCREENINGS,
    TO_MINUTES,
    YOUNG_PERSON_BAND,
    Measure,
    count,
    count_distinct,
    in_,
    percentile,
    rate,
    register,
    with_,
)
from liaison.reporting.measures.facts import ASSESSMENTS, EPISODE_FACTS, MERGE_READS, REFERRALS

FACTS = (EPISODE_FACTS.name,)


def _identified(name: str, description: str, sql: str, *, version: int = 1, reads: tuple[str, ...] = ()) -> Measure:
    return register(
        Measure(
            name=name,
            version=version,
            description=description,
            reads=("episode:identify", *reads),
            sql=sql,
            uses=FACTS,
        )
    )


IDENTIFIED = _identified("identified", "Episodes whose identification falls in the month.", count("episode_facts"))
PEOPLE = _identified(
    "people",
    "Distinct people among the episodes identified in the month: person pseudonyms, a record merged "
    "into another counted as that one (linkage: the same person found under two records).",
    count_distinct("episode_facts", "linked_person"),
    version=2,
    reads=MERGE_READS,
)
ADULTS = _identified(
    "identified_adults",
    "Episodes identified in the month of people aged 18 or over at identification.",
    count("episode_facts", where=f"x.age_band IN {in_(ADULT_BANDS)}"),
)
CHILDREN = _identified(
    "identified_children_young_people",
    "Episodes identified in the month of children and young people (10 to 17 at identification).",
    count("episode_facts", where=f"x.age_band = '{YOUNG_PERSON_BAND}'"),
)


def _first_stage(name: str, noun: str, stage: str, kinds: Sequence[str]) -> Measure:
    return register(
        Measure(
            name=name,
            version=1,
            description=(
                f"Episodes whose first {noun} (not voided) falls in the month, "
                "counted in the scheme and region of the episode."
            ),
            reads=("episode:identify", *kinds),
            sql=count(
                f"(SELECT scheme_id, region, {stage}_month AS month FROM episode_facts WHERE {stage}_month IS NOT NULL)"
            ),
            uses=FACTS,
        )
    )


SCREENED = _first_stage("screened", "screening (brief screen or instrument)", "screened", SCREENINGS)
ASSESSED = _first_stage("assessed", "assessment", "assessed", ASSESSMENTS)
REFERRED = _first_stage("referred", "referral", "referred", REFERRALS)


def _conversion(name: str, *, numerator: str, denominator: str, num: str, den: str, reads: Sequence[str]) -> Measure:
    return rate(
        name,
        description=f"Of the episodes identified in the month: {numerator}, out of {denominator} (to date).",
        reads=("episode:identify", *reads),
        ctes=(
            """
cohort AS (
    SELECT scheme_id, region, month,
           screened_at IS NOT NULL AS screened,
           screened_at IS NOT NULL AND assessed_at IS NOT NULL AS assessed,
           referred_at IS NOT NULL AS referred
    FROM episode_facts
)""",
        ),
        cohort="cohort",
        num=num,
        den=den,
        numerator=numerator,
        denominator=denominator,
        uses=FACTS,
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
    reads=(*SCREENINGS, *ASSESSMENTS),
)
REFERRED_RATE = _conversion(
    "referred_of_identified",
    numerator="those referred",
    denominator="all of them",
    num="referred",
    den="TRUE",
    reads=REFERRALS,
)


def _ranked(level: str, area: str, partition: str, *, where: str = "TRUE") -> str:
    return f"""SELECT {level} AS level, {area} AS area, month, wait,
           ROW_NUMBER() OVER (PARTITION BY {partition}month ORDER BY wait) - 1 AS i,
           COUNT(*) OVER (PARTITION BY {partition}month) AS n
    FROM waits
    WHERE {where}"""


def _ranks(k: int) -> str:
    """The two ranks the k-th percentile interpolates between (see `percentile`)."""
    return f"((n - 1) * {k}) // 100, ((n - 1) * {k}) // 100 + 1"


TIMELINESS = register(
    Measure(
        name="time_to_screening",
        version=1,
        description=(
            "For episodes first screened in the month: how many, and the median and 90th percentile "
            "minutes from identification to first screening (linear interpolation between closest ranks)."
        ),
        reads=("episode:identify", *SCREENINGS),
        sql=with_(
            """
waits AS (
    SELECT scheme_id, region, screened_month AS month, DATE_DIFF('microsecond', identified_at, screened_at) AS wait
    FROM episode_facts
    WHERE screened_at IS NOT NULL
)""",
            # Ranked within each area at each level, by the area's own columns (a scheme's number,
            # a region's code, the month alone for England) rather than a text key for all three.
            f"""
ranked AS (
    {_ranked("'scheme'", "CAST(scheme_id AS VARCHAR)", "scheme_id, ", where="scheme_id IS NOT NULL")}
    UNION ALL
    {_ranked("'region'", "region", "region, ", where="region IS NOT NULL")}
    UNION ALL
    {_ranked("'england'", "'England'", "")}
)""",
        )
        + f"""
SELECT level, area, month, MAX(n) AS episodes,
       CAST({percentile(50)} AS DOUBLE) / {TO_MINUTES} AS median_minutes,
       CAST({percentile(90)} AS DOUBLE) / {TO_MINUTES} AS p90_minutes
FROM ranked
-- Only the ranks the percentiles read (and one row per area, for its count).
WHERE i IN ({_ranks(50)}, {_ranks(90)}) OR i = 0
GROUP BY level, area, month""",
        columns=("episodes", "median_minutes", "p90_minutes"),
        uses=FACTS,
    )
)

WITHIN_TARGET = rate(
    "screened_within_target",
    description=(
        "Of the episodes first screened in the month (not voided), those screened within the target "
        "the episode was given at identification (the site's response target for the point of contact "
        "then, or LIAISON_DEFAULT_RESPONSE_TARGET_MINUTES; the store's `target_minutes`): from "
        "identification to first screening no longer than the target."
    ),
    reads=("episode:identify", *SCREENINGS),
    ctes=(
        """
cohort AS (
    SELECT scheme_id, region, screened_month AS month,
           DATE_DIFF('microsecond', identified_at, screened_at) <= CAST(target_minutes AS BIGINT) * 60000000
               AS within
    FROM episode_facts
    WHERE screened_at IS NOT NULL
)""",
    ),
    cohort="cohort",
    num="within",
    numerator="those screened within the target",
    uses=FACTS,
)


def _breakdown(name: str, *, what: str, by: str) -> Measure:
    return register(
        Measure(
            name=name,
            version=1,
            description=f"Episodes identified in the month, by {what}.",
            reads=("episode:identify",),
            sql=count(f"(SELECT scheme_id, region, month, {by} FROM episode_facts)", by=(by,)),
            by=(by,),
            uses=FACTS,
        )
    )


BY_POINT_OF_CONTACT = _breakdown(
    "identified_by_point_of_contact", what="point of contact (PointOfContact code)", by="point_of_contact"
)
BY_REFERRAL_SOURCE = _breakdown(
    "identified_by_referral_source", what="source of referral (NHS Data Dictionary code)", by="referral_source"
)
BY_AGE_BAND = _breakdown("identified_by_age_band", what="age band at identification", by="age_band")
BY_SEX = _breakdown("identified_by_sex", what="sex (NHS code)", by="sex")
BY_ETHNIC_GROUP = _breakdown(
    "identified_by_ethnic_group",
    what="ethnic group (the five census groups, not stated, not known)",
    by="ethnic_group",
)
