"""Training the model with Splink (DuckDB), and writing it as the versioned file.

On the labelled synthetic set the m probabilities come from the labels and the prior from the
true pairs; on the register (no labels) they come from expectation maximisation, blocked first
on date of birth (which trains the names, sex, postcode and identifiers) and then on the two
names' sound-alikes (which trains the date of birth). u comes from random pairs either way.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from liaison.linkage.comparisons import BLOCKING_RULES, COMPARISONS
from liaison.linkage.model import MODEL_PATH
from liaison.linkage.records import COLUMNS, Record

MODEL_NAME = "person"


def settings(prior: float = 1e-4) -> dict[str, Any]:
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "comparisons": [c.splink() for c in COMPARISONS],
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": rule, "sql_dialect": "duckdb"} for rule in BLOCKING_RULES
        ],
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
    }


def frame(records: Iterable[Record], labels: Sequence[str] | None = None) -> pd.DataFrame:
    df = pd.DataFrame.from_records([r.values() for r in records], columns=list(COLUMNS))
    if labels is not None:
        df["cluster"] = list(labels)
    return df


def _linker(df: pd.DataFrame, config: dict[str, Any]) -> Any:
    from splink import DuckDBAPI, Linker

    quiet()
    return Linker(df, config, db_api=DuckDBAPI())


def quiet() -> None:
    """Splink explains every step at INFO (set when it is imported); the commands print their own
    summary."""
    logging.getLogger("splink").setLevel(logging.WARNING)


def _true_pair_prior(labels: Sequence[str]) -> float:
    sizes: dict[str, int] = {}
    for label in labels:
        sizes[label] = sizes.get(label, 0) + 1
    n = len(labels)
    true_pairs = sum(s * (s - 1) // 2 for s in sizes.values())
    return max(true_pairs, 1) / (n * (n - 1) // 2)


def train_labelled(records: Sequence[Record], labels: Sequence[str], *, seed: int = 1) -> dict[str, Any]:
    linker = _linker(frame(records, labels), settings(_true_pair_prior(labels)))
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    linker.training.estimate_m_from_label_column("cluster")
    return linker.misc.save_model_to_json()  # type: ignore[no-any-return]


def train_unlabelled(records: Sequence[Record], *, seed: int = 1) -> dict[str, Any]:
    from splink import block_on

    linker = _linker(frame(records), settings())
    linker.training.estimate_probability_two_random_records_match(
        ['l."nhs_number" = r."nhs_number"', 'l."pnc_id" = r."pnc_id"', block_on("given_name", "family_name", "dob")],
        recall=0.8,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_sx", "family_sx"))
    return linker.misc.save_model_to_json()  # type: ignore[no-any-return]


def document(
    trained: dict[str, Any], *, trained_on: str, previous: str | None, records: int | None = None
) -> dict[str, Any]:
    number = int(previous.rsplit(".", 1)[-1]) + 1 if previous and previous.rsplit(".", 1)[-1].isdigit() else 1
    return {
        "model": MODEL_NAME,
        "version": f"{MODEL_NAME}.{number}",
        "trained_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "trained_on": trained_on,
        "splink_version": package_version("splink"),
        "cluster_threshold": 0.9,
        "trained_records": records,
        "settings": trained,
    }


def write(doc: dict[str, Any], path: Path = MODEL_PATH) -> None:
    path.write_text(json.dumps(doc, indent=2, sort_keys=False) + "\n")
