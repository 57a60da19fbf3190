"""A backup restores to identical data with an intact hash chain; bad backups and occupied
databases are refused with nothing changed (ADR 0026).

The restore runs as the service would run it: `liaison restore` and `liaison audit verify` in
their own processes, pointed at a new database, so nothing here shares the test's connection.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from liaison.audit import chain
from liaison.records.backup import BackupError, backup, manifest_path, read_manifest, restore, row_counts
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

LIAISON = [sys.executable, "-m", "liaison.cli"]


def _liaison(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LIAISON, *args], env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603


def _table_rows(cursor: Any, table: str) -> list[tuple[Any, ...]]:
    cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (a table name from the catalogue)
    return sorted(cursor.fetchall(), key=repr)


def _history(network: Any) -> None:
    """Some of everything: an episode with steps, audit rows, and a seal taken before more rows."""
    factories.episode(by=network.practitioner_a, site=network.custody_a)
    chain.seal_all()
    who = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, given_name="Zoë", family_name="Ní Bhriain"
    )
    factories.episode(by=network.practitioner_a, site=network.custody_a, who=who)


@pytest.fixture
def scratch(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    anchors = tmp_path / "anchors.jsonl"
    if Path(settings.AUDIT_ANCHORS).exists():
        anchors.write_text(Path(settings.AUDIT_ANCHORS).read_text())
    env.update(LIAISON_DATA_DIR=str(tmp_path / "restored"), LIAISON_AUDIT_ANCHORS=str(anchors))
    return env


@pytest.fixture
def empty_postgres(scratch: dict[str, str]) -> Iterator[dict[str, str]]:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's restore: this run is on SQLite")
    name = f"liaison_restore_{uuid.uuid4().hex[:8]}"
    s = connection.settings_dict
    admin = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/postgres"
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    scratch["DATABASE_URL"] = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{name}"
    yield scratch
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _restored_cursor(env: dict[str, str]) -> Any:
    if "DATABASE_URL" in env:
        return psycopg.connect(env["DATABASE_URL"].replace("postgres://", "postgresql://"))
    import sqlite3

    # The converters Django registers (bool, datetime...) apply to ours: read theirs the same way.
    return sqlite3.connect(
        Path(env["LIAISON_DATA_DIR"]) / "liaison.sqlite3", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    )


def _backed_up_cursor() -> Any:
    """The test's own database, read the way the restored one is (psycopg's types on PostgreSQL,
    where Django's cursor leaves JSON as text; the data is committed: these tests are transactional)."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return psycopg.connect(f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}")
    return None


def _assert_identical(env: dict[str, str]) -> None:
    restored = _restored_cursor(env)
    backed_up = _backed_up_cursor()
    try:
        theirs = restored.cursor()
        ours = backed_up.cursor() if backed_up else connection.cursor()
        for table in row_counts():
            assert _table_rows(theirs, table) == _table_rows(ours, table), table
    finally:
        restored.close()
        if backed_up:
            backed_up.close()


def test_a_backup_restored_into_an_empty_database_holds_the_same_rows_and_an_intact_chain(
    network: Any, tmp_path: Path, scratch: dict[str, str], request: pytest.FixtureRequest
) -> None:
    env = request.getfixturevalue("empty_postgres") if connection.vendor == "postgresql" else scratch
    _history(network)
    written = backup(to=tmp_path / "liaison.backup")
    manifest = read_manifest(written)
    assert manifest["rows"]["pathway_pathwayevent"] >= 2
    assert all(head["hash"] for head in manifest["chain_heads"].values() if head["last_id"])

    done = _liaison(env, "restore", str(written))
    assert done.returncode == 0, done.stderr
    assert "Hash chains intact" in done.stdout
    _assert_identical(env)
    verified = _liaison(env, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert "Intact" in verified.stdout


def test_restoring_an_older_backup_is_written_into_the_anchor_file_naming_it(
    network: Any, tmp_path: Path, scratch: dict[str, str], request: pytest.FixtureRequest
) -> None:
    env = request.getfixturevalue("empty_postgres") if connection.vendor == "postgresql" else scratch
    _history(network)
    written = backup(to=tmp_path / "older.backup")
    factories.episode(by=network.practitioner_a, site=network.custody_a)
    chain.seal_all()  # the live chain moves past the backup
    Path(scratch["LIAISON_AUDIT_ANCHORS"]).write_text(Path(settings.AUDIT_ANCHORS).read_text())

    assert _liaison(env, "restore", str(written)).returncode == 0
    lines = [json.loads(line) for line in Path(scratch["LIAISON_AUDIT_ANCHORS"]).read_text().splitlines()]
    assert {line["restored_from"] for line in lines if "restored_from" in line} == {str(written.resolve())}
    assert _liaison(env, "audit", "verify").returncode == 0


def test_a_backup_never_overwrites_another(network: Any, tmp_path: Path) -> None:
    written = backup(to=tmp_path / "one.backup")
    with pytest.raises(BackupError, match="never overwrites"):
        backup(to=written)


def test_a_changed_byte_in_the_backup_is_refused_before_anything_is_restored(network: Any, tmp_path: Path) -> None:
    written = backup(to=tmp_path / "liaison.backup")
    data = bytearray(written.read_bytes())
    data[len(data) // 2] ^= 0x01
    written.write_bytes(bytes(data))
    before = row_counts()
    with pytest.raises(BackupError, match="does not match its manifest"):
        restore(source=written)
    assert row_counts() == before


def test_a_backup_without_its_manifest_is_refused(network: Any, tmp_path: Path) -> None:
    written = backup(to=tmp_path / "liaison.backup")
    manifest_path(written).unlink()
    with pytest.raises(BackupError, match=r"manifest .* is missing"):
        read_manifest(written)


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="SQLite's restore in place")
def test_restoring_over_a_database_in_use_is_refused_unless_replaced_and_the_old_one_is_kept(
    network: Any, tmp_path: Path, scratch: dict[str, str]
) -> None:
    written = backup(to=tmp_path / "liaison.backup")
    assert _liaison(scratch, "restore", str(written)).returncode == 0

    again = _liaison(scratch, "restore", str(written))
    assert again.returncode == 1
    assert "already holds a database" in again.stderr

    replaced = _liaison(scratch, "restore", str(written), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    kept = list(Path(scratch["LIAISON_DATA_DIR"]).glob("liaison.sqlite3.before-restore-*"))
    assert len([k for k in kept if not k.name.endswith(("-wal", "-shm"))]) == 1


def test_the_commands_say_what_they_did(network: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("backup", "--output", str(tmp_path / "b.backup"))
    assert "Backed up to" in capsys.readouterr().out
    with pytest.raises(CommandError, match="There is no backup"):
        call_command("restore", str(tmp_path / "missing.backup"))
