"""A merge reaches the analytics store at its next refresh with no change to the store: the two
records' episodes carry one pseudonym, and an unmerge splits them again."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from liaison.linkage.actions import people_merge, people_unmerge
from liaison.reporting.store import read, refresh
from tests import factories


@pytest.fixture(autouse=True)
def analytics(settings, tmp_path, monkeypatch):
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    monkeypatch.setenv("LIAISON_PSEUDONYM_KEY", "a test key")


def _episode_people() -> set[str]:
    return {r["person"] for r in read().to_pylist() if r["stream"] == "episode"}


def test_after_a_merge_the_store_counts_the_two_records_as_one_person(network: Any) -> None:
    by = network.practitioner_a
    people = [
        factories.person(by=by, scheme=network.scheme_a, family_name=f, date_of_birth=date(1990, 5, 17))
        for f in ("Ashworth", "Ashwort")
    ]
    factories.episode(by=by, site=network.custody_a, who=people[0], minutes_ago=40 * 24 * 60)
    factories.episode(by=by, site=network.court_a, who=people[1])
    refresh()
    assert len(_episode_people()) == 2
    merge = people_merge(by=network.team_lead_a, keep=people[0], absorb=people[1], reason="Same person")
    refresh()
    assert len(_episode_people()) == 1
    merged = [r for r in read().to_pylist() if r["kind"] == "person:merge"]
    assert len(merged) == 2 and "Same person" not in str(merged)
    people_unmerge(by=network.team_lead_a, merge=merge, reason="Twins")
    refresh()
    assert len(_episode_people()) == 2
