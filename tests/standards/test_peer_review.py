"""Peer review is by another scheme's manager, never of their own scheme, once each."""

from __future__ import annotations

import pytest

from liaison.core.errors import Conflict, Invalid, NotFound, StageNotAllowed
from liaison.standards.actions import peer_review_record
from liaison.standards.models import PeerReview, StandardsEvent


def _agreeing(submission, *, disagree: str = "", why: str = ""):
    return {code: (code != disagree, why if code == disagree else "") for code in submission.criteria}


def test_another_schemes_manager_records_a_review_with_agreement_per_criterion(standards):
    submission = standards.submitted()
    review = peer_review_record(
        assessment=submission.assessment,
        by=standards.manager_b,
        comment="Thorough",
        lines=_agreeing(submission, disagree="COV.1.1", why="No evidence for the youth court"),
    )
    assert review.reviewer_scheme == standards.network.scheme_b
    assert review.lines["COV.1.1"] == {"agrees": False, "comment": "No evidence for the youth court"}
    event = StandardsEvent.objects.get(kind="peer_review:record")
    assert event.data["disagreed"] == 1


def test_a_manager_cannot_review_their_own_schemes_assessment(standards):
    submission = standards.submitted()
    with pytest.raises(StageNotAllowed, match="not of their own scheme"):
        peer_review_record(
            assessment=submission.assessment, by=standards.manager_a, comment="Mine", lines=_agreeing(submission)
        )


def test_a_team_lead_of_another_scheme_cannot_review(standards):
    submission = standards.submitted()
    with pytest.raises(StageNotAllowed):
        peer_review_record(
            assessment=submission.assessment,
            by=standards.network.team_lead_b,
            comment="Looks fine",
            lines=_agreeing(submission),
        )


def test_a_draft_cannot_be_reviewed_and_is_not_even_found_by_another_scheme(standards):
    draft = standards.start()
    with pytest.raises(NotFound):
        peer_review_record(assessment=draft, by=standards.manager_b, comment="Early", lines={})


def test_a_disagreement_needs_a_reason(standards):
    submission = standards.submitted()
    with pytest.raises(Invalid) as refused:
        peer_review_record(
            assessment=submission.assessment,
            by=standards.manager_b,
            comment="Mostly fair",
            lines=_agreeing(submission, disagree="ACC.1.1"),
        )
    assert "why_ACC.1.1" in refused.value.errors
    assert not PeerReview.objects.exists()


def test_the_same_manager_reviews_a_submission_once(standards):
    submission = standards.submitted()
    args = {"assessment": submission.assessment, "by": standards.manager_b, "lines": _agreeing(submission)}
    peer_review_record(comment="First", **args)
    with pytest.raises(Conflict, match="already reviewed"):
        peer_review_record(comment="Second", **args)
