"""Running the measures: each definition's SQL on DuckDB (embedded, the default) as written, or
on Spark (local mode here, a cluster at national scale) transpiled by SQLGlot (ADR 0012).

A run first computes the relations its measures read, once each (a DuckDB temporary table, a
cached Spark view), then every measure over them (ADR 0016)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlglot

from liaison.reporting.measures import COHORTS, REGISTRY, RELATIONS, Engine, Measure, Relation, Row, relations_for

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def spark_sql(definition: Measure | Relation) -> str:
    """The definition's SQL in Spark's dialect."""
    return _to_spark(definition.sql)


@cache
def _to_spark(sql: str) -> str:
    return sqlglot.transpile(sql, read="duckdb", write="spark", pretty=True)[0]


def _files(store_dir: Path) -> list[Path]:
    return sorted((Path(store_dir) / "events").glob("month=*/events.parquet"))


def duckdb_connection(store_dir: Path) -> Any:
    """An in-memory DuckDB connection with the store as the view `events` (the store must have
    at least one month)."""
    import duckdb

    connection = duckdb.connect()
    # Every result is sorted in Python (`_sorted`): DuckDB need not keep the order it read rows in.
    connection.execute("SET preserve_insertion_order = false")
    # The month is the partition's name, kept as text (not guessed to be a date).
    files = ", ".join("'" + str(f).replace("'", "''") + "'" for f in _files(store_dir))
    connection.execute(
        f"CREATE VIEW events AS SELECT * FROM read_parquet([{files}], hive_partitioning = true, "
        "hive_types = {'month': VARCHAR})"
    )
    return connection


def has_months(store_dir: Path) -> bool:
    return bool(_files(store_dir))


# --- the relations, kept in the store (ADR 0016)
#
# A refresh computes every relation once on DuckDB and writes it beside the months, with the
# months' digests and the relations' versions it came from. A DuckDB run reads a relation from
# there when both still match (the months it was computed from are the store's now, and its
# definition is the same version); otherwise, and always on Spark (so the definitions are run
# there too), the run computes it.


def _facts_dir(store_dir: Path) -> Path:
    return Path(store_dir) / "facts"


def _months_digest(store_dir: Path) -> str | None:
    try:
        manifest = json.loads((Path(store_dir) / "manifest.json").read_text())
    except (FileNotFoundError, ValueError):
        return None
    months = json.dumps(manifest.get("months", {}), sort_keys=True)
    return hashlib.sha256(months.encode()).hexdigest()


def _versions() -> dict[str, int]:
    return {r.name: r.version for r in RELATIONS.values()}


def write_facts(store_dir: Path) -> None:
    """Compute every relation over the store and keep it there (each file replaced whole, the
    facts manifest last, so a run killed half-way leaves facts that a reader finds stale)."""
    digest = _months_digest(store_dir)
    folder = _facts_dir(store_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").unlink(missing_ok=True)
    if digest is None or not _files(store_dir):
        return
    connection = duckdb_connection(store_dir)
    try:
        for relation in relations_for([*REGISTRY.values(), *COHORTS.values()]):
            connection.execute(f"CREATE TEMPORARY TABLE {relation.name} AS {relation.sql}")
            target = folder / f"{relation.name}.parquet"
            partial = folder / f".{relation.name}.parquet.tmp"
            connection.execute(f"COPY {relation.name} TO '{partial}' (FORMAT PARQUET, COMPRESSION ZSTD)")
            os.replace(partial, target)
    finally:
        connection.close()
    manifest = {"months": digest, "versions": _versions()}
    (folder / ".manifest.tmp").write_text(json.dumps(manifest, sort_keys=True))
    os.replace(folder / ".manifest.tmp", folder / "manifest.json")


def facts_current(store_dir: Path) -> bool:
    """Whether the relations kept in the store are those of the store as it is now."""
    try:
        manifest = json.loads((_facts_dir(store_dir) / "manifest.json").read_text())
    except (FileNotFoundError, ValueError):
        return False
    return bool(manifest == {"months": _months_digest(store_dir), "versions": _versions()})


@dataclass
class _DuckDB:
    store_dir: Path
    connection: Any = field(init=False)

    kept: bool = field(init=False)

    def __post_init__(self) -> None:
        self.connection = duckdb_connection(self.store_dir)
        self.kept = facts_current(self.store_dir)

    def compute(self, relation: Relation) -> None:
        if self.kept:
            path = str(_facts_dir(self.store_dir) / f"{relation.name}.parquet").replace("'", "''")
            self.connection.execute(f"CREATE VIEW {relation.name} AS SELECT * FROM read_parquet('{path}')")
            return
        self.connection.execute(f"CREATE TEMPORARY TABLE {relation.name} AS {relation.sql}")

    def close(self) -> None:
        self.connection.close()

    def rows(self, measure: Measure) -> list[Row]:
        cursor = self.connection.execute(measure.sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


_SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    # Tiny tables in tests; a cluster sets its own.
    "spark.sql.shuffle.partitions": os.environ.get("LIAISON_SPARK_SHUFFLE_PARTITIONS", "1"),
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.driver.bindAddress": "127.0.0.1",
    # For small local runs, planning and code generation cost more than they save.
    "spark.sql.adaptive.enabled": os.environ.get("LIAISON_SPARK_ADAPTIVE", "false"),
    "spark.sql.codegen.wholeStage": os.environ.get("LIAISON_SPARK_CODEGEN", "false"),
}


def spark_session() -> SparkSession:
    """The Spark session (local mode unless LIAISON_SPARK_MASTER names a cluster)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(os.environ.get("LIAISON_SPARK_MASTER", "local[1]")).appName("liaison")
    for k, v in _SPARK_CONF.items():
        builder = builder.config(k, v)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


