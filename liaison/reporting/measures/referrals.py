"""Referrals and information shares: what L&D did for the person with other services and agencies."""

from __future__ import annotations

from liaison.reporting.measures.definitions import AREA, LEVELS, Measure, count, register, with_

REFERRALS_MADE = register(
    Measure(
        name="referrals_made",
        version=1,
        description="Referrals made in the month (not voided), by type of service, counted in the episode's scheme.",
        reads=("episode:refer",),
        sql=count(
            """(SELECT scheme_id, region, month, COALESCE(service_type, 'not recorded') AS service_type
                FROM events
                WHERE stream = 'episode' AND kind = 'episode:refer' AND NOT voided)""",
            by=("service_type",),
        ),
        by=("service_type",),
    )
)

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
        sql=with_(
            LEVELS,
            """
refers AS (
    SELECT referral_id, scheme_id, region, month
    FROM events
    WHERE stream = 'episode' AND kind = 'episode:refer' AND NOT voided
),
updates AS (
    SELECT referral_id, month, transition, COALESCE(accompanied, FALSE) AS accompanied,
           CASE WHEN transition IN ('attend', 'did_not_attend') THEN 'attendance' ELSE transition END AS step,
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
    SELECT r.scheme_id, r.region, f.month, f.transition AS step, f.accompanied
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
FROM (SELECT l.level, {AREA} AS area, x.* FROM steps AS x CROSS JOIN levels AS l) AS counted
WHERE area IS NOT NULL
GROUP BY level, area, month""",
        columns=("made", "accepted", "first_appointment_attended", "engaged", "accompanied_to_first_appointment"),
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
        sql=count(
            """(SELECT scheme_id, region, month, agency, purpose, basis
                FROM events
                WHERE stream = 'episode' AND kind = 'share:make' AND NOT voided)""",
            by=("agency", "purpose", "basis"),
        ),
        by=("agency", "purpose", "basis"),
    )
)
