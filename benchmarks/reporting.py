"""Reporting at national scale, measured (issue 8, section 7).

    .venv/bin/liaison demo --seed 1 --scale national        # once, into an empty database
    .venv/bin/python benchmarks/reporting.py [--database-url URL] [--store DIR] [--keep-store]

On the data in the operational database (SQLite by default, or `--database-url`, else
DATABASE_URL) it prints, each beside its target:

1. the time to refresh the analytics store from empty (`liaison.reporting.store.refresh`,
   ADR 0011), into `--store` (emptied first; `--keep-store` reuses what is there instead);
2. the time to compute every monthly figure for every scheme, region and England for all the
   months held: every measure in the catalogue run over the whole store on DuckDB
   (`engines.run_all`); and every scheme's monthly return for every month, as the returns
   pages assemble them (`figures.all_rows` once, then `returns.draft` per scheme and month);
3. the core measures (identified, people, screened, assessed, referred, time to screening median
   and 90th percentile, identified by point of contact) computed twice: by the DuckDB engine, and
   by a straightforward baseline that reads the operational tables through the Django ORM into
   pandas. The two must give the same rows (asserted), so the speed-up is like for like;
4. the peak memory (resident set size, sampled every 20 ms) of each step, and of the process.

The figures of a run are in the README ("Benchmarks").
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The measures the baseline computes too.
CORE = (
    "identified",
    "people",
    "screened",
    "assessed",
    "referred",
    "time_to_screening",
    "identified_by_point_of_contact",
)
TARGET_SECONDS = 10.0
TARGET_SPEED_UP = 10.0
TARGET_PEAK_MB = 4096


class Peak:
    """The largest resident set size seen while a step runs (sampled from /proc)."""

    def __init__(self) -> None:
        self.mb = 0.0
        self._stop = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def _rss(self) -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * self._page / 2**20

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.mb = max(self.mb, self._rss())

    @contextmanager
    def watching(self) -> Iterator[Peak]:
        self.mb = self._rss()
        sampler = threading.Thread(target=self._sample, daemon=True)
        sampler.start()
        try:
            yield self
        finally:
            self._stop.set()
            sampler.join()
            self.mb = max(self.mb, self._rss())


def timed(label: str, fn: Callable[[], Any]) -> tuple[Any, float, float]:
    print(f"{label} ...", file=sys.stderr, flush=True)
    with Peak().watching() as peak:
        started = time.perf_counter()
        result = fn()
        took = time.perf_counter() - started
    return result, took, peak.mb


def line(what: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("  met" if ok else "  NOT MET")
    print(f"{what:<58} {value:>14}   {target}{verdict}")


# --- the baseline: the operational tables through the ORM into pandas -------------------------


def baseline() -> dict[str, list[dict[str, Any]]]:
    """The core measures as an analyst might compute them without the store: each event table
    read through the ORM into pandas, grouped per scheme, region and England and month."""
    import pandas as pd  # type: ignore[import-untyped]
    from django.db.models.fields.json import KT

    from liaison.pathway.models import PathwayEvent
    from liaison.reporting.measures import SCREENINGS

    identify = PathwayEvent.objects.filter(kind="episode:identify").values_list(
        "episode_id",
        "occurred_at",
        "episode__person_id",
        "episode__scheme_id",
        "episode__scheme__region__code",
        KT("data__point_of_contact"),
    )
    episodes = pd.DataFrame.from_records(
        list(identify.iterator(chunk_size=20_000)),
        columns=["episode", "identified_at", "person", "scheme_id", "region", "point_of_contact"],
    )
    episodes["month"] = _months(episodes["identified_at"])
    steps = PathwayEvent.objects.filter(
        kind__in=[*SCREENINGS, "episode:assess", "episode:refer"], voided_by__isnull=True
    ).values_list("episode_id", "kind", "occurred_at")
    events = pd.DataFrame.from_records(list(steps.iterator(chunk_size=20_000)), columns=["episode", "kind", "at"])
    events["stage"] = events["kind"].where(~events["kind"].isin(SCREENINGS), "screen")

    firsts = events.loc[events.groupby(["episode", "stage"])["at"].idxmin()]
    firsts = firsts.merge(episodes[["episode", "scheme_id", "region", "identified_at"]], on="episode")
    firsts["month"] = _months(firsts["at"])

    out: dict[str, list[dict[str, Any]]] = {
        "identified": _per_level(episodes, lambda g: g.size().rename("value")),
        "people": _per_level(episodes, lambda g: g["person"].nunique().rename("value")),
        "identified_by_point_of_contact": _per_level(
            episodes, lambda g: g.size().rename("value"), by=("point_of_contact",)
        ),
    }
    for name, stage in (("screened", "screen"), ("assessed", "episode:assess"), ("referred", "episode:refer")):
        out[name] = _per_level(firsts[firsts["stage"] == stage], lambda g: g.size().rename("value"))
    screened = firsts[firsts["stage"] == "screen"].copy()
    screened["wait"] = (screened["at"] - screened["identified_at"]) // pd.Timedelta(microseconds=1)
    out["time_to_screening"] = _per_level(screened, _timeliness)
    return out


def _months(moments: Any) -> Any:
    return moments.dt.tz_convert("Europe/London").dt.strftime("%Y-%m")


def _per_level(frame: Any, figure: Callable[[Any], Any], by: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The figure per scheme, per region and for England, by month (and `by`)."""
    import pandas as pd

    parts = []
    for level, area in (("scheme", frame["scheme_id"].astype(str)), ("region", frame["region"]), ("england", None)):
        framed = frame.assign(level=level, area="England" if area is None else area)
        framed = framed[framed["area"].notna()]
        parts.append(figure(framed.groupby(["level", "area", "month", *by])).reset_index())
    table = pd.concat(parts, ignore_index=True)
    return [{k: _plain(v) for k, v in row.items()} for row in table.to_dict("records")]


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _timeliness(groups: Any) -> Any:
    """How many, and the median and 90th percentile wait in minutes, by linear interpolation
    between closest ranks, in whole microseconds as the measure computes them."""
    import pandas as pd

    def figures(waits: Any) -> Any:
        ordered = sorted(int(w) for w in waits)
        return pd.Series(
            {
                "episodes": len(ordered),
                "median_minutes": _percentile(ordered, 50),
                "p90_minutes": _percentile(ordered, 90),
            }
        )

    return groups["wait"].apply(figures).unstack()


