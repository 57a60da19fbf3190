"""The trained model, as a versioned file under version control, and Fellegi-Sunter scoring
with its parameters.

`model/person.json` holds Splink's own settings with the trained m and u probabilities (what
`Linker.misc.save_model_to_json` writes) inside a small envelope naming the version and what it
was trained on. Splink reads the settings to de-duplicate a file; at intake the scorer reads the
same m and u and adds up the match weights in Python over the short list the database blocked,
which is the sum Splink's own predict computes, without starting an engine for ten rows.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from liaison.linkage.comparisons import COMPARISONS
from liaison.linkage.records import Record

MODEL_PATH = Path(__file__).parent / "model" / "person.json"


class ModelMismatch(Exception):
    """The model file does not have the comparisons and levels this code defines."""


@dataclass(frozen=True)
class Agreement:
    """One comparison of a candidate with what was given, and how much it counted."""

    field: str
    level: str
    match_weight: float


@dataclass(frozen=True)
class Score:
    probability: float
    match_weight: float
    agreements: tuple[Agreement, ...]
    # Same NHS number or PNC ID: such matches come first whatever the rest says.
    exact_identifier: bool


@dataclass(frozen=True)
class Model:
    version: str
    prior: float
    # Per comparison, per level: the match weight log2(m/u); None for the null level.
    weights: tuple[tuple[float | None, ...], ...]
    settings: dict[str, Any]
    # Pairs at or above this probability are one person when a file is clustered.
    cluster_threshold: float = 0.9
    # How many records it was trained on: a file's prior is scaled from it (`dedupe.file_settings`).
    trained_records: int | None = None

    def score(self, left: Record, right: Record) -> Score:
        total = math.log2(self.prior / (1 - self.prior))
        agreements: list[Agreement] = []
        for comparison, weights in zip(COMPARISONS, self.weights, strict=True):
            level = comparison.level_of(left, right)
            weight = weights[level]
            if weight is None:
                continue
            total += weight
            if weight > 0:
                agreements.append(Agreement(comparison.field, comparison.levels[level].label, round(weight, 2)))
        exact = bool(
            (left.nhs_number and left.nhs_number == right.nhs_number) or (left.pnc_id and left.pnc_id == right.pnc_id)
        )
        return Score(_probability(total), total, tuple(agreements), exact)


def _probability(weight: float) -> float:
    if weight > 60:
        return 1.0
    odds = float(2.0**weight)
    return odds / (1 + odds)


def _weight(level: dict[str, Any]) -> float | None:
    if level.get("is_null_level"):
        return None
    m, u = level.get("m_probability"), level.get("u_probability")
    if not m or not u:
        # A level never seen in training says nothing either way.
        return 0.0
    return math.log2(m / u)


def from_document(document: dict[str, Any]) -> Model:
    settings = document["settings"]
    by_name = {c["output_column_name"]: c for c in settings["comparisons"]}
    weights = []
    for comparison in COMPARISONS:
        stored = by_name.get(comparison.field)
        labels = [lv.get("label_for_charts") for lv in (stored or {}).get("comparison_levels", [])]
        if labels != [lv.label for lv in comparison.levels]:
            raise ModelMismatch(
                f"The model's {comparison.field} levels are {labels}; retrain with `liaison linkage train`"
            )
        weights.append(tuple(_weight(lv) for lv in stored["comparison_levels"]))  # type: ignore[index]
    return Model(
        version=str(document["version"]),
        prior=float(settings["probability_two_random_records_match"]),
        weights=tuple(weights),
        settings=settings,
        cluster_threshold=float(document.get("cluster_threshold", 0.9)),
        trained_records=int(document["trained_records"]) if document.get("trained_records") else None,
    )


@cache
def current() -> Model:
    """The model in use: the file under version control, read once per process."""
    return from_document(json.loads(MODEL_PATH.read_text()))
