"""Append-only tables: pathway events, the access audit and break-glass grants."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction, AccessAudit, BreakGlass
from liaison.core import clock
from liaison.core.models import AppendOnlyError
from liaison.pathway.models import PathwayEvent
from tests import factories

# A plain field of each table, to try to change.
FIELD = {PathwayEvent: "data", AccessAudit: "what", BreakGlass: "reason"}


@pytest.fixture(params=["event", "audit", "break_glass"])
def row(request, network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    if request.param == "event":
        return PathwayEvent.objects.get(episode=episode, kind="episode:identify")
    if request.param == "audit":
        access_record(user=network.practitioner_a, action=AccessAction.VIEW, what="episode page", shown=[episode])
        return AccessAudit.objects.latest("id")
    now = clock.now()
    return BreakGlass.objects.create(
        user=network.practitioner_b,
        person=episode.person,
        scheme=network.scheme_a,
        reason="Unwell in custody",
        at=now,
        expires_at=now + timedelta(hours=1),
    )


def test_a_row_cannot_be_saved_again(row):
    row.at = row.occurred_at = clock.now()
    with pytest.raises(AppendOnlyError):
        row.save()


def test_a_row_read_back_cannot_be_saved(row):
    again = type(row).objects.get(pk=row.pk)
    with pytest.raises(AppendOnlyError):
        again.save(update_fields=["id"])


def test_a_row_cannot_be_deleted(row):
    with pytest.raises(AppendOnlyError):
        row.delete()
    assert type(row).objects.filter(pk=row.pk).exists()


def test_a_queryset_cannot_update_rows(row):
    with pytest.raises(AppendOnlyError):
        type(row).objects.filter(pk=row.pk).update(id=row.pk)


def test_a_queryset_cannot_delete_rows(row):
    with pytest.raises(AppendOnlyError):
        type(row).objects.all().delete()
    assert type(row).objects.filter(pk=row.pk).exists()


def test_bulk_update_is_refused(row):
    with pytest.raises(AppendOnlyError):
        type(row).objects.bulk_update([row], fields=[FIELD[type(row)]])


def test_a_new_instance_with_an_existing_id_does_not_overwrite_the_row(row):
    model = type(row)
    fields = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
    fields[FIELD[model]] = {**row.data, "alerted_by": "forged"} if model is PathwayEvent else "forged"
    with pytest.raises((IntegrityError, AppendOnlyError)), transaction.atomic():
        model(**fields).save()
    assert getattr(model.objects.get(pk=row.pk), FIELD[model]) == getattr(row, FIELD[model])


def test_bulk_create_cannot_overwrite_rows(row):
    model = type(row)
    fields = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
    with pytest.raises(AppendOnlyError):
        model.objects.bulk_create(
            [model(**fields)], update_conflicts=True, unique_fields=["id"], update_fields=[FIELD[model]]
        )


def test_an_episode_with_events_cannot_be_deleted(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    with pytest.raises(ProtectedError):
        episode.delete()


def test_a_person_in_the_audit_cannot_be_deleted(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    access_record(user=network.practitioner_a, action=AccessAction.VIEW, what="person page", shown=[person])
    with pytest.raises(ProtectedError):
        person.delete()
    assert AccessAudit.objects.filter(person=person).exists()
