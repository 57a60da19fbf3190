"""Row locks, taken the one way and in the one order every action follows, so that concurrent
writes queue instead of deadlocking (on PostgreSQL; SQLite takes one write lock per transaction
and ignores these).

The order: a person, then an episode, then the episode's own rows (its assessments, consents,
findings, referrals). An action never locks a row earlier in that order while it holds a later
one. Directory services and API tokens are locked on their own, never with the others.

`lock` locks only the rows of the queryset's own table (`of=("self",)`): a `select_related`
join would otherwise lock the joined scheme and site rows too, which every identification and
share at that site touches. And it takes PostgreSQL's `FOR NO KEY UPDATE` (no action changes a
primary key): two writers of one row still queue, but inserting a row that refers to the locked
one (an event naming its episode, a share naming its consent) does not wait for it.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models

_M = TypeVar("_M", bound=models.Model)


def lock(rows: models.QuerySet[_M] | models.Manager[_M]) -> models.QuerySet[_M]:
    return rows.select_for_update(of=("self",), no_key=True)
