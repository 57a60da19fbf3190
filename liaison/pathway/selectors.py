"""Reading episodes and their events, scoped to the user's schemes and audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction, BreakGlass
from liaison.core import clock
from liaison.core.errors import NotFound, PermissionDenied
from liaison.core.paging import PER_PAGE, Paging
from liaison.organisations.models import Scheme, Site
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import OPEN_STAGES, Step, allows
from liaison.pathway.waits import ORDERINGS, Sort, with_waits
from liaison.people.models import Person


def visible_episodes(user: User) -> QuerySet[Episode]:
    scope = scope_for(user)
    if not scope.is_clinical:
        return Episode.objects.none()
    glass = BreakGlass.objects.filter(user=user, expires_at__gt=clock.now())
    broken = Q()
    for person_id, scheme_id in glass.values_list("person_id", "scheme_id"):
        broken |= Q(person_id=person_id, scheme_id=scheme_id)
    return Episode.objects.filter(Q(scheme_id__in=scope.clinical_scheme_ids) | broken)


def episode_get(*, user: User, episode_id: object, what: str = "episode page", channel: str = "web") -> Episode:
    try:
        eid = episode_id if isinstance(episode_id, uuid.UUID) else uuid.UUID(str(episode_id))
    except ValueError:
        raise NotFound("No such episode") from None
    episode = (
        visible_episodes(user)
        .select_related("person", "scheme", "site", "current_site", "created_by")
        .filter(id=eid)
        .first()
    )
    if episode is None:
        raise NotFound("No such episode")
    access_record(user=user, action=AccessAction.VIEW, what=what, shown=[episode], channel=channel)
    return episode


@dataclass(frozen=True)
class EpisodePage:
    count: int
    episodes: list[Episode]


def episodes_listed(
    *, user: User, where: Q | None = None, limit: int = 50, offset: int = 0, channel: str = "api"
) -> EpisodePage:
    """A page of the episodes the user may see, narrowed by `where` (stage, current site), most
    recently identified first; everyone on the page audited as seen in the listing."""
    if not scope_for(user).is_clinical:
        raise PermissionDenied("Your role cannot open people's records", code="role_not_allowed")
    episodes = visible_episodes(user).filter(where or Q())
    # The page's ids first, from the episode table alone: joined to its scheme, SQLite's planner
    # read a scheme's every episode (100,000 at national scale) by the scheme's index for the
    # few hundred open ones that (scheme, stage) finds (103 ms against 1).
    ids = list(episodes.order_by("-identified_at", "id").values_list("pk", flat=True)[offset : offset + limit])
    page = list(
        Episode.objects.filter(pk__in=ids)
        .select_related("person", "scheme", "site", "current_site")
        .order_by("-identified_at", "id")
    )
    access_record(user=user, action=AccessAction.LIST, what=f"{channel}: episodes", shown=page, channel=channel)
    return EpisodePage(episodes.count(), page)


def episode_to_record(
    *, user: User, episode_id: object, what: str, channel: str = "web", support: bool = False
) -> Episode:
    """The episode to record in: 404 when the user may not see it, 403 when their role may not
    record in its scheme (with `support`, may not record support there). The one check every
    step page and API write shares."""
    episode = episode_get(user=user, episode_id=episode_id, what=what, channel=channel)
    scope = scope_for(user)
    allowed = scope.can_support_in(episode.scheme_id) if support else scope.can_record_in(episode.scheme_id)
    if not allowed:
        doing = "record support" if support else "record"
        raise PermissionDenied(f"Your role cannot {doing} in this scheme", code="scheme_not_allowed")
    return episode


def episodes_of_person(*, user: User, person: Person) -> QuerySet[Episode]:
    return (
        visible_episodes(user)
        .filter(person=person)
        .select_related("scheme", "site", "current_site")
        .order_by("-identified_at")
    )


def open_episode_in_scheme(*, person: Person, scheme: Scheme) -> Episode | None:
    """The person's open episode in the scheme, to join instead of opening a duplicate."""
    return Episode.objects.filter(person=person, scheme=scheme, stage__in=OPEN_STAGES).first()


# Entries on one page of the episode page's timeline: a custody episode has a handful, a long
# court case or a repeat attender some hundreds, and the page must not grow with them (issue 13).
TIMELINE_PAGE = 50
# Entries in one answer of the API's timeline: more than nearly any episode holds, so a partner
# reads a whole timeline in one request, and no request reads more however long the history.
EVENTS_PAGE = 500


