"""What a merge does to the tables that point at a person (ADR 0033).

Every table with a foreign key to `Person` is named here, as moving with the person or staying
with the record it was written about; `test_every_table_that_points_at_a_person_has_a_rule`
fails when a new one is added without a decision. The tables are reached through Django's
registry of the relation, so linkage names them without importing the apps that hold them.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from liaison.core.errors import Conflict
from liaison.people.models import Person

# Moved to the kept record, and back on an unmerge: what the person has (episodes, with the
# consents and shares that name the episode's person too), and the names and identifiers the
# record held, so the kept record keeps every one.
MOVES: dict[str, str] = {
    "pathway.episode": "person",
    "people.alias": "person",
    "people.localidentifier": "person",
    "sharing.consent": "person",
    "sharing.informationshare": "person",
}

# Left where they are, and why.
STAYS: dict[str, str] = {
    "people.personevent": "the record's own history, append-only: the merge event says where it went",
    "audit.accessaudit": "who looked at which record, append-only",
    "audit.breakglass": "a reason given to open that record, append-only",
    "linkage.matchkey": "derived from the record's details: rebuilt after a merge and an unmerge",
    "people.namekey": "derived from the record's names and aliases: rebuilt for both after a merge and an unmerge",
    "linkage.duplicatesuggestion": "the evidence for the pair, kept as it was",
    "linkage.personmerge": "the merge itself",
    "people.person": "merged_into: the link from the record folded in to the one kept",
}


def relations() -> set[tuple[str, str]]:
    """Every (table, column) that points at a person."""
    found: set[tuple[str, str]] = set()
    # Hidden ones too: a relation with `related_name="+"` still points at the person.
    for r in Person._meta.get_fields(include_hidden=True):
        if isinstance(r, models.ForeignObjectRel) and isinstance(r.field, models.ForeignKey):
            found.add((r.field.model._meta.label_lower, r.field.name))
    return found


def _rows(label: str) -> models.QuerySet[models.Model]:
    rows: models.QuerySet[models.Model] = apps.get_model(label)._default_manager.all()
    return rows


def move(*, absorbed: Person, kept: Person) -> dict[str, list[str]]:
    """Move everything the absorbed record has to the kept one; returns what moved, by table."""
    moved: dict[str, list[str]] = {}
    for label, column in MOVES.items():
        ids = [str(pk) for pk in _rows(label).filter(**{column: absorbed}).values_list("pk", flat=True)]
        if ids:
            _rows(label).filter(pk__in=ids).update(**{column: kept})
            moved[label] = ids
    return moved


def move_back(*, moved: dict[str, list[str]], absorbed: Person, kept: Person) -> None:
    """Put back exactly what moved, or nothing: a row no longer on the kept record (it went on
    with a later merge) would leave the restore half done."""
    for label, ids in moved.items():
        column = MOVES[label]
        back = _rows(label).filter(pk__in=ids, **{column: kept}).update(**{column: absorbed})
        if back != len(ids):
            raise Conflict(
                "Some of what this merge moved is no longer on the kept record: undo the later merge first",
                code="moved_on",
            )
