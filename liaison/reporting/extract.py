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
from liaison.reporting.measures import SCREENINGS

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
    Column("person", "text", "The person's keyed pseudonym: the same person in every episode and scheme"),
    Column("scheme_id", "integer", "The scheme whose episode it is (the network's id, public)"),
    Column("region", "text", "The scheme's NHS England region code"),
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


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _events_sql() -> str:
    names = ", ".join(c.name for c in COLUMNS["events"])
    return f"SELECT {names} FROM events WHERE stream IN ('episode', 'person') AND month BETWEEN $first AND $last"


def _first(kinds: tuple[str, ...]) -> str:
    return (
        "SELECT episode, MIN(occurred_at) AS at FROM events "
        f"WHERE stream = 'episode' AND kind IN {_in(kinds)} AND NOT voided GROUP BY episode"
    )


_EPISODES_SQL = f"""
WITH identified AS (
    SELECT * FROM events WHERE stream = 'episode' AND kind = 'episode:identify' AND month BETWEEN $first AND $last
),
screened AS ({_first(SCREENINGS)}),
assessed AS ({_first(("episode:assess",))}),
referred AS ({_first(("episode:refer",))}),
closed AS (
    SELECT episode, MAX(occurred_at) AS at,
           ARG_MAX(JSON_EXTRACT_STRING(data, '$.ld_outcome'), occurred_at) AS ld_outcome,
           ARG_MAX(JSON_EXTRACT_STRING(data, '$.justice_outcome'), occurred_at) AS justice_outcome
    FROM events WHERE stream = 'episode' AND kind = 'episode:close' GROUP BY episode
),
returned AS (
    SELECT episode, MAX(occurred_at) AS at FROM events
    WHERE stream = 'episode' AND kind IN ('episode:reopen', 'episode:reenter') GROUP BY episode
)
SELECT i.episode, i.person, i.scheme_id, i.region, i.age_band, i.sex, i.ethnic_group,
       i.nhs_number_known, i.target_minutes, i.occurred_at AS identified_at, i.month,
       JSON_EXTRACT_STRING(i.data, '$.point_of_contact') AS point_of_contact,
       JSON_EXTRACT_STRING(i.data, '$.referral_source') AS referral_source,
       s.at AS first_screened_at, a.at AS first_assessed_at, r.at AS first_referred_at,
       CASE WHEN rt.at IS NULL OR rt.at < c.at THEN c.at END AS last_closed_at,
       CASE WHEN rt.at IS NULL OR rt.at < c.at THEN c.ld_outcome END AS ld_outcome,
       CASE WHEN rt.at IS NULL OR rt.at < c.at THEN c.justice_outcome END AS justice_outcome
FROM identified AS i
LEFT JOIN screened AS s USING (episode)
LEFT JOIN assessed AS a USING (episode)
LEFT JOIN referred AS r USING (episode)
LEFT JOIN closed AS c USING (episode)
LEFT JOIN returned AS rt USING (episode)
ORDER BY i.occurred_at, i.episode
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
