"""The hash chain: what was sealed is proved unchanged, and any change, removal, backdated row
or truncation is named by `liaison audit verify`."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, models, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.audit import chain
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction, AccessAudit, Seal
from liaison.core.triggers import lifted
from liaison.pathway.models import PathwayEvent
from liaison.people.models import PersonEvent
from tests import factories


@pytest.fixture
def history(network):
    """Two episodes (their person and pathway events) and two looks at them, all sealed."""
    by = network.practitioner_a
    episodes = [factories.episode(by=by, site=network.custody_a) for _ in range(2)]
    access_record(user=by, action=AccessAction.VIEW, what="the person page", shown=episodes)
    chain.seal_all()
    return episodes


def verify_command():
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    return code, out.getvalue() + err.getvalue()


def raw(sql, params=()):
    with lifted(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def q(name):
    return connection.ops.quote_name(name)


def test_a_sealed_history_verifies_and_rows_written_since_are_counted_not_proved(history, network):
    factories.episode(by=network.practitioner_a, site=network.custody_a)

    code, out = verify_command()

    assert code == 0, out
    assert "Intact:" in out and "not yet sealed" in out
    assert Seal.objects.filter(table=PathwayEvent._meta.db_table).exists()


def test_sealing_twice_seals_nothing_twice_and_each_seal_follows_the_last(history, network):
    factories.episode(by=network.practitioner_a, site=network.custody_a)
    chain.seal_all()
    chain.seal_all()

    seals = list(Seal.objects.filter(table=PathwayEvent._meta.db_table).order_by("last_id"))
    assert len(seals) == 2 and seals[1].previous == seals[0].hash
    assert sum(s.rows for s in seals) == PathwayEvent.objects.count()
    assert chain.verify().intact


def test_a_changed_payload_is_named_by_table_and_row(history):
    event = PathwayEvent.objects.filter(kind="episode:identify").order_by("pk").last()
    table = PathwayEvent._meta.db_table
    raw(f"UPDATE {q(table)} SET {q('kind')} = %s WHERE {q('id')} = %s", ["episode:reopen", event.pk])

    code, out = verify_command()

    assert code == 1
    assert f"{table} row {event.pk}: changed since it was sealed" in out


def test_a_removed_audit_row_is_named(history):
    row = AccessAudit.objects.order_by("pk").first()
    raw(f"DELETE FROM {q(AccessAudit._meta.db_table)} WHERE {q('id')} = %s", [row.pk])

    report = chain.verify()

    table = AccessAudit._meta.db_table
    assert [str(b) for b in report.broken] == [f"{table} row {row.pk}: removed since it was sealed"]


def copy_row(table, source, new_id):
    columns = [f.column for f in PersonEvent._meta.concrete_fields if f.column != "id"]
    names = ", ".join(q(c) for c in columns)
    raw(
        f"INSERT INTO {q(table)} ({q('id')}, {names}) SELECT %s, {names} FROM {q(table)} WHERE {q('id')} = %s",
        [new_id, source],
    )


def test_a_row_slipped_in_among_sealed_ones_is_named_as_backdated(history, network):
    table = PersonEvent._meta.db_table
    first = PersonEvent.objects.order_by("pk").first()
    top = PersonEvent.objects.order_by("-pk").first().pk
    # Ids skip ten (as a rolled-back transaction's do on PostgreSQL), later rows are sealed past the gap.
    copy_row(table, first.pk, top + 10)
    if connection.vendor == "postgresql":  # an explicit id does not move PostgreSQL's sequence
        raw("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, top + 10])
    factories.episode(by=network.practitioner_a, site=network.custody_a)
    chain.seal_all()

    copy_row(table, first.pk, top + 1)

    assert f"{table} row {top + 1}: added among rows already sealed (backdated)" in verify_command()[1]


def test_an_altered_seal_breaks_the_chain(history):
    seal = Seal.objects.order_by("pk").first()
    raw(f"UPDATE {q(Seal._meta.db_table)} SET {q('rows')} = {q('rows')} + 1 WHERE {q('id')} = %s", [seal.pk])

    report = chain.verify()

    assert not report.intact and "was altered" in str(report.broken[0])


def test_removing_the_newest_rows_with_their_seal_is_caught_by_the_anchor(history, network):
    # No service consent: its row would point at one of the events removed below.
    factories.episode(by=network.practitioner_a, site=network.custody_a, service_consent=False)
    chain.seal_all()
    table = PathwayEvent._meta.db_table
    newest = Seal.objects.filter(table=table).order_by("-last_id").first()
    raw(f"DELETE FROM {q(Seal._meta.db_table)} WHERE {q('id')} = %s", [newest.pk])
    raw(f"DELETE FROM {q(table)} WHERE {q('id')} > %s", [newest.first_id - 1])

    code, out = verify_command()

    assert code == 1
    assert f"{table}: the chain no longer holds its anchor" in out


def test_without_an_anchor_file_the_check_says_truncation_cannot_be_seen(history, settings_anchor_gone):
    code, out = verify_command()

    assert code == 0
    assert "No anchor file" in out


@pytest.fixture
def settings_anchor_gone():
    chain.anchor_path().unlink()


def test_each_seal_is_anchored_in_the_file(history):
    lines = [json.loads(line) for line in chain.anchor_path().read_text().splitlines()]

    assert {line["hash"] for line in lines} == set(Seal.objects.values_list("hash", flat=True))


# --- any one change to any sealed row is found


def _tamper(value, position):
    """The value with one small change at `position`, of the same type and still valid."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1 + position % 7
    if isinstance(value, str) and value:
        i = position % len(value)
        return value[:i] + ("x" if value[i] != "x" else "y") + value[i + 1 :]
    if isinstance(value, str):
        return "x"
    return None


