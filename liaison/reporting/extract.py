"""The national analyst's extract: record-level, pseudonymised, as Parquet or CSV.

Two tables from the analytics store (never the operational database): `events`, the episode
and person streams' events with their whitelisted payloads, and `episodes`, one row per episode
with its milestones. Both carry only what the store carries (keyed pseudonyms, age band, sex,
ethnic group, region), and leave out the operational row ids (`event_id`, `voids_event_id`,
`subject_id`), which would link a row back to the identifiable record for anyone holding the
database. The network's own streams (staff memberships, the directory) are not in it.

`COLUMNS` documents every column; the data dictionary page is generated from it, the event
catalogue, the whitelist and the measures.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from liaison.reporting.engines import duckdb_connection, has_months
from liaison.reporting.measures.facts import EPISODE_FACTS, PERSON_LINKS, STANDING_CLOSURES

Table = Literal["events", "episodes"]
Format = Literal["parquet", "csv"]
TABLES: tuple[Table, ...] = ("events", "episodes")
FORMATS: tuple[Format, ...] = ("parquet", "csv")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


_COMMON = (
    Column("episode", "text", "The episode's keyed pseudonym (HMAC-SHA256; stable until the key is rotated)"),
    Column(
        "person",
        "text",
        "The person's keyed pseudonym: the same person in every episode and scheme (a record merged into"
        " another carries that one's)",
    ),
    Column("scheme_id", "integer", "The scheme whose episode it is (the network's id, public)"),
    Column("region", "text", "The scheme's NHS England region code"),
    Column(
        "local_authority",
        "text",
        "ONS code of the local authority the scheme covered that day, when it covered one (never the person's home)",
    ),
    Column(
        "police_force_area",
        "text",
        "ONS code of the police force area the scheme covered that day, when its footprint lay in one",
    ),
    Column("age_band", "text", "Age band at identification: 10-17, 18-24, ..., 65 and over"),
    Column("sex", "text", "NHS Data Dictionary person stated gender code"),
    Column("ethnic_group", "text", "The five census groups, or Not stated / Not known"),
    Column("nhs_number_known", "boolean", "Whether the person's NHS number is recorded (never the number)"),
    Column("target_minutes", "integer", "The screening response target the episode was given at identification"),
)

COLUMNS: dict[Table, tuple[Column, ...]] = {
    "events": (
        Column("stream", "text", "episode or person"),
        Column("kind", "text", "The event's tag (see the event catalogue below)"),
        Column("schema_version", "integer", "The version of the tag's payload the event was written in"),
        Column("occurred_at", "timestamp (UTC)", "When it happened, as recorded"),
        Column("recorded_at", "timestamp (UTC)", "When it was written down"),
        *_COMMON,
        Column("site_id", "integer", "The site (custody suite, court...) it was recorded at"),
        Column("voided", "boolean", "Voided since (with a reason, in the record): leave it out of counts"),
        Column("month", "text", "YYYY-MM of occurred_at in Europe/London"),
        Column("data", "JSON text", "The payload's whitelisted fields (codes, booleans, counts, times)"),
    ),
    "episodes": (
        *_COMMON,
        Column("identified_at", "timestamp (UTC)", "Identification"),
        Column("month", "text", "YYYY-MM of identification in Europe/London"),
        Column("point_of_contact", "text", "PointOfContact code at identification"),
        Column("referral_source", "text", "NHS Data Dictionary source of referral code"),
        Column("first_screened_at", "timestamp (UTC)", "First screening (brief screen or instrument), not voided"),
        Column("first_assessed_at", "timestamp (UTC)", "First assessment, not voided"),
        Column("first_referred_at", "timestamp (UTC)", "First onward referral, not voided"),
        Column("last_closed_at", "timestamp (UTC)", "Latest closure, if it still stands"),
        Column("ld_outcome", "text", "L&D outcome at that closure"),
        Column("justice_outcome", "text", "Justice outcome at that closure"),
    ),
}


def _events_sql() -> str:
    names = ", ".join(c.name for c in COLUMNS["events"])
    # In time order (the store keeps each month grouped by kind, ADR 0016).
    return (
        f"SELECT {names} FROM events WHERE stream IN ('episode', 'person') AND month BETWEEN $first AND $last "
        "ORDER BY occurred_at, stream, event_id"
    )


# The episodes as the measures see them: the same relations (ADR 0016), so the extract and the
# published figures cannot disagree on what a first screening or a standing closure is.
_EPISODES_SQL = f"""
WITH person_links AS ({PERSON_LINKS.sql}),
episode_facts AS ({EPISODE_FACTS.sql}),
standing_closures AS ({STANDING_CLOSURES.sql})
SELECT i.episode, e.linked_person AS person, e.scheme_id, e.region, i.local_authority, i.police_force_area,
       e.age_band, e.sex, e.ethnic_group, e.nhs_number_known, e.target_minutes, e.identified_at, e.month,
       e.point_of_contact, e.referral_source,
       e.screened_at AS first_screened_at, e.assessed_at AS first_assessed_at, e.referred_at AS first_referred_at,
       c.at AS last_closed_at, c.ld_outcome, c.justice_outcome
FROM episode_facts AS e
JOIN events AS i ON i.episode_key = e.episode_key AND i.stream = 'episode' AND i.kind = 'episode:identify'
LEFT JOIN standing_closures AS c ON c.episode_key = e.episode_key
WHERE e.month BETWEEN $first AND $last
ORDER BY e.identified_at, i.episode
"""


def extract_file(
    store_dir: Path, *, table: Table, fmt: Format, first_month: str, last_month: str
) -> tuple[BinaryIO, int]:
    """The extract written to a temporary file by DuckDB (which streams it, so a national
    extract never sits in memory) and its row count. The file is returned open for reading and
    already unlinked: it is gone as soon as the caller closes it, whatever happens."""
    # COPY takes no parameters, so the months go in as literals, checked as YYYY-MM.
    sql = (_events_sql() if table == "events" else _EPISODES_SQL).replace("$first", f"'{_month(first_month)}'")
    sql = sql.replace("$last", f"'{_month(last_month)}'")
    handle, name = tempfile.mkstemp(prefix="liaison-extract-", suffix=f".{fmt}")
    os.close(handle)
    path = Path(name)
    try:
        rows = 0
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        if has_months(store_dir):
            connection = duckdb_connection(store_dir)
            (rows,) = connection.execute(f"COPY ({sql}) TO '{path}' ({options})").fetchone()
            connection.close()
        else:
            _empty(path, table, options)
        return open(path, "rb"), int(rows)
    finally:
        path.unlink(missing_ok=True)


def _month(text: str) -> str:
    if not (len(text) == 7 and text[4] == "-" and text.replace("-", "").isdigit()):
        raise ValueError(f"not a month: {text!r}")
    return text


def _empty(path: Path, table: Table, options: str) -> None:
    """An empty store still gives a file with the columns (a header, or an empty Parquet)."""
    import duckdb

    columns = ", ".join(f"NULL::VARCHAR AS {c.name}" for c in COLUMNS[table])
    connection = duckdb.connect()
    connection.execute(f"COPY (SELECT {columns} WHERE FALSE) TO '{path}' ({options})")
    connection.close()
