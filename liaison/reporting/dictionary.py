"""The data dictionary: generated from the definitions themselves, so it cannot drift from them.

The extract's columns (`extract.COLUMNS`), every event tag with what of its payload reaches the
store (`whitelist.WHITELIST`, with the field descriptions of the tag's payload model), and the
shared facts (relations), every measure and outcome by cohort (name, version, description, figures, the events it
reads, the relations it uses, its SQL), and the evaluation linkage file's columns (`sharing.research`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from liaison.core.events import EVENTS
from liaison.reporting.extract import COLUMNS
from liaison.reporting.measures import COHORTS, REGISTRY, RELATIONS, Measure
from liaison.reporting.whitelist import KEEP, KEYS, PSEUDONYM, WHITELIST, Rule
from liaison.sharing.research import EVALUATION_COLUMNS


@dataclass(frozen=True)
class Field:
    name: str
    kept: str
    description: str


@dataclass(frozen=True)
class Tag:
    tag: str
    label: str
    stream: str
    version: int
    in_store: bool
    fields: list[Field]


def _kept(rule: Rule) -> str:
    if rule == KEEP:
        return "as recorded"
    if rule == KEYS:
        return "the names of the fields changed, never their values"
    if rule == PSEUDONYM:
        return "as a keyed pseudonym"
    return "each item with only: " + ", ".join(rule)


def _tags() -> list[Tag]:
    out = []
    for t in EVENTS.all():
        rules = WHITELIST.get(t.tag)
        properties: dict[str, Any] = t.payload.model_json_schema().get("properties", {})
        fields = [
            Field(name=name, kept=_kept(rule), description=str(properties.get(name, {}).get("description", "")))
            for name, rule in (rules or {}).items()
        ]
        out.append(Tag(t.tag, t.label, t.stream, t.version, rules is not None, fields))
    return out


def _measures() -> list[Measure]:
    return list(REGISTRY.values())


def document() -> dict[str, Any]:
    return {
        "columns": COLUMNS,
        "tags": _tags(),
        "relations": list(RELATIONS.values()),
        "measures": _measures(),
        "cohorts": list(COHORTS.values()),
        "evaluation_columns": EVALUATION_COLUMNS,
    }
