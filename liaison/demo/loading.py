"""Loading the national build into the operational database, as fast as each engine takes rows.

Rows go straight into the tables the product reads, in the build's one transaction: plain
`executemany` INSERTs on SQLite, `COPY` on PostgreSQL. During the load the tables keep only their
primary keys and unique constraints; every other index is dropped at the start and made again
at the end (one sort each, instead of a random B-tree insert per row: the episode, person and
event indexes are keyed by random UUIDs), and on PostgreSQL so are the foreign keys (each row
would queue a deferred check for the commit; adding the constraint back checks every row in one
join). All of it is DDL inside the transaction, so a failed build leaves the schema as it was.

The writes run on a thread of their own beside the simulation: SQLite and PostgreSQL do their
work with the interpreter lock released, so the second core is used while the next rows are made.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model

from liaison.demo.bulk import Table

Job = Callable[[], None]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


class Load:
    """The tables of `models`, loaded in order; `finish` puts their indexes and keys back."""

    def __init__(self, models: list[type[Model]]) -> None:
        connection.ensure_connection()
        self.vendor = connection.vendor
        self.tables = {m: Table(m, connection) for m in models}
        self._raw: Any = connection.connection
        self._restore: list[str] = []
        self._writer = _Writer()
        self.counts: dict[type[Model], int] = dict.fromkeys(models, 0)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # The network's rows saved just before wait for their deferred key checks, and a
                # table with checks pending cannot be altered: run them now, then defer again.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in self.tables.values():
                for drop, create in self._secondary(cursor, table.name):
                    cursor.execute(drop)
                    self._restore.append(create)

    def _secondary(self, cursor: Any, table: str) -> list[tuple[str, str]]:
        """(drop, create) for each index and foreign key the load can do without."""
        if self.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
            return [(f"DROP INDEX {_quote(name)}", sql) for name, sql in cursor.fetchall()]
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT EXISTS ("
            "  SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)",
            [_quote(table)],
        )
        indexes = [(f"DROP INDEX {_quote(name)}", sql) for name, sql in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
            "AND contype = 'f' ORDER BY conname",
            [_quote(table)],
        )
        keys = [
            (
                f"ALTER TABLE {_quote(table)} DROP CONSTRAINT {_quote(name)}",
                f"ALTER TABLE {_quote(table)} ADD CONSTRAINT {_quote(name)} {definition}",
            )
            for name, definition in cursor.fetchall()
        ]
        return indexes + keys

    def write(self, model: type[Model], values: list[tuple[Any, ...]]) -> None:
        """Queue rows of column values (`Table.values`); they are sent on the writer's thread."""
        if not values:
            return
        table = self.tables[model]
        self.counts[model] += len(values)
        self._writer.put(lambda: self._send(table, values))

    def _send(self, table: Table, values: list[tuple[Any, ...]]) -> None:
        columns = ", ".join(_quote(c) for c in table.columns)
        if self.vendor == "sqlite":
            marks = ", ".join("?" * len(table.columns))
            self._raw.executemany(f"INSERT INTO {_quote(table.name)} ({columns}) VALUES ({marks})", values)  # noqa: S608
            return
        with self._raw.cursor() as cursor, cursor.copy(f"COPY {_quote(table.name)} ({columns}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)

    def wait(self) -> None:
        """Until every queued row is in the database."""
        self._writer.wait()

    def finish(self, progress: Callable[[str], None] = lambda _: None) -> None:
        """The indexes and keys back, the sequences past the ids given, fresh statistics."""
        self.wait()
        self._writer.stop()
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # Each index is one sort of its whole table: in memory rather than in batches on disk.
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for sql in self._restore:
                progress(sql.split(" ON ")[0] if " ON " in sql else sql.split(" ADD ")[0])
                cursor.execute(sql)
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.tables)):
                cursor.execute(sql)
        statistics([table.name for table in self.tables.values()])

    def abandon(self) -> None:
        self._writer.stop()


def statistics(tables: list[str]) -> None:
    """Fresh planner statistics for `tables` after a bulk load. With the counts of the empty
    tables they had before, PostgreSQL reads a month of events for the store by a plan that takes
    seconds a row, and SQLite, with none at all, reads a scheme's 100,000 episodes to find one
    person's. SQLite samples (`analysis_limit`: rows per index), so the national build's ten
    million events take seconds, not minutes."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
        for table in tables:
            cursor.execute(f"ANALYZE {_quote(table)}")


class _Writer:
    """Runs jobs in order on one thread; a job's error is raised at the next `put` or `wait`."""

    def __init__(self) -> None:
        # A few chunks' tables in flight at most, so the rows waiting to be written stay few.
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=24)
        self._error: BaseException | None = None
        # Started at the first job: the simulations are forked before, from a single thread.
        self._thread = threading.Thread(target=self._run, name="demo-load", daemon=True)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if self._error is None:
                    job()
            except BaseException as e:  # any error, handed to the caller's thread
                self._error = e
            finally:
                self._jobs.task_done()
        self._jobs.task_done()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def put(self, job: Job) -> None:
        self._raise()
        if self._thread.ident is None:
            self._thread.start()
        self._jobs.put(job)

    def wait(self) -> None:
        self._jobs.join()
        self._raise()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()


@contextmanager
def fast_sqlite() -> Iterator[None]:
    """SQLite settings for the load only, where they can change (outside any transaction).

    No foreign-key lookup per row: the rows reference each other by ids given in one pass (a
    test checks every reference of a small build). A rollback journal instead of the WAL: the
    load writes gigabytes in one transaction, which the WAL would hold whole and then copy into
    the database; a rollback journal keeps only pages that held data before (almost none in an
    empty database), and a failed build still rolls back. No fsync until the end: the demo builds
    only into an empty database, so a crash loses nothing but the build itself. A large page
    cache, as the unique indexes kept during the load are keyed by random UUIDs. All of it is
    put back after."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        before = {}
        for name in ("journal_mode", "synchronous", "cache_size"):
            cursor.execute(f"PRAGMA {name}")
            before[name] = cursor.fetchone()[0]
        for pragma in ("foreign_keys = OFF", "journal_mode = DELETE", "synchronous = OFF", "cache_size = -524288"):
            cursor.execute(f"PRAGMA {pragma}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in before.items():
                cursor.execute(f"PRAGMA {name} = {value}")
            cursor.execute("PRAGMA foreign_keys = ON")
