"""The demo's workforce: every scheme has staff, training and a plan, the same for the same seed
and date, through the real actions."""

from __future__ import annotations

from django.db import transaction

from liaison.organisations.models import Scheme
from liaison.workforce.models import PlanAssumption, StaffRecord, TrainingRecord, WorkforceEvent
from liaison.workforce.selectors import plans_for
from tests.demo.test_determinism import _Rollback


def _digest() -> list[object]:
    rows: list[object] = sorted(
        StaffRecord.objects.values_list(
            "scheme__code", "given_name", "family_name", "role__code", "profession", "registration_number",
            "registration_expires", "fte", "team", "lived_experience", "started_on", "ended_on", "user__username",
        ),
        key=repr,
    )  # fmt: skip
    rows += sorted(
        TrainingRecord.objects.values_list("staff__family_name", "competency__code", "completed_on", "expires_on"),
        key=repr,
    )
    rows += sorted(PlanAssumption.objects.values_list("scheme__code", "key", "value"), key=repr)
    return rows


def test_every_scheme_has_staff_in_post_with_training_and_a_plan(build_demo):
    build_demo()
    schemes = list(Scheme.objects.all())
    assert StaffRecord.objects.values("scheme").distinct().count() == len(schemes) == 26
    assert StaffRecord.objects.filter(lived_experience=True).exists()
    assert StaffRecord.objects.filter(user__isnull=False).exists() and StaffRecord.objects.filter(user=None).exists()
    assert StaffRecord.objects.filter(team="extended").exists()
    assert TrainingRecord.objects.exists() and PlanAssumption.objects.exists()
    # Every record written by an action, with its event.
    adds = WorkforceEvent.objects.filter(kind="staff:add").count()
    assert adds == StaffRecord.objects.count()
    assert WorkforceEvent.objects.filter(kind="training:record").count() == TrainingRecord.objects.count()
    # Registration numbers are marked as the demo's.
    assert not StaffRecord.objects.exclude(registration_number="").exclude(registration_number__startswith="DEMO")
    plans = plans_for(schemes)
    assert all(p.in_post_fte > 0 and p.needed_fte > 0 for p in plans.values())


def _built(build_demo, seed: int) -> list[object]:
    try:
        with transaction.atomic():
            build_demo(seed=seed)
            value = _digest()
            raise _Rollback
    except _Rollback:
        pass
    assert not StaffRecord.objects.exists()
    return value


def test_the_same_seed_and_date_give_the_same_workforce_and_another_seed_another(build_demo):
    first = _built(build_demo, 11)
    assert first == _built(build_demo, 11)
    assert first != _built(build_demo, 12)
