"""The hash chain over every append-only table (ADR 0017): seal what was written, prove it since.

Rows are written as they always were, with no lock and no hash to compute, so a busy service
never queues behind its own audit. A sealer (`liaison audit seal`, which `make run` runs every
five minutes) takes the rows written since the table's last seal, in id order, and appends a
`Seal`: their ids, a digest of each row's canonical content, and the SHA-256 of the previous
seal's hash and all of that. Each seal's head is appended to the anchor file (outside the
database: `LIAISON_AUDIT_ANCHORS`) and to the log.

`verify()` walks every table's chain: each seal must follow the previous one and hash to what
it says; each sealed row must still be there with the digest it was sealed with, and no row may
have appeared among the sealed ones; the latest anchor of each table must be a seal the chain
still has (so dropping the newest rows and their seals, or rewriting the whole chain, shows).
Rows written since the last seal are counted, not yet proved.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connection, models, transaction

from liaison.audit.disposals import carried_out
from liaison.audit.models import Redaction, Seal
from liaison.core import clock
from liaison.core.models import AppendOnlyModel

log = logging.getLogger("liaison.audit.anchor")

BLOCK = 10_000  # rows per seal at most
_DIGEST = 16  # bytes of each row's SHA-256 kept: enough that no change goes unseen by chance
_ID = 8
_CHUNK = 2_000


def chained() -> list[type[models.Model]]:
    """Every concrete append-only model but the seals (which chain themselves), by table."""
    found = [
        m
        for m in apps.get_models()
        if issubclass(m, AppendOnlyModel) and m is not Seal and not m._meta.proxy and m._meta.managed
    ]
    return sorted(found, key=lambda m: m._meta.db_table)


def _plain(value: Any) -> Any:
    """A value as JSON can hold it: the driver's own value, so a row whose content no longer
    converts (a JSON document made invalid by hand) is still read, and found changed."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date | UUID | Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _columns(model: type[models.Model]) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def digest(model: type[models.Model], values: Iterable[Any]) -> bytes:
    """The digest of one row: its table and every column, as canonical JSON (keys sorted), from
    the values the database driver returns. Sealing and checking read the same database (a
    restore is of a backup of the same kind), so the driver's forms are stable."""
    content = json.dumps(
        [model._meta.db_table, [_plain(v) for v in values]],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(content.encode()).digest()[:_DIGEST]


def _rows(model: type[models.Model], after: int, upto: int) -> Iterator[tuple[int, bytes]]:
    """(id, digest) of the table's rows with after < id <= upto, in id order, read as the
    driver returns them (no model converters)."""
    columns = _columns(model)
    pk = model._meta.pk.column
    at = columns.index(pk)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    table, key = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(pk)
    # Names from the models' own metadata, quoted; the bounds are parameters.
    sql = f"SELECT {quoted} FROM {table} WHERE {key} > %s AND {key} <= %s ORDER BY {key}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [after, upto])
        while batch := cursor.fetchmany(_CHUNK):
            for values in batch:
                yield int(values[at]), digest(model, values)


def seal_hash(*, table: str, previous: str, first_id: int, last_id: int, rows: int, ids: bytes, digests: bytes) -> str:
    h = hashlib.sha256()
    for part in (previous, table, str(first_id), str(last_id), str(rows)):
        h.update(part.encode() + b"\x00")
    h.update(ids)
    h.update(digests)
    return h.hexdigest()


def _settled(model: type[models.Model]) -> int:
    """The highest id below which every row is committed. On PostgreSQL a transaction can commit
    a row with a lower id after one with a higher id is visible, so the table is locked in
    SHARE mode for an instant: that waits for the writers in flight and lets no new one in, and
    every row written afterwards takes a higher id. SQLite has one writer at a time."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '5s'")
                cursor.execute(f'LOCK TABLE "{model._meta.db_table}" IN SHARE MODE')
        return int(model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0)


def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHORS)


def _anchor(seal: Seal) -> None:
    line = {"at": seal.sealed_at.isoformat(), "table": seal.table, "last_id": seal.last_id, "hash": seal.hash}
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as f:
        f.write(json.dumps(line, sort_keys=True) + "\n")
    log.info("audit chain head %s", json.dumps(line, sort_keys=True))


def _last(table: str) -> Seal | None:
    return Seal.objects.filter(table=table).order_by("-last_id").first()


def seal_table(model: type[models.Model]) -> list[Seal]:
    """Seal the table's rows written since its last seal, in blocks of at most BLOCK rows."""
    table = model._meta.db_table
    upto = _settled(model)
    written: list[Seal] = []
    last = _last(table)
    after, previous = (last.last_id, last.hash) if last else (0, "")
    pending: list[tuple[int, bytes]] = []
    for row in _rows(model, after, upto):
        pending.append(row)
        if len(pending) == BLOCK:
            seal = _write(table, previous, pending)
            if seal is None:
                return written
            written.append(seal)
            previous, pending = seal.hash, []
    if pending and (seal := _write(table, previous, pending)) is not None:
        written.append(seal)
    return written


def _write(table: str, previous: str, rows: list[tuple[int, bytes]]) -> Seal | None:
    ids = b"".join(i.to_bytes(_ID, "big", signed=True) for i, _ in rows)
    digests = b"".join(d for _, d in rows)
    first_id, last_id = rows[0][0], rows[-1][0]
    seal = Seal(
        table=table,
        first_id=first_id,
        last_id=last_id,
        rows=len(rows),
        ids=ids,
        digests=digests,
        previous=previous,
        hash=seal_hash(
            table=table, previous=previous, first_id=first_id, last_id=last_id, rows=len(rows), ids=ids, digests=digests
        ),
        sealed_at=clock.now(),
    )
    try:
        with transaction.atomic():
            seal.save()
    except IntegrityError:
        # Another sealer sealed these rows first (a seal follows each seal once): leave it.
        return None
    _anchor(seal)
    return seal


def seal_all() -> dict[str, int]:
    """Seal every chained table; the rows sealed, by table."""
    return {m._meta.db_table: sum(s.rows for s in seal_table(m)) for m in chained()}


# --- verification


@dataclass(frozen=True)
class Broken:
    table: str
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.table} row {self.row_id}" if self.row_id is not None else self.table
        return f"{where}: {self.problem}"


