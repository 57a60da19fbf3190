"""`liaison linkage dedupe` over a file of any size: the same model and clustering as `dedupe.
clusters`, with the records read, normalised and written by DuckDB rather than one Python object
per record.

Each distinct raw value (a name, a date, a postcode) is normalised once, by the very functions
intake uses (`linkage.names`, `linkage.records`), and joined back: a million records hold far
fewer distinct names, and the normal forms cannot drift from the scorer's. Splink predicts and
clusters on the same DuckDB connection, and the answer is copied straight to the output file,
written beside it first and moved into place, so a failed run leaves no half-written file.
"""

# The SQL here is built from this module's own table and column names and from paths quoted by
# `_literal`; no value read from the file is ever put into a statement.
# ruff: noqa: S608

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from liaison.linkage import names
from liaison.linkage.dedupe import INPUT_COLUMNS, BadInput, cluster_people
from liaison.linkage.records import COLUMNS, nhs_key, pnc_key, sex_key


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _load(con: Any, source: Path) -> None:
    import duckdb

    if not source.is_file():
        raise BadInput(f"Cannot read {source}: No such file")
    try:
        con.execute(
            f"CREATE TABLE raw_csv AS SELECT * FROM read_csv({_literal(source)}, header = true, all_varchar = true,"
            " delim = ',', quote = '\"', escape = '\"')"
        )
    except duckdb.Error as e:
        raise BadInput(f"Cannot read {source} as CSV: {str(e).splitlines()[0]}") from None
    present = {row[0] for row in con.execute("DESCRIBE raw_csv").fetchall()}
    missing = [c for c in INPUT_COLUMNS if c not in present]
    if missing:
        raise BadInput(f"{source} has no column {', '.join(missing)} (it needs {','.join(INPUT_COLUMNS)})")
    # Line numbers as a person counts them: the header is line 1.
    con.execute(
        "CREATE TABLE raw AS SELECT trim(coalesce(record_id, '')) AS record_id, "
        + ", ".join(f'"{c}"' for c in INPUT_COLUMNS[1:])
        + ", row_number() OVER () + 1 AS line FROM raw_csv"
    )
    con.execute("DROP TABLE raw_csv")
    blank = con.execute("SELECT min(line) FROM raw WHERE record_id = ''").fetchall()[0][0]
    if blank is not None:
        raise BadInput(f"Line {blank} has no record_id")
    twice = con.execute(
        "SELECT line, record_id FROM (SELECT record_id, line, row_number() OVER (PARTITION BY record_id ORDER BY line)"
        " AS k FROM raw) WHERE k = 2 ORDER BY line LIMIT 1"
    ).fetchall()
    if twice:
        raise BadInput(f"Line {twice[0][0]}: record_id {twice[0][1]} appears twice")


def _mapping(con: Any, table: str, sql: str, out: tuple[str, ...], fn: Callable[[str], tuple[Any, ...]]) -> None:
    """A table from each distinct raw value of `sql` to `fn`'s normal forms of it."""
    import pandas as pd  # type: ignore[import-untyped]

    values = [row[0] for row in con.execute(sql).fetchall()]
    frame = pd.DataFrame([(v, *fn(v)) for v in values], columns=["raw", *out], dtype=object)
    con.register(f"{table}_frame", frame)
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM {table}_frame")
    con.unregister(f"{table}_frame")


def _name_forms(raw: str) -> tuple[Any, ...]:
    normal = names.name(raw)
    return normal, names.canonical_given(normal), names.soundex(normal)


def _dob_forms(raw: str) -> tuple[Any, ...]:
    dob = names.iso_date(raw)
    return dob, names.day_month_swapped(dob), dob[:4] if dob else None


def _postcode_forms(raw: str) -> tuple[Any, ...]:
    code = names.postcode(raw)
    return code, names.postcode_sector(code), names.postcode_district(code)


