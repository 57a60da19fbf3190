"""Every measure's rows over the analytics store, computed once per version of the store.

Pages, downloads, the API and the monthly return all read the same rows: `all_rows()` runs the
whole catalogue on DuckDB (ADR 0012) the first time it is asked after a refresh, and keeps the
result in the process, keyed by the store's manifest (which a refresh rewrites last), so a
second look costs nothing and a refreshed store is never answered from an old one.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from liaison.reporting.engines import run_all
from liaison.reporting.measures import REGISTRY, Row
from liaison.reporting.store import analytics_dir


@dataclass(frozen=True)
class Computed:
    rows: dict[str, list[Row]]
    store_version: str  # the manifest's digest: which store the rows came from
    refreshed_at: datetime | None  # when that store was last refreshed (the manifest's time)

    _index: dict[tuple[str, str, str], list[Row]] = field(default_factory=dict, init=False, repr=False)
    _monthly: dict[tuple[str, str, str, str], list[Row]] = field(default_factory=dict, init=False, repr=False)
    _months: list[str] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        # Built once, before the object is shared between threads: every return reads it (by
        # area, and by area and month: five years of returns ask for one month at a time).
        for name, rows in self.rows.items():
            for r in rows:
                self._index.setdefault((name, r["level"], r["area"]), []).append(r)
                self._monthly.setdefault((name, r["level"], r["area"], r["month"]), []).append(r)
        self._months.extend(sorted({month for (_, _, _, month) in self._monthly}))

    def of(self, measure: str, *, level: str, area: str, months: set[str] | None = None) -> list[Row]:
        """The measure's rows of one area, in month order (and their categories' order)."""
        if months is None:
            return self._index.get((measure, level, area), [])
        ordered = sorted(months) if len(months) > 1 else months
        return [r for month in ordered for r in self._monthly.get((measure, level, area, month), [])]

    def months(self) -> list[str]:
        """Every month any measure has a row for, in order."""
        return list(self._months)


_lock = threading.Lock()
_cache: dict[Path, Computed] = {}


def _version(root: Path) -> tuple[str, datetime | None]:
    manifest = root / "manifest.json"
    try:
        content = manifest.read_bytes()
        stamp = datetime.fromtimestamp(manifest.stat().st_mtime).astimezone()
    except FileNotFoundError:
        return "empty", None
    return hashlib.sha256(content).hexdigest(), stamp


def all_rows(root: Path | None = None) -> Computed:
    """Every measure's rows over the store as it is now (an empty store gives no rows)."""
    root = Path(root or analytics_dir())
    version, stamp = _version(root)
    with _lock:
        cached = _cache.get(root)
        if cached is not None and cached.store_version == version:
            return cached
        computed = Computed(rows=run_all(REGISTRY.values(), store_dir=root), store_version=version, refreshed_at=stamp)
        _cache[root] = computed
        return computed
