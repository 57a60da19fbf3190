"""The measures: versioned definitions, each one SQL query run on DuckDB or on Spark.

A definition's SQL is written once, in DuckDB's dialect, over one table `events` (the analytics
store, ADR 0011: one row per pseudonymised event, with the Hive partition `month` as a column,
the month of `occurred_at` in Europe/London) and the relations of `facts` (ADR 0016). DuckDB
runs it as written; for Spark it is transpiled with SQLGlot (ADR 0012). `definitions` says what
a definition is; the catalogue is in the other modules, one per area of the return. Figures are
true counts: whatever publishes them passes them through `liaison.reporting.disclosure`.
"""

from __future__ import annotations

# The catalogue registers itself in the order of the return: pathway, needs, referrals,
# outcomes, quality; then the outcomes by cohort (a catalogue of their own, ADR 0034).
# isort: off
from liaison.reporting.measures import pathway, needs, referrals, outcomes, quality, cohorts  # noqa: F401

# isort: on
from liaison.reporting.measures.definitions import (
    ADULT_BANDS,
    COHORTS,
    REGISTRY,
    RELATIONS,
    SCREENINGS,
    YOUNG_PERSON_BAND,
    Engine,
    Measure,
    Relation,
    Row,
    relations_for,
)
from liaison.reporting.measures.facts import RETIRED_DOMAINS
from liaison.reporting.measures.quality import MONTH_END

__all__ = [
    "ADULT_BANDS",
    "COHORTS",
    "MONTH_END",
    "REGISTRY",
    "RELATIONS",
    "RETIRED_DOMAINS",
    "SCREENINGS",
    "YOUNG_PERSON_BAND",
    "Engine",
    "Measure",
    "Relation",
    "Row",
    "relations_for",
]
