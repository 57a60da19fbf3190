"""Pathway transitions: each calls the same action as its page and answers with the one event written.

The stage table decides what is allowed; anything else is 409 `stage_not_allowed` and the episode
is unchanged.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from liaison.assessment.actions import assessment_summary_record
from liaison.core.errors import NotFound
from liaison.interop.api import present
from liaison.interop.api.auth import episode_of, user_of
from liaison.interop.api.episodes import recording_site
from liaison.interop.api.referrals import service_of
from liaison.interop.api.schemas import (
    ERRORS,
    AssessIn,
    CloseIn,
    Error,
    EventOut,
    NoteIn,
    ReenterIn,
    ReferIn,
    ReopenIn,
    ScreenIn,
    VoidIn,
)
from liaison.pathway.actions import (
    Alert,
    entry_void,
    episode_close,
    episode_note,
    episode_reenter,
    episode_reopen,
)
from liaison.pathway.models import Episode, PathwayEvent
from liaison.referrals.actions import referral_make
from liaison.screening.actions import FindingInput, screening_record

router = Router(tags=["pathway"])

_WRITTEN = {201: EventOut, ERRORS: Error}
Written = Status[dict[str, Any]]


def _written(event: PathwayEvent) -> Written:
    return Status(201, present.event(event))


@router.post("/episodes/{episode_id}/screen", response=_WRITTEN, summary="Record screening findings")
def screen(request: HttpRequest, episode_id: str, payload: ScreenIn) -> Written:
    episode = episode_of(request, episode_id, "screen")
    return _written(
        screening_record(
            by=user_of(request),
            episode=episode,
            findings=[FindingInput(f.domain, f.status, f.source, f.note) for f in payload.findings],
            urgency=payload.urgency,
            needs_assessment=payload.needs_assessment,
            note=payload.note,
            occurred_at=payload.occurred_at,
        )
    )


@router.post("/episodes/{episode_id}/assess", response=_WRITTEN, summary="Record an assessment")
def assess(request: HttpRequest, episode_id: str, payload: AssessIn) -> Written:
    episode = episode_of(request, episode_id, "assess")
    return _written(
        assessment_summary_record(
            by=user_of(request),
            episode=episode,
            summary=payload.summary,
            recommendations=payload.recommendations,
            occurred_at=payload.occurred_at,
        )
    )


@router.post(
    "/episodes/{episode_id}/refer", response=_WRITTEN, summary="Refer to a directory service (the referral event)"
)
def refer(request: HttpRequest, episode_id: str, payload: ReferIn) -> Written:
    """As `POST /episodes/{id}/referrals`, answering with the event; its data holds `referral_id`."""
    episode = episode_of(request, episode_id, "refer")
    made = referral_make(
        by=user_of(request),
        episode=episode,
        service=service_of(episode, payload.service_id),
        reason=payload.reason,
        urgency=payload.urgency.value,
        occurred_at=payload.occurred_at,
    )
    assert made.event is not None
    return _written(PathwayEvent.objects.select_related("actor", "site").get(pk=made.event.pk))


@router.post("/episodes/{episode_id}/close", response=_WRITTEN, summary="Close with justice and L&D outcomes")
def close(request: HttpRequest, episode_id: str, payload: CloseIn) -> Written:
    episode = episode_of(request, episode_id, "close")
    return _written(
        episode_close(
            by=user_of(request),
            episode=episode,
            justice_outcome=payload.justice_outcome,
            ld_outcome=payload.ld_outcome,
            sentence_type=payload.sentence_type,
            note=payload.note,
            occurred_at=payload.occurred_at,
            confirm_active_support=payload.confirm_active_support,
        )
    )


@router.post("/episodes/{episode_id}/reopen", response=_WRITTEN, summary="Reopen a closed episode")
def reopen(request: HttpRequest, episode_id: str, payload: ReopenIn) -> Written:
    episode = episode_of(request, episode_id, "reopen")
    return _written(
        episode_reopen(by=user_of(request), episode=episode, reason=payload.reason, occurred_at=payload.occurred_at)
    )


@router.post("/episodes/{episode_id}/reenter", response=_WRITTEN, summary="Record re-entry, e.g. at court")
def reenter(request: HttpRequest, episode_id: str, payload: ReenterIn) -> Written:
    user = user_of(request)
    episode = episode_of(request, episode_id, "reenter")
    site = recording_site(user, payload.site)
    return _written(
        episode_reenter(
            by=user,
            episode=episode,
            alert=Alert(
                site=site,
                point_of_contact=payload.point_of_contact or site.default_point_of_contact,
                referral_source=payload.referral_source,
                alerted_by=payload.alerted_by,
                alerted_by_code=payload.alerted_by_code,
                concerns=payload.concerns,
            ),
            note=payload.note,
            occurred_at=payload.occurred_at,
        )
    )


@router.post("/episodes/{episode_id}/notes", response=_WRITTEN, summary="Add a note")
def note(request: HttpRequest, episode_id: str, payload: NoteIn) -> Written:
    episode = episode_of(request, episode_id, "note")
    return _written(
        episode_note(by=user_of(request), episode=episode, text=payload.text, occurred_at=payload.occurred_at)
    )


def _entry(episode: Episode, event_id: str) -> PathwayEvent:
    """An entry of an episode the user has already been allowed to open."""
    eid = int(event_id) if event_id.isascii() and event_id.isdigit() and len(event_id) < 19 else None
    entry = PathwayEvent.objects.filter(episode=episode, pk=eid).first() if eid else None
    if entry is None:
        raise NotFound("No such entry in this episode")
    return entry


@router.post("/episodes/{episode_id}/events/{event_id}/void", response=_WRITTEN, summary="Void an entry, with a reason")
def void(request: HttpRequest, episode_id: str, event_id: str, payload: VoidIn) -> Written:
    episode = episode_of(request, episode_id, "void")
    return _written(
        entry_void(by=user_of(request), episode=episode, event=_entry(episode, event_id), reason=payload.reason)
    )
