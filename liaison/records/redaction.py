"""What carrying out a disposal does to an episode's rows (ADR 0027): content out, shape kept.

Every row that belongs to the episode (a foreign key to it, or to a row that has one, found from
the app registry as the subject-access export finds them, so a record type added later is
covered) keeps its id, its dates, its coded values and its links, so counts, the hash chain and
"a record existed and was disposed of on this date" survive; its free text and JSON documents
are replaced:

- ordinary rows: text becomes "" (or "[disposed]" where a value is required), JSON its empty
  default;
- rows of append-only, hash-chained tables (the episode's events, an assessment's edits): the
  payload becomes the tombstone `{"disposed": <disposal id>}`. Their triggers refuse UPDATE, so
  they are lifted inside this one transaction (`triggers.lifted`: other connections never see a
  table without them), and each row's digest before and after goes into `audit.Redaction`, which
  is how `liaison audit verify` tells this row disposed, not tampered with.

Kept whole: the access audit (who looked, kept as long as the person's record), the disposal's
own events, and the person's identity (a person is disposed of only once none of their episodes
is kept: not built yet, see the hazard log).
"""

from __future__ import annotations

import json

from django.apps import apps
from django.db import connection, models

from liaison.audit.chain import row_digest
from liaison.audit.models import AccessAudit, Redaction
from liaison.core import clock, triggers
from liaison.core.events import is_tombstone, tombstone
from liaison.core.models import AppendOnlyModel, Event
from liaison.pathway.models import Episode

TOMBSTONE_TEXT = "[disposed]"
_KEPT = {AccessAudit, Redaction}


def _path_to_episode(model: type[models.Model]) -> str | None:
    """The lookup from `model` to its episode: `episode`, or `assessment__episode` one hop on."""
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is Episode:
            return f.name
    for f in model._meta.concrete_fields:
        related = f.related_model
        if f.is_relation and isinstance(related, type) and related is not model:
            for g in related._meta.concrete_fields:
                if g.is_relation and g.related_model is Episode:
                    return f"{f.name}__{g.name}"
    return None


def episode_models() -> list[tuple[type[models.Model], str]]:
    """(model, lookup to the episode) of every model holding part of an episode's record."""
    from liaison.records.models import Disposal, DisposalEvent  # the trace itself is kept

    found = []
    for model in apps.get_models():
        if model in _KEPT or model in (Disposal, DisposalEvent) or model._meta.proxy:
            continue
        if (path := _path_to_episode(model)) is not None:
            found.append((model, path))
    return sorted(found, key=lambda pair: pair[0]._meta.label)


# Shorter text columns without choices hold codes (an age band, a postcode district), which
# reporting counts; free text (names, notes, reasons) is longer.
_FREE_TEXT = 60


def _blanked(model: type[models.Model]) -> dict[str, object]:
    """The values that replace a row's content: its JSON documents and free text."""
    values: dict[str, object] = {}
    for f in model._meta.concrete_fields:
        if f.is_relation or f.choices or f.primary_key:
            continue
        if isinstance(f, models.JSONField):
            values[f.name] = None if f.null else f.get_default()
        elif isinstance(f, models.TextField) or (isinstance(f, models.CharField) and (f.max_length or 0) >= _FREE_TEXT):
            values[f.name] = "" if f.blank else TOMBSTONE_TEXT
    return values


# The episode row keeps its projection (stage, times, coded outcomes, the concerns' codes): only
# who alerted L&D, by name, and the note about the concerns are content.
_EPISODE_CONTENT = {"alerted_by": TOMBSTONE_TEXT, "concerns_note": ""}


def _redact_appended(model: type[models.Model], pks: list[int], disposal_id: int) -> int:
    table = model._meta.db_table
    quoted = connection.ops.quote_name(table)
    value = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    sql = f'UPDATE {quoted} SET "data" = {value} WHERE "id" = %s'  # noqa: S608 (names from the model)
    now = clock.now()
    with connection.cursor() as cursor:
        for pk in pks:
            before = row_digest(model, pk)
            cursor.execute(sql, [json.dumps(tombstone(disposal_id)), pk])
            after = row_digest(model, pk)
            Redaction.objects.create(
                table=table, row_id=pk, before=before.hex(), after=after.hex(), disposal=disposal_id, at=now
            )
    return len(pks)


def redact_episode(*, episode: Episode, disposal_id: int) -> tuple[int, int]:
    """Replace the content of every row of the episode's record; (rows, of which append-only).
    The caller holds the transaction."""
    rows = appended = 0
    Episode.objects.filter(pk=episode.pk).update(**_EPISODE_CONTENT)
    rows += 1
    to_redact: list[tuple[type[models.Model], list[int]]] = []
    for model, path in episode_models():
        found = model._base_manager.filter(**{path: episode})
        if issubclass(model, AppendOnlyModel):
            if issubclass(model, Event):
                pks = [pk for pk, data in found.values_list("pk", "data") if not is_tombstone(data)]
                to_redact.append((model, pks))
            continue
        if values := _blanked(model):
            rows += found.update(**values)
    if any(pks for _, pks in to_redact):
        with triggers.lifted():
            for model, pks in to_redact:
                n = _redact_appended(model, pks, disposal_id)
                rows += n
                appended += n
    return rows, appended
