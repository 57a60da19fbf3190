from __future__ import annotations

import pytest

from liaison.geography.reference import load_reference


@pytest.fixture
def reference(db: None) -> None:
    """The shipped geography, loaded by the migrations; loaded again if a flush took it."""
    load_reference()
