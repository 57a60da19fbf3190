"""Data quality: what is missing from the records, and episodes left open."""

from __future__ import annotations

from liaison.reporting.measures.definitions import Measure, rate
from liaison.reporting.measures.facts import EPISODE_FACTS


def _of_identified(name: str, *, what: str, num: str, numerator: str) -> Measure:
    """A share of the episodes identified in the month, from the person's record as it is now."""
    return rate(
        name,
        description=f"Of the episodes identified in the month, those whose {what} (as the person's record says now).",
        reads=("episode:identify", "person:create", "person:change"),
        cohort="episode_facts",
        num=num,
        numerator=numerator,
        uses=(EPISODE_FACTS.name,),
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

OPEN_LONG = rate(
    "open_over_90_days",
    description=(
        f"Of the episodes open at the end of the month (identified, or reopened or re-entered since "
        f"their last closure, by then), those identified more than {LONG_OPEN_DAYS} days ({LONG_OPEN_DAYS} "
        "times 24 hours) before the end of the month (midnight, London time). Months are those the "
        "store holds events in; the current month's figure is as of now."
    ),
    reads=("episode:identify", "episode:close", "episode:reopen", "episode:reenter"),
    ctes=(
        """
calendar AS (SELECT DISTINCT month FROM events),
changes AS (
    SELECT episode_key, month, kind <> 'episode:close' AS open,
           LEAD(month) OVER (PARTITION BY episode_key ORDER BY occurred_at, event_id) AS next_month
    FROM events
    WHERE stream = 'episode'
      AND kind IN ('episode:identify', 'episode:close', 'episode:reopen', 'episode:reenter')
),
-- Open from the month of an opening to the month before the next change: most episodes close
-- in the month they open and are open at no month's end.
spans AS (
    SELECT episode_key, month, next_month FROM changes
    WHERE open AND (next_month IS NULL OR next_month > month)
)""",
        f"""
cohort AS (
    SELECT e.scheme_id, e.region, c.month,
           DATE_DIFF('microsecond', e.identified_at, {MONTH_END})
               > CAST({LONG_OPEN_DAYS} AS BIGINT) * 86400000000 AS long_open
    FROM spans AS s
    JOIN calendar AS c ON s.month <= c.month AND (s.next_month IS NULL OR s.next_month > c.month)
    JOIN episode_facts AS e ON e.episode_key = s.episode_key
)""",
    ),
    cohort="cohort",
    num="long_open",
    numerator=f"those open more than {LONG_OPEN_DAYS} days",
    uses=(EPISODE_FACTS.name,),
)
