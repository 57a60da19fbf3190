"""The relations: the facts several measures read, each computed once per run (ADR 0016)."""

from __future__ import annotations

from liaison.reporting.measures.definitions import SCREENINGS, Relation, in_, relation

ASSESSMENTS = ("episode:assess",)
REFERRALS = ("episode:refer",)


def _first(kinds: tuple[str, ...], what: str) -> str:
    """Columns of the first not-voided event of these kinds: its moment and its month (a later
    moment is never in an earlier month, so the month of the first is the least month)."""
    test = f"kind IN {in_(kinds)}"
    return f"""MIN(CASE WHEN {test} THEN occurred_at END) AS {what}_at,
           MIN(CASE WHEN {test} THEN month END) AS {what}_month"""


MERGE_READS = ("person:merge", "person:unmerge")

# A merged record counts as the record it was folded into. A `person:merge` folds `merged_id`
# into `into_id` (or into the person of its row, when an older event has no `into_id`); it is
# written on both records and both copies say the same; a later `person:unmerge` of the same
# record undoes it. Two steps are followed (a record merged into one that was merged in turn).
PERSON_LINKS = relation(
    Relation(
        name="person_links",
        version=1,
        description=(
            "One row per person pseudonym merged into another and not unmerged since (`person`), with the "
            "pseudonym of the record it now counts as (`linked_person`)."
        ),
        reads=MERGE_READS,
        sql="""
WITH merge_events AS (
    SELECT COALESCE(JSON_EXTRACT_STRING(data, '$.into_id'), person) AS survivor,
           JSON_EXTRACT_STRING(data, '$.merged_id') AS merged, kind,
           ROW_NUMBER() OVER (
               PARTITION BY JSON_EXTRACT_STRING(data, '$.merged_id') ORDER BY occurred_at DESC, event_id DESC
           ) AS newest
    FROM events
    WHERE stream = 'person' AND kind IN ('person:merge', 'person:unmerge')
),
links AS (SELECT merged, survivor FROM merge_events WHERE newest = 1 AND kind = 'person:merge')
SELECT l1.merged AS person, COALESCE(l2.survivor, l1.survivor) AS linked_person
FROM links AS l1 LEFT JOIN links AS l2 ON l2.merged = l1.survivor""",
    )
)

EPISODE_FACTS = relation(
    Relation(
        name="episode_facts",
        version=2,
        description=(
            "One row per episode (`episode_key`): its identification (the one `episode:identify`: "
            "the person's key and linked person (merges applied, `person_links`), scheme, region, age "
            "band, sex, ethnic group, point of contact, source of "
            "referral, target, whether an NHS number is known, the moment and its month), and the "
            "moment and month of its first screening (brief screen or instrument), first assessment "
            "and first referral, leaving out entries that were voided."
        ),
        reads=("episode:identify", *SCREENINGS, *ASSESSMENTS, *REFERRALS, *MERGE_READS),
        sql=f"""
WITH identified AS (
    SELECT e.episode_key, e.person_key, COALESCE(l.linked_person, e.person) AS linked_person, e.scheme_id,
           e.region, e.age_band, e.sex, e.ethnic_group, e.month, e.occurred_at AS identified_at, e.target_minutes,
           e.nhs_number_known, e.point_of_contact, e.referral_source
    FROM events AS e LEFT JOIN person_links AS l ON l.person = e.person
    WHERE e.stream = 'episode' AND e.kind = 'episode:identify'
),
firsts AS (
    SELECT episode_key,
           {_first(SCREENINGS, "screened")},
           {_first(ASSESSMENTS, "assessed")},
           {_first(REFERRALS, "referred")}
    FROM events
    WHERE stream = 'episode' AND kind IN {in_((*SCREENINGS, *ASSESSMENTS, *REFERRALS))} AND NOT voided
    GROUP BY episode_key
)
SELECT i.*, f.screened_at, f.screened_month, f.assessed_at, f.assessed_month, f.referred_at, f.referred_month
FROM identified AS i LEFT JOIN firsts AS f ON f.episode_key = i.episode_key""",
        uses=("person_links",),
    )
)

