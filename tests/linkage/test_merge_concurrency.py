"""Two team leads merging the same pair at the same moment, each thread on its own database
connection (PostgreSQL: SQLite serialises its writers). One merge wins, the other is refused
with a coded conflict, and nothing is moved twice or half."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from django.db import connection, connections

from liaison.core.errors import Conflict
from liaison.linkage.actions import people_merge
from liaison.linkage.models import PersonMerge
from liaison.people.models import Person, PersonEvent
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes the one write lock at BEGIN IMMEDIATE: its writers queue")


def _at_once(calls: list[tuple[Any, Person, Person]]) -> list[str]:
    start = threading.Barrier(len(calls))

    def merge(by: Any, keep: Person, absorb: Person) -> str:
        try:
            start.wait()
            people_merge(by=by, keep=keep, absorb=absorb, reason="Same person")
            return "merged"
        except Conflict as e:
            return e.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return sorted(pool.map(lambda c: merge(*c), calls))


@pytest.mark.parametrize("either_way_round", [False, True])
def test_two_merges_of_one_pair_at_once_make_one_merge(network, either_way_round) -> None:
    by = network.practitioner_a
    people = [
        factories.person(
            by=by, scheme=network.scheme_a, given_name="Jordan", family_name=name, date_of_birth=date(1990, 5, 17)
        )
        for name in ("Ashworth", "Ashwort")
    ]
    for p, site in zip(people, (network.custody_a, network.court_a), strict=True):
        factories.episode(by=by, site=site, who=p)
    first, second = people
    leads = [network.team_lead_a, factories.staff(role="team_lead", scheme=network.scheme_a)]
    calls = [(leads[0], first, second), (leads[1], second, first) if either_way_round else (leads[1], first, second)]
    assert _at_once(calls * 2) == ["already_merged"] * 3 + ["merged"]
    merge = PersonMerge.objects.get()
    assert merge.kept.episodes.count() == 2 and merge.absorbed.episodes.count() == 0
    assert Person.objects.filter(merged_into__isnull=False).count() == 1
    assert PersonEvent.objects.filter(kind="person:merge").count() == 2
