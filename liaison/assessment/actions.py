"""Writing assessments. A draft save is one transaction and one `AssessmentEvent` row, but no
pathway event: nothing has happened on the pathway until the assessment is complete. Completion
and amendment each write exactly one event through `take_step` (Step.ASSESS).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from liaison.accounts.models import User
from liaison.assessment.events import AMEND, ASSESS, DRAFT_AMEND, DRAFT_COMPLETE, DRAFT_EDIT, DRAFT_START
from liaison.assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    CourtConsideration,
    TreatmentRequirement,
)
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied, StageNotAllowed
from liaison.core.events import EventType
from liaison.core.locks import lock
from liaison.core.vocabulary import Vulnerability
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage, Step, allows
from liaison.pathway.transitions import require_recorder, take_step
from liaison.people.codes import age_on

_LONG = 20_000
_SHORT = 2_000


@dataclass(frozen=True)
class AssessmentContent:
    history: str = ""
    presentation: str = ""
    needs: dict[str, str] = field(default_factory=dict)
    formulation: str = ""
    onward_referral: str = ""
    court: list[str] = field(default_factory=list)
    treatment_requirements: list[str] = field(default_factory=list)
    recommendations_note: str = ""

    def cleaned(self) -> dict[str, Any]:
        """The content as stored: text stripped, empty needs left out, codes in a stable order."""
        return {
            "history": self.history.strip(),
            "presentation": self.presentation.strip(),
            "needs": {d: t.strip() for d, t in sorted(self.needs.items()) if t.strip()},
            "formulation": self.formulation.strip(),
            "onward_referral": self.onward_referral.strip(),
            "court": sorted(set(self.court)),
            "treatment_requirements": sorted(set(self.treatment_requirements)),
            "recommendations_note": self.recommendations_note.strip(),
        }


FIELDS = tuple(AssessmentContent.__dataclass_fields__)


def content_of(a: Assessment) -> AssessmentContent:
    return AssessmentContent(**{name: getattr(a, name) for name in FIELDS})


def under_18(episode: Episode) -> bool:
    """A child at the episode: the adult treatment requirements are not available to a court."""
    age = age_on(episode.person.date_of_birth, timezone.localdate(episode.identified_at))
    return age is not None and age < 18


def checked_content(content: AssessmentContent, *, complete: bool, child: bool = False) -> dict[str, Any]:
    """The stored form of the content; a draft may be partial, a completed one may not. For a
    child, no adult treatment requirement (youth rehabilitation order requirements are shared
    with the court in the report instead)."""
    errors: dict[str, str] = {}
    for name, limit in (("history", _LONG), ("presentation", _LONG), ("formulation", _LONG)):
        if len(getattr(content, name).strip()) > limit:
            errors[name] = f"This must be {limit:,} characters or fewer"
    for name in ("onward_referral", "recommendations_note"):
        if len(getattr(content, name).strip()) > _SHORT:
            errors[name] = f"This must be {_SHORT:,} characters or fewer"
    for domain, text in content.needs.items():
        if domain not in Vulnerability.values:
            errors["needs"] = f"Unknown vulnerability domain: {str(domain)[:40]}"
        elif len(text.strip()) > _SHORT:
            errors[f"needs.{domain}"] = f"Needs must be {_SHORT:,} characters or fewer"
    if any(c not in CourtConsideration.values for c in content.court):
        errors["court"] = "Select what the court should consider from the list"
    if any(t not in TreatmentRequirement.values for t in content.treatment_requirements):
        errors["treatment_requirements"] = "Select treatment requirements from the list"
    elif child and content.treatment_requirements:
        errors["treatment_requirements"] = (
            "Mental health, drug rehabilitation and alcohol treatment requirements are not available under 18"
        )
    if complete and not errors:
        for name, message in (
            ("history", "Enter the person's history"),
            ("presentation", "Enter the person's current presentation"),
            ("formulation", "Enter your formulation"),
        ):
            if not getattr(content, name).strip():
                errors[name] = message
    if errors:
        raise Invalid("There is a problem with the assessment", errors=errors)
    return content.cleaned()


def assessed_payload(a: Assessment, stored: dict[str, Any]) -> dict[str, Any]:
    """What the pathway event keeps: enough to report on and to read on the timeline."""
    lines = []
    if stored["onward_referral"]:
        lines.append(f"Onward referral: {stored['onward_referral']}")
    lines += [f"The court to consider {CourtConsideration(c).label.lower()}" for c in stored["court"]]
    if stored["treatment_requirements"]:
        labels = ", ".join(TreatmentRequirement(t).label.lower() for t in stored["treatment_requirements"])
        lines.append(f"Suitable for a community sentence with: {labels}")
    if stored["recommendations_note"]:
        lines.append(stored["recommendations_note"])
    return {
        "assessment_id": a.pk,
        "version": a.version,
        "summary": stored["formulation"],
        "needs": sorted(stored["needs"]),
        "recommendations": "\n".join(lines),
        "onward_referral": stored["onward_referral"],
        "court": stored["court"],
        "treatment_requirements": stored["treatment_requirements"],
    }


def _audit(a: Assessment, by: User, kind: EventType, fields: list[str]) -> None:
    at = clock.now()
    AssessmentEvent.objects.create(
        assessment=a,
        kind=kind.tag,
        occurred_at=at,
        recorded_at=at,
        actor=by,
        data={"version": a.version, "fields": fields},
    )


def _locked(a: Assessment) -> Assessment:
    return lock(Assessment.objects).get(pk=a.pk)


def _refresh(target: Assessment, source: Assessment) -> None:
    for f in source._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


@transaction.atomic
def assessment_start(*, by: User, episode: Episode, content: AssessmentContent) -> Assessment:
    """A new draft. One assessment per episode: a completed one is changed by amending it."""
    require_recorder(by, episode.scheme_id)
    # Lock the episode so two practitioners cannot both start the episode's first draft.
    locked = lock(Episode.objects).get(pk=episode.pk)
    if not allows(locked.stage, Step.ASSESS):
        raise StageNotAllowed(
            f"An episode at stage '{Stage(locked.stage).label}' does not allow: {Step.ASSESS.label.lower()}",
            stage=locked.stage,
            step=Step.ASSESS.value,
        )
    existing = Assessment.objects.filter(episode=locked).order_by("-version").first()
    if existing is not None and existing.is_draft:
        raise Conflict("There is already a draft assessment", code="draft_exists", assessment_id=existing.pk)
    if existing is not None:
        raise Conflict(
            "This episode's assessment is complete: amend it instead",
            code="assessment_exists",
            assessment_id=existing.pk,
        )
    stored = checked_content(content, complete=False, child=under_18(locked))
    now = clock.now()
    a = Assessment.objects.create(episode=locked, author=by, created_at=now, updated_at=now, **stored)
    _audit(a, by, DRAFT_START, [k for k, v in stored.items() if v])
    return a


def _author_draft(a: Assessment, by: User) -> None:
    if not a.is_draft:
        raise Conflict("A completed assessment is locked: amend it instead", code="assessment_locked")
    if a.author_id != by.pk:
        raise PermissionDenied("Only the author can edit or complete a draft assessment", code="not_the_author")


@transaction.atomic
def assessment_draft_save(*, by: User, assessment: Assessment, content: AssessmentContent) -> Assessment:
    require_recorder(by, assessment.episode.scheme_id)
    locked = _locked(assessment)
    _author_draft(locked, by)
    stored = checked_content(content, complete=False, child=under_18(assessment.episode))
    changed = [k for k, v in stored.items() if getattr(locked, k) != v]
    for k, v in stored.items():
        setattr(locked, k, v)
    locked.updated_at = clock.now()
    locked.save(update_fields=[*stored, "updated_at"])
    _audit(locked, by, DRAFT_EDIT, changed)
    _refresh(assessment, locked)
    return assessment


def _lock_episode(episode: Episode) -> None:
    """Every write that ends in an event takes the episode's lock first, as `take_step` does, so
    two practitioners completing or amending at once queue instead of deadlocking."""
    lock(Episode.objects.filter(pk=episode.pk)).first()


@transaction.atomic
def assessment_complete(*, by: User, assessment: Assessment, occurred_at: datetime | None = None) -> PathwayEvent:
    """Lock the draft and record the assessment step; the episode moves to assessed."""
    require_recorder(by, assessment.episode.scheme_id)
    _lock_episode(assessment.episode)
    locked = _locked(assessment)
    _author_draft(locked, by)
    stored = checked_content(content_of(locked), complete=True, child=under_18(assessment.episode))
    event = take_step(
        episode=assessment.episode,
        kind=ASSESS,
        by=by,
        occurred_at=occurred_at,
        data=assessed_payload(locked, stored),
    )
    locked.status = AssessmentStatus.COMPLETED
    locked.completed_at = event.occurred_at
    locked.event = event
    locked.updated_at = clock.now()
    locked.save(update_fields=["status", "completed_at", "event", "updated_at"])
    _audit(locked, by, DRAFT_COMPLETE, [])
    _refresh(assessment, locked)
    return event


@transaction.atomic
def assessment_amend(
    *,
    by: User,
    assessment: Assessment,
    reason: str,
    content: AssessmentContent,
    occurred_at: datetime | None = None,
) -> Assessment:
    """A new completed version that replaces `assessment`, which stays readable, superseded."""
    require_recorder(by, assessment.episode.scheme_id)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Enter why you are amending the assessment"
    elif len(reason.strip()) > _SHORT:
        errors["reason"] = f"The reason must be {_SHORT:,} characters or fewer"
    try:
        stored = checked_content(content, complete=True, child=under_18(assessment.episode))
    except Invalid as e:
        errors.update(e.errors)
    if errors:
        raise Invalid("There is a problem with the amendment", errors=errors)
    _lock_episode(assessment.episode)
    old = _locked(assessment)
    if old.is_draft:
        raise Conflict("A draft is not amended: edit it and complete it", code="assessment_draft")
    if Assessment.objects.filter(replaces=old).exists():
        raise Conflict("That version has already been amended: amend the latest version", code="assessment_superseded")
    now = clock.now()
    # Saved before its event so that the event can name it; both or neither, in this transaction.
    new = Assessment.objects.create(
        episode=old.episode,
        version=old.version + 1,
        replaces=old,
        amend_reason=reason.strip(),
        author=by,
        status=AssessmentStatus.COMPLETED,
        created_at=now,
        updated_at=now,
        **stored,
    )
    event = take_step(
        episode=assessment.episode,
        kind=AMEND,
        by=by,
        occurred_at=occurred_at,
        data={
            **assessed_payload(new, stored),
            "replaces_id": old.pk,
            "replaces_version": old.version,
            "reason": reason.strip(),
        },
    )
    new.completed_at = event.occurred_at
    new.event = event
    new.save(update_fields=["completed_at", "event"])
    _audit(new, by, DRAFT_AMEND, [k for k, v in stored.items() if v != getattr(old, k)])
    return new


@transaction.atomic
def assessment_summary_record(
    *, by: User, episode: Episode, summary: str, recommendations: str = "", occurred_at: datetime | None = None
) -> PathwayEvent:
    """An assessment given in summary (a partner system that holds the full one, or history
    recorded before the structured form): a completed Assessment and its one `episode:assess`
    event, the same shape as a completed draft's."""
    if not summary.strip():
        raise Invalid("The assessment needs a summary", errors={"summary": "Enter the assessment summary"})
    require_recorder(by, episode.scheme_id)
    _lock_episode(episode)
    existing = Assessment.objects.filter(episode=episode).order_by("-version").first()
    if existing is not None:
        raise Conflict(
            "This episode already has an assessment: amend it instead",
            code="assessment_exists",
            assessment_id=existing.pk,
        )
    stored = checked_content(
        AssessmentContent(formulation=summary, recommendations_note=recommendations), complete=False
    )
    now = clock.now()
    a = Assessment.objects.create(
        episode=episode, author=by, created_at=now, updated_at=now, status=AssessmentStatus.COMPLETED, **stored
    )
    event = take_step(episode=episode, kind=ASSESS, by=by, occurred_at=occurred_at, data=assessed_payload(a, stored))
    a.completed_at, a.event = event.occurred_at, event
    a.save(update_fields=["completed_at", "event"])
    return event
