"""Take any pathway step on an episode with valid details, so stage tests read as the table does."""

from __future__ import annotations

from datetime import datetime

from liaison.accounts.models import User
from liaison.assessment.actions import AssessmentContent, assessment_amend, assessment_summary_record
from liaison.core.events import EVENTS
from liaison.organisations.models import Site
from liaison.pathway.actions import (
    Alert,
    entry_void,
    episode_close,
    episode_note,
    episode_reenter,
    episode_reopen,
)
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage, Step
from liaison.referrals.actions import referral_make
from liaison.screening.actions import FindingInput, screening_record
from tests.referrals import builders


def take(
    step: Step,
    *,
    episode: Episode,
    by: User,
    at: datetime | None = None,
    site: Site | None = None,
    target: PathwayEvent | None = None,
) -> PathwayEvent:
    """One step through its action. VOID voids `target`, or the latest voidable entry."""
    if step is Step.SCREEN:
        return screening_record(
            by=by,
            episode=episode,
            findings=[FindingInput("mental_health", "suspected"), FindingInput("alcohol", "ruled_out")],
            urgency="same_day",
            needs_assessment=True,
            occurred_at=at,
        )
    if step is Step.ASSESS:
        if episode.assessments.exists():
            # A second assessment is an amendment of the first; the stage table only asks for the step.
            latest = episode.assessments.order_by("-version").first()
            assert latest is not None
            amended = assessment_amend(
                by=by,
                assessment=latest,
                content=AssessmentContent(
                    history="Known to the community team", presentation="Calm, tired", formulation=latest.formulation
                ),
                reason="New information",
                occurred_at=at,
            )
            assert amended.event is not None
            return amended.event
        return assessment_summary_record(
            by=by, episode=episode, summary="Low mood, no plans to harm self", occurred_at=at
        )
    if step is Step.REFER:
        made = referral_make(by=by, episode=episode, service=builders.service(scheme=episode.scheme), occurred_at=at)
        assert made.event is not None
        return made.event
    if step is Step.CLOSE:
        return episode_close(
            by=by,
            episode=episode,
            justice_outcome="no_further_action",
            ld_outcome="no_further_ld_action",
            occurred_at=at,
            # A referral made on the way here is still active: the closure says so.
            confirm_active_support=True,
        )
    if step is Step.REENTER:
        where = site or episode.current_site
        alert = Alert(
            site=where, point_of_contact=where.default_point_of_contact, referral_source="E2", alerted_by="Court usher"
        )
        return episode_reenter(by=by, episode=episode, alert=alert, occurred_at=at)
    if step is Step.REOPEN:
        return episode_reopen(by=by, episode=episode, reason="New information from the family", occurred_at=at)
    if step is Step.NOTE:
        return episode_note(by=by, episode=episode, text="Phoned the custody sergeant", occurred_at=at)
    if target is None:
        target = (
            PathwayEvent.objects.filter(episode=episode, kind__in=EVENTS.voidable(), voided_by__isnull=True)
            .order_by("-id")
            .first()
        )
        assert target is not None, "nothing to void: add a note first"
    return entry_void(by=by, episode=episode, event=target, reason="Recorded on the wrong person")


# The shortest way to each stage from identification.
ROUTE: dict[Stage, tuple[Step, ...]] = {
    Stage.IDENTIFIED: (),
    Stage.SCREENED: (Step.SCREEN,),
    Stage.ASSESSED: (Step.SCREEN, Step.ASSESS),
    Stage.REFERRED: (Step.SCREEN, Step.ASSESS, Step.REFER),
    Stage.CLOSED: (Step.SCREEN, Step.CLOSE),
}


def bring_to(stage: Stage, *, episode: Episode, by: User) -> None:
    for step in ROUTE[stage]:
        take(step, episode=episode, by=by)
    episode.refresh_from_db()
    assert episode.stage == stage
