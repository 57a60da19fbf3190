"""Keeping the analytics store fresh: one refresh at a time, on demand or on a schedule.

`make run` refreshes once at start and then every LIAISON_REPORTING_REFRESH_SECONDS (default 300)
in a background `liaison reporting refresh --every`, and a monthly return refreshes the store
itself just before it is submitted, so what is submitted includes every event written until
then. Two refreshes at once would both rebuild the same months, so they take turns on a lock
file beside the store.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager

from liaison.reporting.store import Result, analytics_dir, refresh


@contextmanager
def _turn() -> Iterator[None]:
    root = analytics_dir()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".refresh.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def refresh_in_turn(*, full: bool = False, progress: bool = False, key: str | None = None) -> Result:
    """`store.refresh`, waiting for any refresh already running (in any process) to finish."""
    with _turn():
        return refresh(full=full, progress=progress, key=key)