# liaison.core.vocabulary.RETIRED_VULNERABILITIES: facts about the person that old events once
# recorded as findings; they are not needs.
RETIRED_DOMAINS = ("young_person", "woman")
NEED_STATUSES = ("confirmed", "suspected")
NEEDS_READ = (*SCREENINGS, "finding:decide")

NEEDS_RULE = (
    "A need is a domain whose latest statement is confirmed or suspected: a finding recorded in a "
    "screening or an instrument (not voided), or a practitioner's decision on a suggested finding "
    "(confirmed or changed: the status decided; rejected: no need), the later one winning (by time "
    "of occurrence). A decision on a finding of a voided instrument, and a suggestion not yet "
    "decided, count for nothing; a later statement of ruled out or not known ends the need; the "
    "retired codes (young person, woman: facts about the person, not needs) are left out. "
    "Needs are as recorded to date."
)

# Per episode and domain, the status of its latest statement: a finding recorded in a screening
# or an instrument that is not voided (the store's `findings`: domain and status of each), or a
# decision on a suggested finding (confirm or change: the status decided; reject: 'rejected')
# whose instrument was not voided since. A suggestion awaiting a decision states nothing.
NEEDS = relation(
    Relation(
        name="needs",
        version=1,
        description="One row per episode (`episode_key`) and vulnerability domain it has a need in. " + NEEDS_RULE,
        reads=NEEDS_READ,
        sql=f"""
WITH listed AS (
    SELECT episode_key, occurred_at, event_id, UNNEST(findings) AS finding
    FROM events
    WHERE stream = 'episode' AND kind IN {in_(SCREENINGS)} AND NOT voided
),
screenings AS (
    SELECT event_id, voided FROM events WHERE stream = 'episode' AND kind IN {in_(SCREENINGS)}
),
statements AS (
    SELECT x.episode_key, x.occurred_at AS stated_at, x.event_id, x.finding.domain AS domain, x.finding.status AS status
    FROM listed AS x
    UNION ALL
    SELECT d.episode_key, d.occurred_at AS stated_at, d.event_id, d.domain,
           CASE WHEN d.decision = 'rejected' THEN 'rejected' ELSE d.status END AS status
    FROM events AS d LEFT JOIN screenings AS s ON s.event_id = d.decides_event_id
    WHERE d.stream = 'episode' AND d.kind = 'finding:decide' AND NOT COALESCE(s.voided, FALSE)
),
latest AS (
    SELECT episode_key, domain, status,
           ROW_NUMBER() OVER (PARTITION BY episode_key, domain ORDER BY stated_at DESC, event_id DESC) AS newest
    FROM statements
    WHERE domain IS NOT NULL AND domain NOT IN {in_(RETIRED_DOMAINS)}
)
SELECT episode_key, domain FROM latest WHERE newest = 1 AND status IN {in_(NEED_STATUSES)}""",
    )
)

CLOSURE_READS = ("episode:close", "episode:reopen", "episode:reenter")

STANDING_CLOSURES = relation(
    Relation(
        name="standing_closures",
        version=2,
        description=(
            "One row per episode whose latest closure still stands (no reopening or re-entry at or "
            "after it): that closure's scheme, region, month, L&D outcome, justice outcome and type of "
            "sentence (for a sentence)."
        ),
        reads=CLOSURE_READS,
        sql="""
WITH closures AS (
    SELECT episode_key, occurred_at AS at, month, scheme_id, region, ld_outcome, justice_outcome,
           JSON_EXTRACT_STRING(data, '$.sentence_type') AS sentence_type,
           ROW_NUMBER() OVER (PARTITION BY episode_key ORDER BY occurred_at DESC, event_id DESC) AS newest
    FROM events
    WHERE stream = 'episode' AND kind = 'episode:close'
),
returns AS (
    SELECT episode_key, MAX(occurred_at) AS at
    FROM events
    WHERE stream = 'episode' AND kind IN ('episode:reopen', 'episode:reenter')
    GROUP BY episode_key
)
SELECT c.episode_key, c.at, c.month, c.scheme_id, c.region, c.ld_outcome, c.justice_outcome, c.sentence_type
FROM closures AS c LEFT JOIN returns AS r ON r.episode_key = c.episode_key
WHERE c.newest = 1 AND (r.at IS NULL OR r.at < c.at)""",
    )
)
