"""Every write of the standards app: keyword-only, atomic, each with its typed event (ADR 0028).

Nothing here is about a person, so nothing writes the access audit; the standards stream of
events is the record of who started, rated, submitted and reviewed what, and when.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound, StageNotAllowed
from liaison.core.limits import LINE_LIMIT, NOTE_LIMIT
from liaison.organisations.models import Scheme
from liaison.reporting.figures import Computed, all_rows
from liaison.reporting.freshness import refresh_in_turn
from liaison.standards.events import ASSESSMENT_START, ASSESSMENT_SUBMIT, CRITERION_RATE, PEER_REVIEW
from liaison.standards.measured import figure, rating_from
from liaison.standards.models import (
    Criterion,
    Framework,
    PeerReview,
    Rating,
    RatingValue,
    SelfAssessment,
    StandardsEvent,
    Status,
    Submission,
)
from liaison.standards.periods import parse
from liaison.standards.selectors import criteria_of, standards_scope

FROZEN = (
    "This self-assessment was submitted on {when} and is kept as it was submitted: it cannot be changed. "
    "To change it, start a resubmission from its page."
)


def _event(tag: str, *, assessment: SelfAssessment, by: User, at: datetime, data: dict[str, Any]) -> None:
    StandardsEvent.objects.create(
        kind=tag,
        occurred_at=at,
        recorded_at=clock.now(),
        actor=by,
        scheme=assessment.scheme,
        assessment=assessment,
        data=data,
    )


def _check_records(by: User, scheme_id: int) -> None:
    if not standards_scope(by).records_for(scheme_id):
        raise NotFound("No such self-assessment.")


def _check_draft(assessment: SelfAssessment) -> None:
    if assessment.status != Status.DRAFT:
        when = getattr(getattr(assessment, "submission", None), "submitted_at", None)
        shown = f"{when:%d %B %Y}" if when else "an earlier date"
        raise StageNotAllowed(FROZEN.format(when=shown), code="assessment_submitted")


def self_assessment_start(
    *, scheme: Scheme, framework: Framework, period: str, by: User, at: datetime | None = None
) -> SelfAssessment:
    """A new draft for the scheme and period, every criterion listed and unrated."""
    now = at or clock.now()
    _check_records(by, scheme.pk)
    p = parse(period)
    if p.first > now.date():
        raise Invalid(
            f"The period {p.code} has not started yet.", errors={"period": f"The period {p.code} has not started yet"}
        )
    existing = SelfAssessment.objects.filter(scheme=scheme, framework=framework, period=p.code).order_by("-version")
    latest = existing.first()
    if latest is not None:
        if latest.status == Status.DRAFT:
            raise Conflict(
                f"{scheme.name} already has a draft for {p.code}: carry on with it.", code="draft_exists", id=latest.pk
            )
        raise Conflict(
            f"{scheme.name} has submitted {p.code} already: start a resubmission from that assessment's page.",
            code="already_submitted",
            id=latest.pk,
        )
    try:
        with transaction.atomic():
            assessment = SelfAssessment.objects.create(
                scheme=scheme, framework=framework, period=p.code, started_by=by, started_at=now, updated_at=now
            )
            Rating.objects.bulk_create(Rating(assessment=assessment, criterion=c) for c in criteria_of(framework))
            _started(assessment, by=by, at=now)
    except IntegrityError:
        raise Conflict(f"{scheme.name}'s assessment for {p.code} was started by someone else just now.") from None
    return assessment


def _started(assessment: SelfAssessment, *, by: User, at: datetime) -> None:
    _event(
        ASSESSMENT_START.tag,
        assessment=assessment,
        by=by,
        at=at,
        data={
            "assessment_id": assessment.pk,
            "scheme_code": assessment.scheme.code,
            "framework": assessment.framework.code,
            "framework_version": assessment.framework.version,
            "period": assessment.period,
            "version": assessment.version,
        },
    )


@dataclass(frozen=True)
class RatingInput:
    rating: str = ""
    evidence: str = ""
    action: str = ""
    owner: str = ""
    due: date | None = None


def _problems(criterion: Criterion, given: RatingInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if given.rating and given.rating not in RatingValue.values:
        errors["rating"] = "Choose met, partly met or not met"
    if not given.rating and not criterion.measured:
        errors["rating"] = "Choose whether the criterion is met, partly met or not met"
    for name, limit in (("evidence", NOTE_LIMIT), ("action", NOTE_LIMIT), ("owner", LINE_LIMIT)):
        if len(getattr(given, name)) > limit:
            errors[name] = f"{name.capitalize()} must be {limit:,} characters or fewer"
    if given.rating in (RatingValue.PARTLY, RatingValue.NOT_MET) and not given.action:
        errors["action"] = "Enter the action that will meet the criterion"
    if given.action and not given.owner:
        errors["owner"] = "Enter who owns the action"
    if given.action and given.due is None:
        errors["due"] = "Enter the date the action is due"
    return errors


def rating_record(
    *, assessment: SelfAssessment, criterion: Criterion, given: RatingInput, by: User, at: datetime | None = None
) -> Rating:
    """Set one criterion's rating, evidence and action in a draft. A measured criterion may be
    left unrated: its rating then comes from its figure when the assessment is submitted."""
    _check_records(by, assessment.scheme_id)
    # A submitted assessment says so first, whatever else is wrong with the input.
    _check_draft(assessment)
    given = RatingInput(
        rating=given.rating.strip(),
        evidence=given.evidence.strip(),
        action=given.action.strip(),
        owner=given.owner.strip(),
        due=given.due,
    )
    if errors := _problems(criterion, given):
        raise Invalid("There is a problem with the rating.", errors=errors)
    now = at or clock.now()
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        _check_draft(locked)
        row = Rating.objects.filter(assessment=locked, criterion=criterion).first()
        if row is None:
            raise NotFound("That criterion is not in this assessment's framework.")
        changes: dict[str, list[str | None]] = {}
        for name in ("rating", "evidence", "action", "owner", "due"):
            old, new = getattr(row, name), getattr(given, name)
            if old != new:
                changes[name] = [None if old in ("", None) else str(old), None if new in ("", None) else str(new)]
                setattr(row, name, new)
        if not changes:
            return row
        row.save(update_fields=list(changes))
        locked.updated_at = now
        locked.save(update_fields=["updated_at"])
        _event(
            CRITERION_RATE.tag,
            assessment=locked,
            by=by,
            at=now,
            data={"assessment_id": locked.pk, "criterion": criterion.code, "changes": changes},
        )
    return row


def snapshot(assessment: SelfAssessment, computed: Computed) -> dict[str, dict[str, Any]]:
    """What a submission keeps for every criterion: the scheme's entries and, for measured
    ones, the true counts from the measures and the rating they earn."""
    out: dict[str, dict[str, Any]] = {}
    period = parse(assessment.period)
    ratings = assessment.ratings.select_related("criterion")
    for r in ratings:
        c = r.criterion
        line: dict[str, Any] = {
            "rating": r.rating,
            "evidence": r.evidence,
            "action": r.action,
            "owner": r.owner,
            "due": r.due.isoformat() if r.due else None,
        }
        if c.measured:
            f = figure(c, computed, level="scheme", area=str(assessment.scheme_id), period=period)
            line["figure"] = {"measure": c.measure.get("name"), **f.as_json()}
            line["rating_from_data"] = rating_from(c, f)
            line["rating"] = r.rating or line["rating_from_data"]
        out[c.code] = line
    return out


def self_assessment_submit(
    *,
    assessment: SelfAssessment,
    by: User,
    reason: str = "",
    at: datetime | None = None,
    computed: Computed | None = None,
) -> Submission:
    """Submit a draft: every self-assessed criterion must be rated; measured ones are filled
    from the measures (the store refreshed first unless `computed` is given). The submission
    is the frozen record; a resubmission (version 2 on) says why."""
    now = at or clock.now()
    _check_records(by, assessment.scheme_id)
    _check_draft(assessment)
    reason = reason.strip()
    if assessment.version > 1 and not reason:
        raise Invalid("Say why it is submitted again.", errors={"reason": "Enter why you are submitting it again"})
    if len(reason) > NOTE_LIMIT:
        raise Invalid(
            "The reason is too long.", errors={"reason": f"Reason must be {NOTE_LIMIT:,} characters or fewer"}
        )
    unrated = [
        r.criterion.code
        for r in assessment.ratings.select_related("criterion")
        if not r.rating and not r.criterion.measured
    ]
    if unrated:
        raise Invalid(
            f"Rate every self-assessed criterion before submitting: {', '.join(unrated)} not rated yet.",
            code="not_rated",
        )
    if computed is None:
        refresh_in_turn()
        computed = all_rows()
    criteria = snapshot(assessment, computed)
    canonical = json.dumps(
        {"scheme": assessment.scheme.code, "period": assessment.period, "criteria": criteria},
        sort_keys=True,
        separators=(",", ":"),
    )
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        _check_draft(locked)
        submission = Submission.objects.create(
            assessment=locked,
            scheme_id=locked.scheme_id,
            period=locked.period,
            version=locked.version,
            criteria=criteria,
            reason=reason if locked.version > 1 else "",
            submitted_by=by,
            submitted_at=now,
            content_hash=hashlib.sha256(canonical.encode()).hexdigest(),
        )
        locked.status = Status.SUBMITTED
        locked.updated_at = now
        locked.save(update_fields=["status", "updated_at"])
        counts = Counter(line["rating"] or "unrated" for line in criteria.values())
        _event(
            ASSESSMENT_SUBMIT.tag,
            assessment=locked,
            by=by,
            at=now,
            data={
                "assessment_id": locked.pk,
                "submission_id": submission.pk,
                "scheme_code": locked.scheme.code,
                "period": locked.period,
                "version": locked.version,
                "content_hash": submission.content_hash,
                "ratings": dict(sorted(counts.items())),
                "reason": submission.reason,
            },
        )
    assessment.status = Status.SUBMITTED
    return submission


def self_assessment_revise(*, assessment: SelfAssessment, by: User, at: datetime | None = None) -> SelfAssessment:
    """Start a resubmission: the next version, as a draft holding what was last submitted."""
    now = at or clock.now()
    _check_records(by, assessment.scheme_id)
    with transaction.atomic():
        versions = SelfAssessment.objects.select_for_update().filter(
            scheme_id=assessment.scheme_id, framework_id=assessment.framework_id, period=assessment.period
        )
        latest = versions.order_by("-version").first()
        assert latest is not None
        if latest.status == Status.DRAFT:
            raise Conflict("A resubmission is already in draft: carry on with it.", code="draft_exists", id=latest.pk)
        submitted = Submission.objects.get(assessment=latest)
        draft = SelfAssessment.objects.create(
            scheme_id=latest.scheme_id,
            framework_id=latest.framework_id,
            period=latest.period,
            version=latest.version + 1,
            started_by=by,
            started_at=now,
            updated_at=now,
        )
        rows = []
        for c in criteria_of(latest.framework):
            line = submitted.line(c.code)
            # A measured rating that came from the data is the data's to give again.
            rating = "" if c.measured and line.get("rating") == line.get("rating_from_data") else line.get("rating", "")
            rows.append(
                Rating(
                    assessment=draft,
                    criterion=c,
                    rating=rating or "",
                    evidence=line.get("evidence", ""),
                    action=line.get("action", ""),
                    owner=line.get("owner", ""),
                    due=date.fromisoformat(line["due"]) if line.get("due") else None,
                )
            )
        Rating.objects.bulk_create(rows)
        _started(draft, by=by, at=now)
    return draft


def peer_review_record(
    *,
    assessment: SelfAssessment,
    by: User,
    comment: str,
    lines: dict[str, tuple[bool, str]],
    at: datetime | None = None,
) -> PeerReview:
    """A scheme manager of another scheme reviews a submission: per criterion, agreement with
    its rating (a disagreement says why), and an overall comment."""
    now = at or clock.now()
    scope = standards_scope(by)
    if not scope.sees(assessment):
        raise NotFound("No such self-assessment.")
    if not scope.may_review(assessment):
        raise StageNotAllowed(
            "Only a scheme manager of another scheme can peer-review a self-assessment: not of their own scheme.",
            code="not_a_peer",
        )
    submission = Submission.objects.filter(assessment=assessment).first()
    if submission is None:
        raise StageNotAllowed("Only a submitted self-assessment can be peer-reviewed.", code="not_submitted")
    comment = comment.strip()
    errors: dict[str, str] = {}
    if not comment:
        errors["comment"] = "Enter your overall comments"
    elif len(comment) > NOTE_LIMIT:
        errors["comment"] = f"Comments must be {NOTE_LIMIT:,} characters or fewer"
    for code in submission.criteria:
        if code not in lines:
            errors[f"agrees_{code}"] = f"Say whether you agree with the rating of {code}"
            continue
        agrees, why = lines[code]
        if not agrees and not why.strip():
            errors[f"why_{code}"] = f"Say why you disagree with the rating of {code}"
        elif len(why) > NOTE_LIMIT:
            errors[f"why_{code}"] = f"The comment on {code} must be {NOTE_LIMIT:,} characters or fewer"
    unknown = sorted(set(lines) - set(submission.criteria))
    if unknown:
        errors["lines"] = f"Not criteria of this assessment: {', '.join(unknown)}"
    if errors:
        raise Invalid("There is a problem with the review.", errors=errors)
    reviewer_scheme_id = min(scope.managed_scheme_ids - {assessment.scheme_id})
    stored = {code: {"agrees": lines[code][0], "comment": lines[code][1].strip()} for code in submission.criteria}
    try:
        with transaction.atomic():
            review = PeerReview.objects.create(
                submission=submission,
                reviewer=by,
                reviewer_scheme_id=reviewer_scheme_id,
                comment=comment,
                lines=stored,
                reviewed_at=now,
            )
            agreed = sum(1 for v in stored.values() if v["agrees"])
            _event(
                PEER_REVIEW.tag,
                assessment=assessment,
                by=by,
                at=now,
                data={
                    "assessment_id": assessment.pk,
                    "submission_id": submission.pk,
                    "review_id": review.pk,
                    "reviewer_scheme_code": review.reviewer_scheme.code,
                    "agreed": agreed,
                    "disagreed": len(stored) - agreed,
                },
            )
    except IntegrityError:
        raise Conflict("You have already reviewed this self-assessment.", code="already_reviewed") from None
    return review