@dataclass(frozen=True)
class TimelinePage:
    """Some of an episode's entries, oldest first, and whether there are earlier or later ones."""

    events: list[PathwayEvent]
    earlier: bool
    later: bool

    @property
    def first_id(self) -> int | None:
        return self.events[0].pk if self.events else None

    @property
    def last_id(self) -> int | None:
        return self.events[-1].pk if self.events else None


def _timeline_rows() -> QuerySet[PathwayEvent]:
    return PathwayEvent.objects.select_related("actor", "site", "voids").prefetch_related(
        Prefetch("voided_by", queryset=PathwayEvent.objects.select_related("actor"))
    )


def episode_timeline(
    *, episode: Episode, before: object = None, after: object = None, limit: int = TIMELINE_PAGE
) -> TimelinePage:
    """The latest `limit` entries, or those just before (or just after) the entry named by
    `before` (`after`): keyset pages on (occurred_at, id), the timeline's own order, read
    through the (episode, occurred_at) index, so that no page reads more than `limit` + 1 rows
    however long the history. An entry of another episode is not found."""
    if after is not None:
        return episode_events(episode=episode, after=after, limit=limit)
    mine = _timeline_rows().filter(episode=episode)
    if before is not None:
        edge = episode_event_get(episode=episode, event_id=before)
        mine = mine.filter(Q(occurred_at__lt=edge.occurred_at) | Q(occurred_at=edge.occurred_at, id__lt=edge.pk))
    rows = list(mine.order_by("-occurred_at", "-id")[: limit + 1])
    return TimelinePage(events=rows[:limit][::-1], earlier=len(rows) > limit, later=before is not None)


def episode_events(*, episode: Episode, after: object = None, limit: int = EVENTS_PAGE) -> TimelinePage:
    """The timeline oldest first: its first `limit` entries, or the `limit` just after the entry
    named by `after` (a keyset page, as `episode_timeline`'s). The episode was fetched through
    `episode_get` already; an entry of another episode is not found."""
    mine = _timeline_rows().filter(episode=episode)
    if after is not None:
        edge = episode_event_get(episode=episode, event_id=after)
        mine = mine.filter(Q(occurred_at__gt=edge.occurred_at) | Q(occurred_at=edge.occurred_at, id__gt=edge.pk))
    rows = list(mine.order_by("occurred_at", "id")[: limit + 1])
    return TimelinePage(events=rows[:limit], earlier=after is not None, later=len(rows) > limit)


def episode_event_get(*, episode: Episode, event_id: object) -> PathwayEvent:
    """One entry of an episode the user already opened; another episode's entry is not found."""
    try:
        pk = int(str(event_id))
    except ValueError:
        raise NotFound("No such entry in this episode") from None
    event = PathwayEvent.objects.filter(episode=episode, pk=pk).select_related("actor", "site").first()
    if event is None:
        raise NotFound("No such entry in this episode")
    return event


def next_steps(*, user: User, episode: Episode) -> list[Step]:
    """What the user can do next here: the stage table, narrowed by the user's role."""
    if not scope_for(user).can_record_in(episode.scheme_id):
        return []
    return [s for s in Step if allows(episode.stage, s) and s not in Step.alongside()]


@dataclass(frozen=True)
class WorklistRow:
    episode: Episode
    waiting: bool
    wait_minutes: int
    breach: bool


@dataclass(frozen=True)
class Filters:
    """What an open-episodes list is narrowed to and how it is sorted (all optional)."""

    site_id: int | None = None
    stage: str = ""
    point_of_contact: str = ""
    breached: bool = False
    sort: str = Sort.URGENT

    def where(self) -> Q:
        q = Q()
        if self.site_id is not None:
            q &= Q(current_site_id=self.site_id)
        if self.stage:
            q &= Q(stage=self.stage)
        if self.point_of_contact:
            q &= Q(point_of_contact=self.point_of_contact)
        if self.breached:
            q &= Q(breach=True)
        return q


@dataclass(frozen=True)
class OpenEpisodes:
    """One page of an open-episodes list: its rows, where the page sits, and how many of the
    whole (filtered) list are over their target."""

    rows: list[WorklistRow]
    paging: Paging
    breaches: int

    @property
    def count(self) -> int:
        return self.paging.count


