"""The load drops indexes (and on PostgreSQL foreign keys) for its duration: they come back."""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction

from liaison.demo import national
from liaison.demo.hours import local

from .conftest import FAST_HASHERS, TODAY


def _schema() -> dict[str, dict[str, object]]:
    with connection.cursor() as cursor:
        return {
            table: {
                name: (c["columns"], c["unique"], c["foreign_key"], c["index"])
                for name, c in connection.introspection.get_constraints(cursor, table).items()
            }
            for table in (m._meta.db_table for m in national._MODELS)
        }


def test_the_load_puts_back_every_index_and_key(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    before = _schema()
    with transaction.atomic():
        national.build(seed=2, until=local(date.fromisoformat(TODAY), 16, 0), password_hash="x", episodes=30,
                       progress=False)  # fmt: skip
        assert _schema() == before
        transaction.set_rollback(True)