@dataclass
class _Spark:
    store_dir: Path
    session: SparkSession
    cached: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.session.read.option("basePath", str(Path(self.store_dir) / "events")).parquet(
            *[str(f) for f in _files(self.store_dir)]
        ).createOrReplaceTempView("events")

    def compute(self, relation: Relation) -> None:
        frame = self.session.sql(spark_sql(relation)).cache()
        frame.createOrReplaceTempView(relation.name)
        self.cached.append(frame)

    def close(self) -> None:
        # The session outlives the run (tests share one): its cached relations do not.
        for frame in self.cached:
            frame.unpersist()

    def rows(self, measure: Measure) -> list[Row]:
        return [r.asDict() for r in self.session.sql(spark_sql(measure)).collect()]


def _sorted(measure: Measure, rows: list[Row], months: Sequence[str] | None) -> list[Row]:
    wanted = set(months) if months is not None else None
    kept = [r for r in rows if wanted is None or r["month"] in wanted]
    return sorted(kept, key=lambda r: tuple((r[n] is None, r[n] or "") for n in measure.keys))


def run(
    measure: Measure | str,
    *,
    engine: Engine = "duckdb",
    store_dir: Path,
    months: Sequence[str] | None = None,
    spark: SparkSession | None = None,
) -> list[Row]:
    """The measure's rows (level, area, month, figures), for the months asked (all by default),
    sorted by their keys. The whole store is read: a first screening is first over all history."""
    return run_all([measure], engine=engine, store_dir=store_dir, months=months, spark=spark)[
        measure if isinstance(measure, str) else measure.name
    ]


def run_all(
    measures: Iterable[Measure | str] | None = None,
    *,
    engine: Engine = "duckdb",
    store_dir: Path,
    months: Sequence[str] | None = None,
    spark: SparkSession | None = None,
) -> dict[str, list[Row]]:
    """Several measures over one reading of the store (every measure by default)."""
    chosen = [REGISTRY[m] if isinstance(m, str) else m for m in (REGISTRY.values() if measures is None else measures)]
    if not _files(store_dir):
        return {m.name: [] for m in chosen}
    runner: _DuckDB | _Spark
    if engine == "duckdb":
        runner = _DuckDB(Path(store_dir))
    elif engine == "spark":
        runner = _Spark(Path(store_dir), spark or spark_session())
    else:
        raise ValueError(f"unknown engine {engine!r}: duckdb or spark")
    try:
        for relation in relations_for(chosen):
            runner.compute(relation)
        return {m.name: _sorted(m, runner.rows(m), months) for m in chosen}
    finally:
        runner.close()
