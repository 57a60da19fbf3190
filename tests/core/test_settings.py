"""Settings read from the environment refuse a value they do not know, rather than guess."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import liaison.settings"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("rule", ["two-or-more", "three-part", " Three-Part "])
def test_the_helps_rule_setting_takes_either_rule(rule):
    assert load_settings(LIAISON_HELPS_RULE=rule).returncode == 0


def test_a_mistyped_helps_rule_stops_the_service_from_starting():
    loaded = load_settings(LIAISON_HELPS_RULE="three")
    assert loaded.returncode != 0
    assert "LIAISON_HELPS_RULE must be two-or-more or three-part" in loaded.stderr
