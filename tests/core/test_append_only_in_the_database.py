"""The audit log and every event table refuse UPDATE and DELETE in the database itself (ADR 0015):
raw SQL, past the ORM, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import Model

from liaison.accounts.models import SignInAudit, SignInEvent
from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction, AccessAudit, BreakGlass, Redaction, Seal
from liaison.core import clock, triggers
from liaison.feedback.actions import feedback_give
from liaison.feedback.models import FeedbackEvent, FeedbackResponse
from liaison.governance.models import GovernanceEvent
from liaison.organisations.models import OrganisationEvent
from liaison.pathway.models import PathwayEvent
from liaison.people.models import PersonEvent
from liaison.records.models import DisposalEvent
from liaison.referrals.models import Service, ServiceEvent
from liaison.reporting.models import MonthlyReturn, ReturnEvent
from liaison.standards.models import PeerReview, StandardsEvent, Submission
from liaison.workforce.models import WorkforceEvent
from tests import factories

APPEND_ONLY = [
    AccessAudit,
    BreakGlass,
    PathwayEvent,
    PersonEvent,
    OrganisationEvent,
    ServiceEvent,
    AssessmentEvent,
    MonthlyReturn,
    ReturnEvent,
    Seal,
    SignInAudit,
    FeedbackResponse,
    FeedbackEvent,
    Submission,
    PeerReview,
    StandardsEvent,
    GovernanceEvent,
    Redaction,
    DisposalEvent,
    WorkforceEvent,
]


def _event(model: Any, by: Any, kind: str, data: dict[str, Any], **fields: Any) -> Any:
    now = clock.now()
    return model.objects.create(kind=kind, occurred_at=now, recorded_at=now, actor=by, data=data, **fields)


def _monthly_return(network: Any) -> MonthlyReturn:
    return MonthlyReturn.objects.create(
        scheme=network.scheme_a, month="2025-01", version=1, figures={}, submitted_by=network.team_lead_a,
        submitted_at=clock.now(), store_version="s", content_hash="h",
    )  # fmt: skip


def _return_event(network: Any) -> ReturnEvent:
    r = _monthly_return(network)
    data = {"return_id": r.pk, "scheme_code": "A", "month": r.month, "version": 1, "content_hash": "h", "late": False}
    return _event(ReturnEvent, network.team_lead_a, "return:submit", data, scheme=network.scheme_a, monthly_return=r)


def _assessment_event(network: Any) -> AssessmentEvent:
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    now = clock.now()
    a = Assessment.objects.create(episode=episode, author=network.practitioner_a, created_at=now, updated_at=now)
    return _event(AssessmentEvent, network.practitioner_a, "assessment_draft:start", {"version": 1}, assessment=a)


def _service_event(network: Any) -> ServiceEvent:
    service = Service.objects.create(
        scheme=network.scheme_a, name="Talking therapies", service_type="mental_health", updated_at=clock.now()
    )
    return _event(ServiceEvent, network.team_lead_a, "service:create", {}, service=service)


def _break_glass(network: Any) -> BreakGlass:
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    now = clock.now()
    return BreakGlass.objects.create(
        user=network.practitioner_b, person=person, scheme=network.scheme_a, reason="Unwell in custody", at=now,
        expires_at=now + timedelta(hours=1),
    )  # fmt: skip


def _submission(network: Any) -> Submission:
    from liaison.standards.actions import self_assessment_start
    from liaison.standards.framework import load

    framework = load().framework
    a = self_assessment_start(scheme=network.scheme_a, framework=framework, period="2025-Q1", by=network.team_lead_a)
    return Submission.objects.create(
        assessment=a, scheme=network.scheme_a, period=a.period, version=1, criteria={},
        submitted_by=network.team_lead_a, submitted_at=clock.now(), content_hash="h",
    )  # fmt: skip


def _peer_review(network: Any) -> PeerReview:
    s = _submission(network)
    return PeerReview.objects.create(
        submission=s, reviewer=network.team_lead_b, reviewer_scheme=network.scheme_b, comment="Fair", lines={},
        reviewed_at=clock.now(),
    )  # fmt: skip


def _seal(network: Any) -> Seal:
    from liaison.audit import chain

    factories.episode(by=network.practitioner_a, site=network.custody_a)
    chain.seal_all()
    return Seal.objects.order_by("pk")[0]


def _access_audit(network: Any) -> AccessAudit:
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    access_record(user=network.practitioner_a, action=AccessAction.VIEW, what="test", shown=[episode])
    return AccessAudit.objects.latest("id")


def _disposal_event(network: Any) -> DisposalEvent:
    from tests.records.test_disposal import past_retention_disposal

    return past_retention_disposal(network).events.earliest("id")


def _redaction(network: Any) -> Redaction:
    return Redaction.objects.create(table="t", row_id=1, before="a", after="b", disposal=1, at=clock.now())


ROW: dict[type[Model], Callable[[Any], Model]] = {
    AccessAudit: _access_audit,
    BreakGlass: _break_glass,
    PathwayEvent: lambda n: factories.episode(by=n.practitioner_a, site=n.custody_a).events.earliest("id"),
    PersonEvent: lambda n: factories.person(by=n.practitioner_a, scheme=n.scheme_a).events.get(),
    OrganisationEvent: lambda n: _event(OrganisationEvent, n.team_lead_a, "scheme:change", {}, subject="scheme",
                                        subject_id=n.scheme_a.pk, scheme=n.scheme_a),
    ServiceEvent: _service_event,
    AssessmentEvent: _assessment_event,
    MonthlyReturn: _monthly_return,
    ReturnEvent: _return_event,
    Seal: _seal,
    SignInAudit: lambda n: SignInAudit.objects.create(at=clock.now(), event=SignInEvent.FAILURE, username="someone"),
    FeedbackResponse: lambda n: feedback_give(scheme=n.scheme_a, site=None, overall="good"),
    FeedbackEvent: lambda n: _event(FeedbackEvent, n.team_lead_a, "feedback:action:withdraw", {"reason": "x"},
                                    subject="action", subject_id=1, scheme=n.scheme_a),
    Submission: _submission,
    PeerReview: _peer_review,
    StandardsEvent: lambda n: _submission(n).assessment.events.get(),
    GovernanceEvent: lambda n: _event(GovernanceEvent, n.team_lead_a, "governance:action:close",
                                      {"status": "withdrawn", "closed_on": "2025-01-02", "note": "x"},
                                      subject="action", subject_id=1, scheme=n.scheme_a),
    Redaction: _redaction,
    DisposalEvent: _disposal_event,
    WorkforceEvent: lambda n: _event(WorkforceEvent, n.team_lead_a, "staff:leave",
                                     {"ended_on": "2026-01-31", "reason": "x"}, subject="staff", subject_id=1,
                                     scheme=n.scheme_a),
}  # fmt: skip


def _refused(sql: str, params: list[Any]) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_every_append_only_table_is_one_the_triggers_cover():
    assert set(triggers.append_only_tables()) == {m._meta.db_table for m in APPEND_ONLY}


@pytest.mark.parametrize("model", APPEND_ONLY, ids=lambda m: m.__name__)
def test_raw_sql_cannot_update_or_delete_a_row(network, model):
    row = ROW[model](network)
    table, pk = model._meta.db_table, model._meta.pk.column
    _refused(f'UPDATE "{table}" SET "{pk}" = "{pk}" WHERE "{pk}" = %s', [row.pk])  # noqa: S608
    _refused(f'DELETE FROM "{table}" WHERE "{pk}" = %s', [row.pk])  # noqa: S608
    _refused(f'DELETE FROM "{table}"', [])  # noqa: S608
    assert model.objects.filter(pk=row.pk).exists()


def test_postgresql_refuses_truncate_too(network):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's: SQLite empties a table with DELETE, refused above")
    ROW[PathwayEvent](network)
    with connection.cursor() as cursor:  # PostgreSQL truncates nothing with foreign key checks pending
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _refused(f'TRUNCATE "{PathwayEvent._meta.db_table}" CASCADE', [])


def test_sqlite_refuses_a_replace_that_would_delete_a_row(network):
    if connection.vendor != "sqlite":
        pytest.skip("INSERT OR REPLACE is SQLite's: PostgreSQL's ON CONFLICT DO UPDATE is an UPDATE")
    row = ROW[AccessAudit](network)
    table = AccessAudit._meta.db_table
    _refused(f'INSERT OR REPLACE INTO "{table}" SELECT * FROM "{table}" WHERE id = %s', [row.pk])  # noqa: S608


def test_rows_can_still_be_written_and_read(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    assert episode.events.count() == 2
    assert triggers.missing() == {}


def test_flush_refuses_a_database_that_is_not_a_test_database(db, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "/srv/liaison/liaison.sqlite3")
    monkeypatch.setattr(connection, "is_in_memory_db", lambda: False, raising=False)
    with pytest.raises(CommandError, match="not a test database"):
        call_command("flush", "--no-input")
    with pytest.raises(CommandError, match="not a test database"):
        call_command("sqlflush")


@pytest.mark.django_db(transaction=True)
def test_flush_empties_a_test_database_and_the_triggers_are_back(django_user_model):
    user = django_user_model.objects.create(username="someone")
    AccessAudit.objects.create(user=user, at=clock.now(), action=AccessAction.SEARCH, what="a search")
    call_command("flush", "--no-input")
    assert not AccessAudit.objects.exists()
    assert triggers.missing() == {}


def test_migrating_backwards_is_refused_on_a_database_that_is_not_a_test_database(db, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "/srv/liaison/liaison.sqlite3")
    monkeypatch.setattr(connection, "is_in_memory_db", lambda: False, raising=False)
    with pytest.raises(CommandError, match=r"migrate audit zero refused: .* not a test database"):
        call_command("migrate", "audit", "zero", "--no-input", verbosity=0)
    with pytest.raises(CommandError, match="migrate pathway 0005 refused"):
        call_command("migrate", "pathway", "0005", "--no-input", verbosity=0)
    assert triggers.missing() == {}


def test_migrating_forwards_and_planning_backwards_still_run_on_any_database(db, monkeypatch, capsys):
    monkeypatch.setitem(connection.settings_dict, "NAME", "/srv/liaison/liaison.sqlite3")
    monkeypatch.setattr(connection, "is_in_memory_db", lambda: False, raising=False)
    call_command("migrate", "--no-input", verbosity=0)
    call_command("migrate", "audit", "zero", "--plan")
    assert "Undo " in capsys.readouterr().out  # the plan is shown, nothing is run
