"""De-duplicating a file with the same model: Splink (DuckDB, in memory) predicts over the
blocked pairs and clusters them at the model's threshold. Touches no database of the service.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from liaison.linkage import model
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
    """record_id -> person_key (the record_id of one record of the cluster), for every record."""
    if not records:
        return {}
    from splink import DuckDBAPI, Linker

    current = model.current()
    at = current.cluster_threshold if threshold is None else threshold
    quiet()
    linker = Linker(frame(records), dict(settings or current.settings), db_api=DuckDBAPI())
    predicted = linker.inference.predict(threshold_match_probability=at)
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(predicted, threshold_match_probability=at)
    table = clustered.as_pandas_dataframe()  # type: ignore[no-untyped-call]
    found = {str(u): str(c) for u, c in zip(table["unique_id"], table["cluster_id"], strict=True)}
    # Every input record has a row, on its own if nothing matched it.
    return {r.unique_id: found.get(r.unique_id, r.unique_id) for r in records}


def write_clusters(path: Path, keys: dict[str, str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["record_id", "person_key"])
        writer.writerows(keys.items())
