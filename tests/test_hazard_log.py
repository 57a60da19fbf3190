"""The hazard log (docs/hazard-log.md) ties each control to a test: every test it names exists,
and every hazard names at least one, so a renamed or deleted test cannot leave a control unproved."""

from __future__ import annotations

import re
from pathlib import Path

LOG = Path(__file__).resolve().parent.parent / "docs" / "hazard-log.md"
ROOT = LOG.parent.parent
CITED = re.compile(r"`(tests/[^`:]+\.py)?::(test_\w+)`")


def _hazards() -> dict[str, list[tuple[str, str]]]:
    hazards: dict[str, list[tuple[str, str]]] = {}
    for line in LOG.read_text().splitlines():
        row = re.match(r"\| (H\d+) \|", line)
        if not row:
            continue
        tests, current = [], ""
        for m in CITED.finditer(line):
            current = m.group(1) or current
            tests.append((current, m.group(2)))
        hazards[row.group(1)] = tests
    return hazards


def test_every_hazard_in_the_table_names_a_test() -> None:
    hazards = _hazards()
    assert len(hazards) >= 10
    assert [h for h, tests in hazards.items() if not tests] == []


def test_every_test_the_log_names_exists() -> None:
    missing = [
        f"{path}::{name}"
        for tests in _hazards().values()
        for path, name in tests
        if not (ROOT / path).is_file() or f"def {name}(" not in (ROOT / path).read_text()
    ]
    assert missing == []