@dataclass
class Report:
    rows: int = 0
    seals: int = 0
    unsealed: dict[str, int] = field(default_factory=dict)
    broken: list[Broken] = field(default_factory=list)
    anchors_found: bool = True

    @property
    def intact(self) -> bool:
        return not self.broken


def _unpack(seal: Seal) -> list[tuple[int, bytes]]:
    ids, digests = bytes(seal.ids), bytes(seal.digests)
    return [
        (int.from_bytes(ids[n * _ID : (n + 1) * _ID], "big", signed=True), digests[n * _DIGEST : (n + 1) * _DIGEST])
        for n in range(seal.rows)
    ]


def row_digest(model: type[models.Model], pk: int) -> bytes:
    """The digest of one row as it is now, read as sealing reads it."""
    return next(_rows(model, pk - 1, pk))[1]


def _redacted(table: str, row_id: int, was: bytes, now: bytes) -> bool:
    """Whether a reviewed disposal replaced this row's sealed content with what it holds now
    (ADR 0027): a redaction naming both digests, of a disposal the records app carried out."""
    redactions = Redaction.objects.filter(table=table, row_id=row_id, before=was.hex(), after=now.hex())
    return any(carried_out(r.disposal) for r in redactions)


def _compare(table: str, sealed: list[tuple[int, bytes]], found: list[tuple[int, bytes]]) -> Broken | None:
    """The first difference between the rows as sealed and as they are now."""
    when = dict(found)
    was = dict(sealed)
    for row_id in sorted(set(was) | set(when)):
        if row_id not in when:
            return Broken(table, row_id, "removed since it was sealed")
        if row_id not in was:
            return Broken(table, row_id, "added among rows already sealed (backdated)")
        if was[row_id] != when[row_id] and not _redacted(table, row_id, was[row_id], when[row_id]):
            return Broken(table, row_id, "changed since it was sealed")
    return None


def _verify_table(model: type[models.Model], report: Report) -> str | None:
    """Check one table's chain; the hash of its last good seal."""
    table = model._meta.db_table
    previous, after = "", 0
    for seal in Seal.objects.filter(table=table).order_by("last_id").iterator(chunk_size=100):
        report.seals += 1
        ids, digests = bytes(seal.ids), bytes(seal.digests)
        expected = seal_hash(
            table=table,
            previous=seal.previous,
            first_id=seal.first_id,
            last_id=seal.last_id,
            rows=seal.rows,
            ids=ids,
            digests=digests,
        )
        if seal.previous != previous or expected != seal.hash or len(ids) != seal.rows * _ID:
            report.broken.append(Broken(table, None, f"the seal of rows {seal.first_id} to {seal.last_id} was altered"))
            return None
        found = list(_rows(model, after, seal.last_id))
        report.rows += len(found)
        problem = _compare(table, _unpack(seal), found)
        if problem:
            report.broken.append(problem)
            return None
        previous, after = seal.hash, seal.last_id
    report.unsealed[table] = model._default_manager.filter(pk__gt=after).count()
    return previous


def _anchors() -> dict[str, dict[str, Any]] | None:
    """The latest anchor of each table, or None without an anchor file."""
    try:
        lines = anchor_path().read_text().splitlines()
    except FileNotFoundError:
        return None
    latest: dict[str, dict[str, Any]] = {}
    for line in lines:
        try:
            entry = json.loads(line)
            latest[entry["table"]] = entry
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line from a crash mid-write says nothing
    return latest


def verify() -> Report:
    report = Report()
    anchors = _anchors()
    report.anchors_found = anchors is not None
    for model in chained():
        table = model._meta.db_table
        if _verify_table(model, report) is None and report.broken:
            return report
        anchor = (anchors or {}).get(table)
        # An empty hash is a restore's anchor of a table that had no seal (anchor_restored).
        if (
            anchor
            and anchor.get("hash")
            and not Seal.objects.filter(table=table, last_id=anchor["last_id"], hash=anchor["hash"]).exists()
        ):
            report.broken.append(
                Broken(
                    table,
                    None,
                    f"the chain no longer holds its anchor of {anchor['at']} (rows up to {anchor['last_id']}): "
                    "rows were removed from its end or the chain was rewritten",
                )
            )
            return report
    return report


def anchor_restored(*, source: str) -> dict[str, dict[str, Any]]:
    """After a restore, anchor each table at the restored chain head (ADR 0026).

    Restoring an older backup legitimately removes the rows written since, which `verify` would
    report as truncation. The new anchor lines say so in the anchor file itself, naming the
    backup, so the history of the chain (and that a restore cut it back) stays readable there. A
    table with no seal yet is anchored with an empty hash: nothing to hold.
    """
    heads: dict[str, dict[str, Any]] = {}
    at = clock.now().isoformat()
    for model in chained():
        table = model._meta.db_table
        last = _last(table)
        heads[table] = {
            "at": at,
            "table": table,
            "last_id": last.last_id if last else 0,
            "hash": last.hash if last else "",
            "restored_from": source,
        }
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as f:
        for line in heads.values():
            f.write(json.dumps(line, sort_keys=True) + "\n")
    log.info("audit chain anchored after a restore from %s", source)
    return heads