def _features(con: Any) -> None:
    """The model's columns (`records.COLUMNS`) for every record, in table `people`."""
    _mapping(
        con,
        "name_map",
        "SELECT given_name FROM raw WHERE given_name IS NOT NULL UNION SELECT family_name FROM raw"
        " WHERE family_name IS NOT NULL",
        ("normal", "canon", "sx"),
        _name_forms,
    )
    _mapping(con, "dob_map", "SELECT DISTINCT date_of_birth FROM raw WHERE date_of_birth IS NOT NULL",
             ("dob", "swap", "year"), _dob_forms)  # fmt: skip
    _mapping(con, "sex_map", "SELECT DISTINCT sex FROM raw WHERE sex IS NOT NULL", ("sex",), lambda v: (sex_key(v),))
    _mapping(con, "postcode_map", "SELECT DISTINCT postcode FROM raw WHERE postcode IS NOT NULL",
             ("code", "sector", "district"), _postcode_forms)  # fmt: skip
    _mapping(con, "nhs_map", "SELECT DISTINCT nhs_number FROM raw WHERE nhs_number IS NOT NULL", ("nhs",),
             lambda v: (nhs_key(v),))  # fmt: skip
    _mapping(con, "pnc_map", "SELECT DISTINCT pnc_id FROM raw WHERE pnc_id IS NOT NULL", ("pnc",),
             lambda v: (pnc_key(v),))  # fmt: skip
    select = {
        "unique_id": "r.record_id",
        "given_name": "g.normal",
        "family_name": "f.normal",
        "given_canon": "g.canon",
        "given_sx": "g.sx",
        "family_sx": "f.sx",
        # As records._pair: both sound-alikes in a fixed order (ASCII, so SQL and Python agree).
        "sx_pair": "CASE WHEN g.sx IS NULL OR f.sx IS NULL THEN NULL"
        " ELSE least(g.sx, f.sx) || greatest(g.sx, f.sx) END",
        "dob": "d.dob",
        "dob_swap": "d.swap",
        "dob_year": "d.year",
        "sex": "s.sex",
        "postcode": "p.code",
        "postcode_sector": "p.sector",
        "postcode_district": "p.district",
        "nhs_number": "n.nhs",
        "pnc_id": "c.pnc",
    }
    assert tuple(select) == COLUMNS, "dedupe_file must give the model every column records.Record has"
    con.execute(
        "CREATE TABLE people AS SELECT "
        + ", ".join(f"{sql} AS {name}" for name, sql in select.items())
        + ", r.line FROM raw r"
        " LEFT JOIN name_map g ON g.raw = r.given_name LEFT JOIN name_map f ON f.raw = r.family_name"
        " LEFT JOIN dob_map d ON d.raw = r.date_of_birth LEFT JOIN sex_map s ON s.raw = r.sex"
        " LEFT JOIN postcode_map p ON p.raw = r.postcode LEFT JOIN nhs_map n ON n.raw = r.nhs_number"
        " LEFT JOIN pnc_map c ON c.raw = r.pnc_id"
    )


def features_of_file(source: Path) -> list[tuple[Any, ...]]:
    """The model's columns for each record of the file, in file order (for the parity test)."""
    import duckdb

    con = duckdb.connect()
    _load(con, source)
    _features(con)
    return [tuple(row) for row in con.execute(f"SELECT {', '.join(COLUMNS)} FROM people ORDER BY line").fetchall()]


def dedupe_file(source: Path, target: Path, *, threshold: float | None = None) -> tuple[int, int]:
    """Cluster the records of `source` into people and write `record_id,person_key` to `target`,
    one row per record in file order. Returns (records, people)."""
    import duckdb

    con = duckdb.connect()
    _load(con, source)
    _features(con)
    n = con.execute("SELECT count(*) FROM people").fetchall()[0][0]
    if n:
        keys = f"SELECT unique_id, cluster_id FROM {cluster_people(con, n, threshold=threshold)}"
    else:
        keys = "SELECT NULL::VARCHAR AS unique_id, NULL::VARCHAR AS cluster_id WHERE false"
    con.execute(
        f"CREATE TABLE answer AS SELECT r.record_id, coalesce(k.cluster_id, r.record_id) AS person_key, r.line"
        f" FROM raw r LEFT JOIN ({keys}) k ON k.unique_id = r.record_id"
    )
    people = con.execute("SELECT count(DISTINCT person_key) FROM answer").fetchall()[0][0]
    handle, scratch = tempfile.mkstemp(prefix=".dedupe-", suffix=".csv", dir=target.parent)
    os.close(handle)
    try:
        con.execute(
            f"COPY (SELECT record_id, person_key FROM answer ORDER BY line) TO {_literal(Path(scratch))}"
            " (HEADER, DELIMITER ',')"
        )
        os.replace(scratch, target)
    finally:
        if os.path.exists(scratch):
            os.unlink(scratch)
    return n, people
