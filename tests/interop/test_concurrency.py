"""Many writes at one custody suite at the same moment, through the API, each thread on its own
database connection: shares, identifications, voids and referral transitions. Every answer is a
success or a coded refusal (409 where two people did the same thing at once), never a 5xx."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections

from liaison.accounts.actions import api_token_create
from liaison.pathway.actions import episode_note
from tests import factories
from tests.interop.conftest import CONSENT_BODY, SHARE_BODY, Api
from tests.referrals import builders

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 3


@pytest.fixture(autouse=True)
def _postgresql_only(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes the one write lock at BEGIN IMMEDIATE: its writers queue, they never deadlock")


def _one_site_at_once(network: Any) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The calls of one round: (what, method, path, body), all at custody suite A."""
    by, site = network.practitioner_a, network.custody_a
    calls: list[tuple[str, str, str, dict[str, Any]]] = []
    for _ in range(3):  # two shares on each of three episodes
        e = factories.episode(by=by, site=site)
        Api(_token(by)).post(f"/episodes/{e.pk}/consents", CONSENT_BODY)
        calls += [("share", "POST", f"/episodes/{e.pk}/shares", SHARE_BODY)] * 2
    alert = {"site": site.code, "referral_source": "E1", "alerted_by": "Custody sergeant"}
    for _ in range(3):  # three people new to L&D
        p = factories.person(by=by, scheme=network.scheme_a)
        calls.append(("identify", "POST", "/episodes", {**alert, "person_id": str(p.pk)}))
    p = factories.person(by=by, scheme=network.scheme_a)  # and one identified by three at once
    calls += [("identify one", "POST", "/episodes", {**alert, "person_id": str(p.pk)})] * 3
    e = factories.episode(by=by, site=site)
    note = episode_note(by=by, episode=e, text="Solicitor informed")
    calls += [("void", "POST", f"/episodes/{e.pk}/events/{note.pk}/void", {"reason": "Wrong person"})] * 3
    r = builders.referral(episode=factories.episode(by=by, site=site), by=by)
    calls += [("accept", "POST", f"/referrals/{r.pk}/transitions", {"transition": "accept"})] * 3
    return calls


def _token(user: Any) -> str:
    return api_token_create(user=user, name="concurrency")[1]


def _all_at_once(token: str, calls: list[tuple[str, str, str, dict[str, Any]]]) -> list[tuple[str, int, str]]:
    start = threading.Barrier(len(calls))

    def call(what: str, method: str, path: str, body: dict[str, Any]) -> tuple[str, int, str]:
        try:
            api = Api(token)
            start.wait()
            response = api.post(path, body)
            return what, response.status_code, response.json().get("code", "")
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda c: call(*c), calls))


def test_concurrent_writes_at_one_site_answer_success_or_a_coded_refusal(network):
    token = _token(network.practitioner_a)
    answers: list[tuple[str, int, str]] = []
    for _ in range(ROUNDS):
        answers += _all_at_once(token, _one_site_at_once(network))
    statuses = Counter((what, status, code) for what, status, code in answers)
    assert [a for a in answers if a[1] >= 500] == [], statuses
    assert statuses[("share", 201, "")] == 6 * ROUNDS, statuses
    assert statuses[("identify", 201, "")] == 3 * ROUNDS, statuses
    # Each round one identification of the one person, one void and one acceptance succeed; the
    # others are told it was done already.
    assert statuses[("identify one", 201, "")] == ROUNDS, statuses
    assert statuses[("identify one", 409, "open_episode_exists")] == 2 * ROUNDS, statuses
    assert statuses[("void", 201, "")] == ROUNDS, statuses
    assert statuses[("void", 409, "already_voided")] == 2 * ROUNDS, statuses
    assert statuses[("accept", 201, "")] == ROUNDS, statuses
    assert sum(n for (what, s, _), n in statuses.items() if what == "accept" and s == 409) == 2 * ROUNDS, statuses