def _letters_in_strings(text):
    """Positions of letters inside the JSON text's strings (keys or values): changing one keeps
    the document valid."""
    inside, escaped, found = False, False, []
    for i, ch in enumerate(text):
        if inside and not escaped and ch == '"':
            inside = False
        elif not inside and ch == '"':
            inside = True
        elif inside and ch.isalpha() and not escaped:
            found.append(i)
        escaped = inside and ch == "\\" and not escaped
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_one_change_to_any_sealed_row_is_found_and_named(history, data):
    model = data.draw(st.sampled_from([PathwayEvent, PersonEvent, AccessAudit]))
    pks = sorted(model.objects.values_list("pk", flat=True))
    pk = data.draw(st.sampled_from(pks))
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not isinstance(f, models.ForeignKey)]
    field = data.draw(st.sampled_from(fields))
    position = data.draw(st.integers(min_value=0, max_value=10_000))
    value = getattr(model.objects.get(pk=pk), field.attname)
    table, column = model._meta.db_table, field.column
    if isinstance(field, models.JSONField):
        text = json.dumps(value)
        letters = _letters_in_strings(text)
        if not letters:
            return
        i = letters[position % len(letters)]
        changed = json.loads(text[:i] + ("x" if text[i] != "x" else "y") + text[i + 1 :])
        sql_value = json.dumps(changed)
        cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    elif hasattr(value, "isoformat"):
        sql_value, cast = value + timedelta(microseconds=1 + position % 999), "%s"
    else:
        sql_value, cast = _tamper(value, position), "%s"
        if sql_value is None:
            return
    with transaction.atomic():
        raw(f"UPDATE {q(table)} SET {q(column)} = {cast} WHERE {q('id')} = %s", [sql_value, pk])
        report = chain.verify()
        transaction.set_rollback(True)

    assert [str(b) for b in report.broken] == [f"{table} row {pk}: changed since it was sealed"], column


def test_the_seal_command_says_what_it_sealed_and_refuses_a_schedule_under_ten_seconds(history, network):
    from django.core.management.base import CommandError

    factories.episode(by=network.practitioner_a, site=network.custody_a)
    out = StringIO()
    call_command("audit", "seal", stdout=out)

    assert out.getvalue().startswith("Sealed ") and " 0 rows" not in out.getvalue()
    with pytest.raises(CommandError, match="at least 10 seconds"):
        call_command("audit", "seal", "--every", "5", stdout=StringIO())
