"""Whether a disposal was carried out after a second person's review (ADR 0027).

The chain check accepts a redacted row only for such a disposal. Disposals belong to the records
app, which sits above this one, so it registers the answer here when Django starts
(`RecordsConfig.ready`), as the apps above pathway register their event tags; with nothing
registered, no redaction is accepted.
"""

from __future__ import annotations

from collections.abc import Callable

_check: Callable[[int], bool] | None = None


def register(check: Callable[[int], bool]) -> None:
    global _check
    _check = check


def carried_out(disposal_id: int) -> bool:
    return _check is not None and _check(disposal_id)
