"""Backup and restore of the operational database (ADR 0026).

A backup is one file and its manifest beside it (`<file>.json`): when it was taken, the database
kind, the SHA-256 of the file, the rows of every table and each hash chain's head. SQLite is
copied with its online backup API (a consistent copy while the service runs); PostgreSQL with
`pg_dump --format=custom`. Both are written to a temporary name and renamed, so a backup that
fails half-way leaves no file that looks whole.

A restore goes only into an empty database (or, on SQLite, `replace=True` moves the current
file aside, never deleting it), checks the file against its manifest first, then checks the
restored rows against the manifest's counts and the hash chains (`chain.verify`), and anchors
the chains at the restored heads, naming the backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections

from liaison.audit import chain
from liaison.audit.models import Seal
from liaison.core import clock
from liaison.core.errors import DomainError

MANIFEST_VERSION = 1


class BackupError(DomainError):
    """A backup or restore refused or failed; nothing was changed."""


@dataclass(frozen=True)
class Restored:
    rows: int
    tables: int
    report: chain.Report
    moved_aside: Path | None


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts() -> dict[str, int]:
    """Rows of every table of the database the service is connected to."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (names from the catalogue)
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _heads() -> dict[str, dict[str, Any]]:
    heads = {}
    for model in chain.chained():
        table = model._meta.db_table
        last = Seal.objects.filter(table=table).order_by("-last_id").first()
        heads[table] = {"last_id": last.last_id if last else 0, "hash": last.hash if last else ""}
    return heads


def _pg_env() -> dict[str, str]:
    s = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if s.get(key):
            env[var] = str(s[key])
    return env


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed: PostgreSQL's client tools are needed") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def _copy_sqlite(source: sqlite3.Connection, target: Path) -> None:
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("the copied database failed SQLite's integrity check")
    finally:
        copy.close()


def default_path() -> Path:
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
    return Path(settings.DATA_DIR) / "backups" / f"liaison-{stamp}.{suffix}"


def backup(*, to: Path | None = None) -> Path:
    """Seal the chains, copy the database to `to` and write its manifest. Returns the file."""
    target = Path(to) if to else default_path()
    if target.exists():
        raise BackupError(f"{target} already exists: a backup never overwrites another")
    target.parent.mkdir(parents=True, exist_ok=True)
    chain.seal_all()  # the backup then holds every row under a seal, its head recorded below
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            _copy_sqlite(connection.connection, partial)
        elif connection.vendor == "postgresql":
            name = str(connection.settings_dict["NAME"])
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", name])
        else:
            raise BackupError(f"backups of {connection.vendor} databases are not supported")
        manifest = {
            "manifest_version": MANIFEST_VERSION,
            "created_at": clock.now().isoformat(),
            "vendor": connection.vendor,
            "file": target.name,
            "sha256": _sha256(partial),
            "bytes": partial.stat().st_size,
            "rows": row_counts(),
            "chain_heads": _heads(),
        }
        manifest_path(target).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        partial.rename(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def read_manifest(source: Path) -> dict[str, Any]:
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}")
    try:
        manifest: dict[str, Any] = json.loads(manifest_path(source).read_text())
    except FileNotFoundError:
        raise BackupError(
            f"The backup's manifest {manifest_path(source).name} is missing: it is needed to check it"
        ) from None
    except ValueError:
        raise BackupError(f"The backup's manifest {manifest_path(source).name} is not readable JSON") from None
    if manifest.get("sha256") != _sha256(source):
        raise BackupError(f"{source.name} does not match its manifest: the file is damaged or was changed")
    if manifest.get("vendor") != connection.vendor:
        raise BackupError(
            f"{source.name} is a {manifest.get('vendor')} backup; this service runs on {connection.vendor}"
        )
    return manifest


def _sqlite_target() -> Path:
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        raise BackupError("The service's database is in memory: there is nothing to restore into")
    return Path(name)


def _has_tables() -> bool:
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def _move_aside(target: Path) -> Path:
    aside = target.with_name(f"{target.name}.before-restore-{clock.now():%Y%m%dT%H%M%SZ}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(target) + suffix)
        if part.exists():
            shutil.move(str(part), str(aside) + suffix)
    return aside


def _restore_sqlite(source: Path, *, replace: bool) -> Path | None:
    target = _sqlite_target()
    occupied = target.exists() and _has_tables()
    if occupied and not replace:
        raise BackupError(
            f"{target} already holds a database. Restore into an empty one, or pass --replace to move "
            "this one aside (it is kept, never deleted)"
        )
    connections.close_all()
    moved = _move_aside(target) if occupied else None
    partial = target.with_name(target.name + ".restoring")
    partial.unlink(missing_ok=True)
    backup_file = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        _copy_sqlite(backup_file, partial)
    finally:
        backup_file.close()
    partial.rename(target)
    return moved


def _restore_postgresql(source: Path) -> None:
    if _has_tables():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty. Restore into a new empty "
            "database (createdb NAME, then DATABASE_URL naming it)"
        )
    connections.close_all()
    name = str(connection.settings_dict["NAME"])
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={name}",
            str(source),
        ]
    )


def restore(*, source: Path, replace: bool = False) -> Restored:
    """Restore `source` into the service's database, then check it: counts and hash chains."""
    source = Path(source).resolve()
    manifest = read_manifest(source)
    moved = None
    if connection.vendor == "sqlite":
        moved = _restore_sqlite(source, replace=replace)
    else:
        _restore_postgresql(source)
    found = row_counts()
    expected = {t: int(n) for t, n in manifest["rows"].items()}
    if found != expected:
        differ = sorted(t for t in expected.keys() | found.keys() if expected.get(t) != found.get(t))
        raise BackupError(f"The restored database differs from the backup's manifest in: {', '.join(differ)}")
    chain.anchor_restored(source=str(source))
    return Restored(rows=sum(found.values()), tables=len(found), report=chain.verify(), moved_aside=moved)
