"""Needs: the vulnerability domains found in screening, as the practitioners decided them."""

from __future__ import annotations

from liaison.reporting.measures.definitions import Measure, count, rate, register
from liaison.reporting.measures.facts import EPISODE_FACTS, NEEDS, NEEDS_READ, NEEDS_RULE

WITH_A_NEED = rate(
    "identified_with_a_need",
    description="Of the episodes identified in the month, those with at least one need. " + NEEDS_RULE,
    reads=("episode:identify", *NEEDS_READ),
    ctes=(
        """
cohort AS (
    SELECT e.scheme_id, e.region, e.month, n.episode_key IS NOT NULL AS needy
    FROM episode_facts AS e LEFT JOIN (SELECT DISTINCT episode_key FROM needs) AS n ON n.episode_key = e.episode_key
)""",
    ),
    cohort="cohort",
    num="needy",
    numerator="those with at least one need (confirmed or suspected)",
    uses=(EPISODE_FACTS.name, NEEDS.name),
)

BY_VULNERABILITY = register(
    Measure(
        name="identified_by_vulnerability",
        version=1,
        description=(
            "Episodes identified in the month with a need in each vulnerability domain (Vulnerability "
            "code); an episode counts once in every domain it has a need in. " + NEEDS_RULE
        ),
        reads=("episode:identify", *NEEDS_READ),
        sql=count(
            "(SELECT e.scheme_id, e.region, e.month, n.domain "
            "FROM needs AS n JOIN episode_facts AS e USING (episode_key))",
            by=("domain",),
        ),
        by=("domain",),
        uses=(EPISODE_FACTS.name, NEEDS.name),
    )
)