def _open_page(
    *, user: User, episodes: QuerySet[Episode], filters: Filters, page: int, per_page: int, what: str, channel: str
) -> OpenEpisodes:
    """Filtered, counted, sorted and paged in the database (three queries however long the
    list); only the people on the page shown are audited as seen (one insert)."""
    listed = with_waits(episodes.filter(stage__in=OPEN_STAGES), clock.now()).filter(filters.where())
    totals = listed.aggregate(count=Count("id"), breaches=Count("id", filter=Q(breach=True)))
    paging = Paging.of(count=totals["count"], asked=page, per_page=per_page)
    shown = list(
        listed.select_related("person", "current_site").order_by(*ORDERINGS[Sort(filters.sort)])[
            paging.offset : paging.offset + per_page
        ]
    )
    access_record(user=user, action=AccessAction.LIST, what=what, shown=shown, channel=channel)
    rows = [
        WorklistRow(e, e.waiting, int(e.wait.total_seconds() // 60), e.breach)  # type: ignore[attr-defined]
        for e in shown
    ]
    return OpenEpisodes(rows, paging, totals["breaches"])


def worklist(
    *, user: User, filters: Filters = Filters(), page: int = 1, per_page: int = PER_PAGE, channel: str = "web"
) -> OpenEpisodes:
    """Open episodes at my sites: those whose current site is one of the user's sites, a page
    at a time. Reads the episode rows only (the projection), never their events."""
    scope = scope_for(user)
    episodes = visible_episodes(user).filter(current_site_id__in=scope.site_ids)
    return _open_page(
        user=user, episodes=episodes, filters=filters, page=page, per_page=per_page, what="worklist", channel=channel
    )


def sites_of_worklist(*, user: User) -> list[Site]:
    """The sites the user's worklist covers, to filter it by."""
    return list(Site.objects.filter(pk__in=scope_for(user).site_ids).order_by("name", "pk"))


def scheme_for_oversight(*, user: User, scheme_id: int) -> Scheme:
    """The scheme a team lead or scheme manager oversees: 404 when unknown, 403 when not theirs."""
    scheme = Scheme.objects.filter(pk=scheme_id).first()
    if scheme is None:
        raise NotFound("No such scheme")
    if not scope_for(user).oversees(scheme.pk):
        raise PermissionDenied("Only team leads and scheme managers see the whole scheme", code="role_not_allowed")
    return scheme


def scheme_open_episodes(
    *,
    user: User,
    scheme_id: int,
    filters: Filters = Filters(),
    page: int = 1,
    per_page: int = PER_PAGE,
    channel: str = "web",
) -> OpenEpisodes:
    """Every open episode in the scheme, a page at a time, for its team leads and scheme
    managers; everyone on the page audited as seen in the scheme's list."""
    if not scope_for(user).oversees(scheme_id):
        raise PermissionDenied("Only team leads and scheme managers see the whole scheme", code="role_not_allowed")
    episodes = Episode.objects.filter(scheme_id=scheme_id)
    what = "scheme's open episodes"
    return _open_page(
        user=user, episodes=episodes, filters=filters, page=page, per_page=per_page, what=what, channel=channel
    )


def sites_of_scheme(*, scheme: Scheme) -> list[Site]:
    """The scheme's sites, closed ones too (an episode may still be open at one), to filter by."""
    return list(Site.objects.filter(scheme=scheme).order_by("name", "pk"))


def break_glass_on_scheme(*, user: User, scheme_id: int, limit: int = 100, channel: str = "web") -> list[BreakGlass]:
    """Other schemes' staff who broke glass to open this scheme's records; the people named are
    audited as seen in that list."""
    if not scope_for(user).oversees(scheme_id):
        raise PermissionDenied("Only team leads and scheme managers see break-glass access", code="role_not_allowed")
    grants = list(BreakGlass.objects.filter(scheme_id=scheme_id).select_related("user", "person")[:limit])
    what = "break glass into the scheme"
    access_record(user=user, action=AccessAction.LIST, what=what, shown=[g.person for g in grants], channel=channel)
    return grants


def timeliness(*, episode: Episode) -> list[tuple[str, int | None]]:
    """Minutes from identification to each later step (None where not reached)."""
    out: list[tuple[str, int | None]] = []
    for label, at in (
        ("Screened", episode.screened_at),
        ("Assessed", episode.assessed_at),
        ("Referred", episode.referred_at),
        ("Closed", episode.closed_at),
    ):
        out.append((label, None if at is None else int((at - episode.identified_at).total_seconds() // 60)))
    return out
