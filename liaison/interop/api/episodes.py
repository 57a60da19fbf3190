"""Episodes: identify (open one), list what the user may see, read one and its timeline."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from pydantic import Field

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Invalid, PermissionDenied
from liaison.interop.api import present
from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Code, EpisodeOut, EpisodePage, Error, EventOut, IdentifyIn
from liaison.organisations.models import Site
from liaison.organisations.selectors import sites_to_record_at
from liaison.pathway.actions import Alert, episode_identify
from liaison.pathway.models import Episode
from liaison.pathway.selectors import EVENTS_PAGE, episode_events, episode_get, episodes_listed, next_steps
from liaison.pathway.stages import OPEN_STAGES, Stage
from liaison.people.selectors import person_get

router = Router(tags=["episodes"])

_MAX_ID = 2**63 - 1


def _as_id(ref: str | int) -> int | None:
    """A database id from a number or a string of ASCII digits; None when it cannot be one."""
    if isinstance(ref, str):
        if not (ref.isascii() and ref.isdigit() and len(ref) < 20):
            return None
        ref = int(ref)
    return ref if 0 < ref <= _MAX_ID else None


def _site_ref(ref: str | int, prefix: str = "") -> Q:
    by_id = _as_id(ref)
    match = Q(**{f"{prefix}code": ref}) if isinstance(ref, str) else Q(pk__in=[])
    if by_id is not None:
        match |= Q(**{f"{prefix}id": by_id})
    return match


def recording_site(user: User, ref: str | int) -> Site:
    """A site, by code or id, where the user may record: the same choice the pages offer."""
    scope = scope_for(user)
    if not scope.recording_scheme_ids:
        raise PermissionDenied("Your role cannot record pathway steps", code="role_not_allowed")
    site = sites_to_record_at(user).filter(_site_ref(ref)).first()
    if site is None:
        raise Invalid("There is no such site in your schemes", errors={"site": "Give the code of one of your sites"})
    return site


@router.post("/episodes", response={201: EpisodeOut, ERRORS: Error}, summary="Identify: open an episode")
def identify(request: HttpRequest, payload: IdentifyIn) -> Status[dict[str, Any]]:
    """Refuses with 409 `open_episode_exists` (and its `episode_id`) where the person already has an
    open episode in the site's scheme: record a re-entry on that one instead."""
    user = user_of(request)
    site = recording_site(user, payload.site)
    person = person_get(user=user, person_id=payload.person_id, what="api: identify", channel="api")
    alert = Alert(
        site=site,
        point_of_contact=payload.point_of_contact or site.default_point_of_contact,
        referral_source=payload.referral_source,
        alerted_by=payload.alerted_by,
        alerted_by_code=payload.alerted_by_code,
        concerns=payload.concerns,
        concerns_note=payload.concerns_note,
    )
    episode = episode_identify(by=user, person=person, alert=alert, occurred_at=payload.occurred_at)
    return Status(201, _full(user, episode))


@router.get("/episodes", response={200: EpisodePage, ERRORS: Error}, summary="Episodes the user may see")
def listing(
    request: HttpRequest,
    stage: Stage | None = None,
    site: Annotated[Code | None, Field(description="Current site's code or id")] = None,
    open: Annotated[bool | None, Field(description="Only open (true) or only closed (false) episodes")] = None,
    limit: Annotated[int, Field(ge=1, le=200)] = 50,
    offset: Annotated[int, Field(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    where = Q()
    if stage is not None:
        where &= Q(stage=stage)
    if site is not None:
        where &= _site_ref(site, prefix="current_site__")
    if open is not None:
        where &= Q(stage__in=OPEN_STAGES) if open else ~Q(stage__in=OPEN_STAGES)
    found = episodes_listed(user=user_of(request), where=where, limit=limit, offset=offset, channel="api")
    at = clock.now()
    items = [present.episode_summary(e, at) for e in found.episodes]
    return {"count": found.count, "limit": limit, "offset": offset, "items": items}


def _full(user: User, episode: Episode) -> dict[str, Any]:
    return present.episode_full(
        episode,
        clock.now(),
        next_steps=[s.value for s in next_steps(user=user, episode=episode)],
    )


@router.get(
    "/episodes/{episode_id}", response={200: EpisodeOut, ERRORS: Error}, summary="One episode", url_name="episode"
)
def detail(request: HttpRequest, episode_id: str) -> dict[str, Any]:
    user = user_of(request)
    episode = episode_get(user=user, episode_id=episode_id, what="api: episode", channel="api")
    return _full(user, episode)


@router.get(
    "/episodes/{episode_id}/events", response={200: list[EventOut], ERRORS: Error}, summary="An episode's timeline"
)
def events(
    request: HttpRequest,
    response: HttpResponse,
    episode_id: str,
    after: Annotated[
        str | None, Field(description="Only the entries after this one (its `id`): the next page's `Link`")
    ] = None,
    limit: Annotated[int, Field(ge=1, le=EVENTS_PAGE)] = EVENTS_PAGE,
) -> list[dict[str, Any]]:
    """Oldest first, at most `limit` entries (500 unless asked for fewer: more than nearly any
    episode holds). Where there are more, a `Link` header (RFC 8288) gives the next page's
    address, `rel="next"`; its absence means this page ends the timeline."""
    episode = episode_get(user=user_of(request), episode_id=episode_id, what="api: episode events", channel="api")
    page = episode_events(episode=episode, after=after, limit=limit)
    if page.later:
        query = urlencode({"after": page.events[-1].pk, "limit": limit})
        response["Link"] = f'<{request.path}?{query}>; rel="next"'
    return [present.event(ev) for ev in page.events]
