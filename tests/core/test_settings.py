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


def _database(**env: str) -> dict[str, object]:
    import json

    shown = subprocess.run(
        [sys.executable, "-c", "import json, liaison.settings as s; print(json.dumps(s.DATABASES['default']))"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(shown.stdout)


def test_postgresql_connections_come_from_a_pool_of_eight_by_default():
    db = _database(DATABASE_URL="postgres://liaison@db.example:5432/liaison")
    assert db["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    # Django refuses persistent connections beside a pool.
    assert db["CONN_MAX_AGE"] == 0


def test_a_pool_size_of_nought_keeps_persistent_connections_instead():
    db = _database(DATABASE_URL="postgres://liaison@db.example:5432/liaison", LIAISON_DB_POOL_SIZE="0")
    assert "pool" not in db.get("OPTIONS", {})
    assert db["CONN_MAX_AGE"] == 60


def test_a_pool_size_that_is_not_a_number_stops_the_service_from_starting():
    loaded = load_settings(DATABASE_URL="postgres://liaison@db.example:5432/liaison", LIAISON_DB_POOL_SIZE="eight")
    assert loaded.returncode != 0
    assert "LIAISON_DB_POOL_SIZE must be a whole number, not 'eight'" in loaded.stderr
