"""De-duplicating a file with the same model: Splink (DuckDB, in memory) predicts over the
blocked pairs and clusters them at the model's threshold. Touches no database of the service.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from liaison.linkage import model
from liaison.linkage.comparisons import COMPARISONS
from liaison.linkage.records import Record, record
from liaison.linkage.training import frame, quiet

INPUT_COLUMNS = ("record_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "nhs_number", "pnc_id")


class BadInput(ValueError):
    """The file cannot be read as the records the command takes; the message says why."""


def read_records(path: Path) -> list[Record]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as e:
        raise BadInput(f"Cannot read {path}: {e.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in INPUT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise BadInput(f"{path} has no column {', '.join(missing)} (it needs {','.join(INPUT_COLUMNS)})")
        records, seen = [], set()
        for line, row in enumerate(reader, start=2):
            rid = (row["record_id"] or "").strip()
            if not rid:
                raise BadInput(f"Line {line} has no record_id")
            if rid in seen:
                raise BadInput(f"Line {line}: record_id {rid} appears twice")
            seen.add(rid)
            records.append(
                record(
                    rid,
                    given_name=row["given_name"],
                    family_name=row["family_name"],
                    date_of_birth=row["date_of_birth"],
                    sex=row["sex"],
                    postcode=row["postcode"],
                    nhs_number=row["nhs_number"],
                    pnc_id=row["pnc_id"],
                )
            )
    return records


def clusters(
    records: Sequence[Record], *, settings: dict[str, object] | None = None, threshold: float | None = None
) -> dict[str, str]:
    """record_id -> person_key (the record_id of one record of the cluster), for every record.
    `settings` replaces the model's (the benchmark's Splink example), used as given."""
    if not records:
        return {}
    import duckdb

    con = duckdb.connect()
    table = frame(records)
    con.register("people_frame", table)
    con.execute("CREATE TABLE people AS SELECT * FROM people_frame")
    con.unregister("people_frame")
    clustered = cluster_people(con, len(records), settings=settings, threshold=threshold)
    found = {str(u): str(c) for u, c in con.execute(f"SELECT unique_id, cluster_id FROM {clustered}").fetchall()}  # noqa: S608
    # Every input record has a row, on its own if nothing matched it.
    return {r.unique_id: found.get(r.unique_id, r.unique_id) for r in records}


def file_settings(n_records: int) -> dict[str, Any]:
    """The model's settings for a file of `n_records`: the prior (the chance that two records
    picked at random are one person) falls as the file grows past the set the model was trained
    on, so it is the trained one scaled by that set's size; and the Bayes factors are kept for
    the twin rule."""
    current = model.current()
    settings = dict(current.settings)
    if current.trained_records:
        trained = float(settings["probability_two_random_records_match"])
        # Only ever lowered: a small file is no likelier than the training set to hold repeats.
        settings["probability_two_random_records_match"] = min(trained, trained * current.trained_records / n_records)
    settings["retain_intermediate_calculation_columns"] = True
    return settings


def cluster_people(
    con: Any, n_records: int, *, settings: dict[str, object] | None = None, threshold: float | None = None
) -> str:
    """Predict and cluster the records of table `people` on DuckDB connection `con`; the name of
    the table of `unique_id, cluster_id`. With the model's own settings, pairs whose first names
    differ outright and who share no NHS number or PNC ID are never joined: twins and siblings
    share a surname, a birthday and an address, which the model (each field scored on its own)
    would otherwise add up to one person."""
    from splink import DuckDBAPI, Linker

    current = model.current()
    at = current.cluster_threshold if threshold is None else threshold
    quiet()
    linker = Linker(
        "people", dict(settings) if settings else file_settings(n_records), db_api=DuckDBAPI(connection=con)
    )
    predicted = linker.inference.predict(threshold_match_probability=at)
    if settings is None:
        given = next(i for i, c in enumerate(COMPARISONS) if c.field == "given_name")
        different = 2 ** (current.weights[given][-1] or 0) * (1 + 1e-9)
        con.execute(
            f"CREATE TABLE kept_pairs AS SELECT * FROM {predicted.physical_name} "  # noqa: S608
            f"WHERE NOT (bf_given_name <= {different!r} AND bf_nhs_number <= 1 AND bf_pnc_id <= 1)"
        )
        predicted = linker.table_management.register_table("kept_pairs", "kept_pairs_splink")
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(predicted, threshold_match_probability=at)
    return str(clustered.physical_name)


def write_clusters(path: Path, keys: dict[str, str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["record_id", "person_key"])
        writer.writerows(keys.items())
