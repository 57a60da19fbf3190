"""Outcomes: how episodes ended, for the person and in the justice system."""

from __future__ import annotations

from liaison.reporting.measures.definitions import Measure, count, register
from liaison.reporting.measures.facts import CLOSURE_READS, STANDING_CLOSURES


def _closed_by(name: str, *, what: str, field_name: str) -> Measure:
    return register(
        Measure(
            name=name,
            version=1,
            description=(
                f"Episodes whose closure falls in the month and still stands (not reopened or re-entered "
                f"since), by {what}."
            ),
            reads=CLOSURE_READS,
            sql=count(
                f"""(SELECT scheme_id, region, month, COALESCE(NULLIF({field_name}, ''), 'not recorded') AS {field_name}
                FROM standing_closures)""",
                by=(field_name,),
            ),
            by=(field_name,),
            uses=(STANDING_CLOSURES.name,),
        )
    )


CLOSED_BY_LD_OUTCOME = _closed_by(
    "closed_by_ld_outcome", what="L&D outcome (diverted out of or within the justice system)", field_name="ld_outcome"
)
CLOSED_BY_JUSTICE_OUTCOME = _closed_by(
    "closed_by_justice_outcome", what="justice outcome", field_name="justice_outcome"
)
