"""The demo's feedback and involvement: every live scheme has a year of responses, the same for
the same seed and date, through the real actions."""

from __future__ import annotations

from django.db import transaction

from liaison.feedback.models import Action, Decision, FeedbackEvent, FeedbackResponse, InvolvementGroup, Meeting
from liaison.organisations.models import Scheme
from tests.demo.test_determinism import _Rollback


def _digest() -> list[object]:
    """Every row as a tuple, sorted whole: rows tied on any shorter key come back from PostgreSQL
    in no fixed order."""
    responses = FeedbackResponse.objects.values_list(
        "scheme__code", "site__code", "given_on", "overall", "listened", "understood", "safe_to_talk",
        "what_was_good", "what_could_be_better", "helped_by", "format", "language",
    )  # fmt: skip
    rows: list[object] = sorted(responses, key=repr)
    rows += sorted(Action.objects.values_list("scheme__code", "you_said", "done_on"), key=repr)
    rows += sorted(Meeting.objects.values_list("group__name", "held_on", "attended"), key=repr)
    rows += sorted(Decision.objects.values_list("decided_on", "decision", "decided_by"), key=repr)
    return rows


def test_every_live_scheme_has_feedback_and_the_programme_a_panel(build_demo):
    build_demo()
    live = Scheme.objects.count()
    assert FeedbackResponse.objects.values("scheme").distinct().count() == live
    assert Action.objects.values("scheme").distinct().count() == live
    assert InvolvementGroup.objects.filter(scheme__isnull=True).count() == 1
    assert Decision.objects.exists()
    # Each staff record has its event, and no response names a person or a time of day.
    assert FeedbackEvent.objects.count() == (
        Action.objects.count() + InvolvementGroup.objects.count() + Meeting.objects.count() + Decision.objects.count()
    )


def _built(build_demo, seed: int) -> list[object]:
    try:
        with transaction.atomic():
            build_demo(seed=seed)
            value = _digest()
            raise _Rollback
    except _Rollback:
        pass
    assert not FeedbackResponse.objects.exists()
    return value


def test_the_same_seed_and_date_give_the_same_feedback_and_another_seed_other_feedback(build_demo):
    first = _built(build_demo, 11)
    assert first == _built(build_demo, 11)
    assert first != _built(build_demo, 12)
