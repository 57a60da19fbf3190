"""The demo records quality self-assessments for its schemes: most submitted, some reviewed,
the same for the same seed."""

from __future__ import annotations

from django.db import transaction

from liaison.organisations.models import Scheme
from liaison.standards.models import PeerReview, SelfAssessment, Submission


class _Rollback(Exception):
    pass


def _standards_digest() -> tuple[object, ...]:
    return (
        tuple(
            Submission.objects.order_by("scheme__code").values_list(
                "scheme__code", "period", "version", "content_hash", "submitted_at", "submitted_by__username"
            )
        ),
        tuple(
            PeerReview.objects.order_by("submission__scheme__code").values_list(
                "submission__scheme__code", "reviewer__username", "lines", "reviewed_at"
            )
        ),
        tuple(SelfAssessment.objects.order_by("scheme__code").values_list("scheme__code", "status")),
    )


def _built(build_demo, seed: int) -> tuple[object, ...]:
    try:
        with transaction.atomic():
            build_demo(seed=seed)
            value = _standards_digest()
            raise _Rollback
    except _Rollback:
        pass
    return value


def test_the_demo_records_self_assessments_for_every_scheme_most_submitted_some_reviewed(build_demo):
    build_demo()
    schemes = Scheme.objects.count()
    assert SelfAssessment.objects.count() == schemes == 26
    submitted = Submission.objects.count()
    assert schemes * 0.6 <= submitted < schemes
    assert 1 <= PeerReview.objects.count() < submitted
    for review in PeerReview.objects.select_related("submission"):
        assert review.reviewer_scheme_id != review.submission.scheme_id
    measured = Submission.objects.first().line("ACC.1.3")
    assert measured["figure"]["measure"] == "screened_within_target"


def test_the_same_seed_gives_the_same_self_assessments(build_demo):
    assert _built(build_demo, 7) == _built(build_demo, 7)
