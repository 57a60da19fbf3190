"""Fixtures for the reporting tests: one Spark session for the whole run.

Spark takes seconds to start, so there is one session, started the first time a test asks for
it. When pyspark or Java is missing (or Spark will not start), the Spark tests are skipped with
the reason, unless LIAISON_CI is set, when the same condition fails them, so CI can never pass
by skipping (the rule tests/e2e/conftest.py applies to the browser).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def spark_unavailable(reason: str) -> NoReturn:
    if os.environ.get("LIAISON_CI"):
        pytest.fail(f"Spark tests are required in CI (LIAISON_CI is set): {reason}", pytrace=False)
    pytest.skip(f"Spark tests skipped: {reason}")


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    try:
        import pyspark  # noqa: F401
    except ImportError as e:
        spark_unavailable(f"pyspark cannot be imported ({e}); `uv sync` installs it")
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        spark_unavailable("no Java (Spark needs Java 17): install openjdk-17-jre-headless or set JAVA_HOME")
    from liaison.reporting.engines import spark_session

    started = time.monotonic()
    try:
        session = spark_session()
    except Exception as e:  # Spark reports a failed start in several ways
        spark_unavailable(f"Spark would not start ({e})")
    print(f"\nSpark started in {time.monotonic() - started:.1f} s")
    yield session
    session.stop()
