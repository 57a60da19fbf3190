"""A self-assessment goes from draft to submitted; a submission is kept as it was and refuses
changes; a resubmission is the next version, with a reason."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from liaison.core.errors import Conflict, Invalid, StageNotAllowed
from liaison.core.models import AppendOnlyError
from liaison.standards.actions import RatingInput, rating_record, self_assessment_revise, self_assessment_submit
from liaison.standards.models import Criterion, RatingValue, StandardsEvent, Status, Submission
from tests.standards.conftest import NO_FIGURES


def _self_assessed(standards) -> Criterion:
    return Criterion.objects.filter(framework=standards.framework, method="self_assessed").earliest("order")


def test_a_started_assessment_is_a_draft_listing_every_criterion(standards):
    a = standards.start()
    assert a.status == Status.DRAFT and a.version == 1
    assert a.ratings.count() == Criterion.objects.filter(framework=standards.framework).count()
    assert StandardsEvent.objects.get().kind == "self_assessment:start"


def test_a_second_draft_for_the_same_period_is_refused_pointing_at_the_first(standards):
    a = standards.start()
    with pytest.raises(Conflict) as refused:
        standards.start()
    assert refused.value.details["id"] == a.pk


def test_a_period_that_is_not_a_quarter_or_a_year_is_refused_with_a_clear_error(standards):
    with pytest.raises(Invalid, match="quarter, such as 2025-Q1"):
        standards.start(period="2025-13")


def test_a_rating_partly_met_needs_an_action_with_an_owner_and_a_due_date(standards):
    a = standards.start()
    with pytest.raises(Invalid) as refused:
        rating_record(
            assessment=a,
            criterion=_self_assessed(standards),
            given=RatingInput(rating="partly"),
            by=standards.manager_a,
        )
    assert "action" in refused.value.errors
    with pytest.raises(Invalid) as refused:
        given = RatingInput(rating="partly", action="Train the court team")
        rating_record(assessment=a, criterion=_self_assessed(standards), given=given, by=standards.manager_a)
    assert set(refused.value.errors) == {"owner", "due"}


def test_submitting_with_criteria_unrated_is_refused_naming_them(standards):
    a = standards.start()
    with pytest.raises(Invalid, match=r"COV\.1\.1"):
        self_assessment_submit(assessment=a, by=standards.manager_a, computed=NO_FIGURES)
    assert not Submission.objects.exists()


def test_a_submission_keeps_every_rating_as_it_was(standards):
    submission = standards.submitted()
    assert submission.assessment.status == Status.SUBMITTED
    assert submission.line("COV.1.1") == {
        "rating": "met",
        "evidence": "Evidence for COV.1.1",
        "action": "",
        "owner": "",
        "due": None,
    }
    assert len(submission.content_hash) == 64
    event = StandardsEvent.objects.get(kind="self_assessment:submit")
    assert event.data["content_hash"] == submission.content_hash


def test_a_submitted_assessment_refuses_changes_with_a_clear_message(standards):
    submission = standards.submitted()
    with pytest.raises(StageNotAllowed, match=r"cannot be changed\. To change it, start a resubmission"):
        rating_record(
            assessment=submission.assessment,
            criterion=_self_assessed(standards),
            given=RatingInput(rating="not_met", action="a", owner="b"),
            by=standards.manager_a,
        )
    with pytest.raises(StageNotAllowed):
        self_assessment_submit(assessment=submission.assessment, by=standards.manager_a, computed=NO_FIGURES)


def test_the_snapshot_cannot_be_altered_through_the_orm_or_in_the_database(standards):
    submission = standards.submitted()
    submission.criteria = {}
    with pytest.raises(AppendOnlyError):
        submission.save()
    table = Submission._meta.db_table
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET reason = %s', ["changed"])  # noqa: S608


def test_a_resubmission_is_the_next_version_starting_from_what_was_submitted(standards):
    first = standards.submitted()
    draft = self_assessment_revise(assessment=first.assessment, by=standards.manager_a)
    assert draft.version == 2 and draft.status == Status.DRAFT
    assert draft.ratings.get(criterion__code="COV.1.1").evidence == "Evidence for COV.1.1"
    with pytest.raises(Invalid, match="why"):
        self_assessment_submit(assessment=draft, by=standards.manager_a, computed=NO_FIGURES)
    second = self_assessment_submit(
        assessment=draft, by=standards.manager_a, reason="Evidence found later", computed=NO_FIGURES
    )
    assert second.version == 2 and second.reason == "Evidence found later"
    assert Submission.objects.get(pk=first.pk).line("COV.1.1")["rating"] == RatingValue.MET


def test_a_second_resubmission_draft_is_refused(standards):
    first = standards.submitted()
    self_assessment_revise(assessment=first.assessment, by=standards.manager_a)
    with pytest.raises(Conflict, match="already in draft"):
        self_assessment_revise(assessment=first.assessment, by=standards.manager_a)