def _percentile(ordered: list[int], k: int) -> float:
    lo, frac = divmod((len(ordered) - 1) * k, 100)
    low = ordered[lo]
    high = ordered[lo + 1] if lo + 1 < len(ordered) else low
    return (low * 100 + frac * (high - low)) / 6_000_000_000


def same(engine: dict[str, list[dict[str, Any]]], base: dict[str, list[dict[str, Any]]]) -> None:
    from liaison.reporting.measures import REGISTRY

    def keyed(rows: list[dict[str, Any]], keys: tuple[str, ...], columns: tuple[str, ...]) -> dict[Any, Any]:
        return {tuple(r[k] for k in keys): {c: r[c] for c in columns} for r in rows}

    for name in CORE:
        measure = REGISTRY[name]
        a = keyed(engine[name], measure.keys, measure.columns)
        b = keyed(base[name], measure.keys, measure.columns)
        if a != b:
            differ = [k for k in a.keys() | b.keys() if a.get(k) != b.get(k)][:5]
            raise AssertionError(f"{name}: the baseline differs from the engine, e.g. {differ}")


def every_return(root: Path) -> int:
    """Each scheme's draft return for each month the store holds, as the returns pages build
    them: every measure run once over the store (`figures.all_rows`), then assembled per scheme
    and month with its definitions and data-quality warnings (`returns.draft`)."""
    from liaison.organisations.models import Scheme
    from liaison.reporting import figures, returns

    computed = figures.all_rows(root)
    schemes = list(Scheme.objects.all())
    drafts = [returns.draft(s, month, computed=computed) for s in schemes for month in computed.months()]
    return len(drafts)


# --- the run ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="The operational database (default: DATABASE_URL, else SQLite)")
    parser.add_argument("--store", type=Path, default=ROOT / "var" / "benchmark-store", help="Where the store goes")
    parser.add_argument("--keep-store", action="store_true", help="Reuse the store in --store; no refresh")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ["LIAISON_ANALYTICS_DIR"] = str(args.store)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    import django

    django.setup()
    from django.db import connection

    from liaison.pathway.models import Episode, PathwayEvent
    from liaison.reporting import engines, store
    from liaison.reporting.measures import REGISTRY

    episodes, events = Episode.objects.count(), PathwayEvent.objects.count()
    print(f"Data: {connection.vendor}, {episodes:,} episodes, {events:,} episode events", flush=True)
    if not args.keep_store:
        shutil.rmtree(args.store, ignore_errors=True)
        _, took, mb = timed("Refreshing the store from empty", lambda: store.refresh(full=True))
        line("Refresh of the store from empty", f"{took:,.1f} s", f"peak {mb:,.0f} MB")
    import pyarrow.parquet as pq

    files = sorted((args.store / "events").glob("month=*/events.parquet"))
    rows, months = sum(pq.ParquetFile(f).metadata.num_rows for f in files), len(files)
    print(f"Store: {rows:,} rows over {months} months", flush=True)

    everything, took_all, mb_all = timed("Every measure, every month", lambda: engines.run_all(store_dir=args.store))
    figures = sum(len(r) for r in everything.values())
    line(
        f"All {len(REGISTRY)} measures, all areas, {months} months (DuckDB)",
        f"{took_all:,.2f} s",
        f"target <= {TARGET_SECONDS:.0f} s; {figures:,} rows",
        took_all <= TARGET_SECONDS,
    )
    drafts, took_returns, mb_returns = timed("Every monthly return", lambda: every_return(args.store))
    line(
        f"Every scheme's monthly return, {months} months ({drafts:,} drafts)",
        f"{took_returns:,.2f} s",
        f"target <= {TARGET_SECONDS:.0f} s; peak {mb_returns:,.0f} MB",
        took_returns <= TARGET_SECONDS,
    )

    core, took_core, mb_core = timed("Core measures on DuckDB", lambda: engines.run_all(CORE, store_dir=args.store))
    base, took_base, mb_base = timed("Core measures by the ORM and pandas", baseline)
    same(core, base)
    line(f"Core measures ({len(CORE)}), DuckDB", f"{took_core:,.2f} s", f"peak {mb_core:,.0f} MB")
    line("Core measures, ORM + pandas baseline (same rows, asserted)", f"{took_base:,.2f} s", f"peak {mb_base:,.0f} MB")
    line(
        "Speed-up of DuckDB over the baseline",
        f"{took_base / took_core:,.1f} x",
        f"target >= {TARGET_SPEED_UP:.0f} x",
        took_base / took_core >= TARGET_SPEED_UP,
    )
    overall = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    target = f"target < {TARGET_PEAK_MB} MB"
    line("Peak memory, all measures on DuckDB", f"{mb_all:,.0f} MB", target, mb_all < TARGET_PEAK_MB)
    line("Peak memory of this process (every step)", f"{overall:,.0f} MB", target, overall < TARGET_PEAK_MB)


if __name__ == "__main__":
    main()
