"""Reading the directory, referrals and support, scoped to what the user may see.

The directory holds no personal data, but it is still a scheme's own: staff see their schemes'
services only. Referrals and contacts are reached through episodes the user may open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction
from liaison.core import clock
from liaison.core.errors import NotFound
from liaison.organisations.models import Membership, Role
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.selectors import visible_episodes
from liaison.referrals.directory.selectors import as_id
from liaison.referrals.events import REFER, REFERRAL_UPDATE, SUPPORT_ASSIGN, SUPPORT_CONTACT
from liaison.referrals.lifecycle import ACTIVE
from liaison.referrals.models import Referral, SupportContact

# How far ahead the worklist looks for follow-ups.
FOLLOW_UP_WINDOW_DAYS = 7


# ---- referrals


def referral_get(*, user: User, referral_id: object, what: str = "referral page", channel: str = "web") -> Referral:
    rid = as_id(referral_id)
    referral = (
        Referral.objects.filter(pk=rid, episode__in=visible_episodes(user))
        .select_related("episode__person", "episode__scheme", "episode__current_site", "service", "support_worker")
        .first()
        if rid
        else None
    )
    if referral is None:
        raise NotFound("No such referral")
    access_record(user=user, action=AccessAction.VIEW, what=what, shown=[referral.episode], channel=channel)
    return referral


def referral_of_episode(*, episode: Episode, referral_id: object) -> Referral:
    """One referral of an episode the user already opened; another episode's is not found."""
    rid = as_id(referral_id)
    referral = Referral.objects.filter(pk=rid, episode=episode).select_related("service").first() if rid else None
    if referral is None:
        raise NotFound("No such referral in this episode")
    return referral


def _with_voids(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related("service", "support_worker", "event").prefetch_related(
        Prefetch("event__voided_by", queryset=PathwayEvent.objects.all())
    )


def episode_referrals(*, episode: Episode) -> list[Referral]:
    return list(_with_voids(Referral.objects.filter(episode=episode)).order_by("made_at", "id"))


def is_voided(referral: Referral) -> bool:
    """Needs `event__voided_by` prefetched where there are many."""
    return referral.event is not None and bool(list(referral.event.voided_by.all()))


def active_referrals(*, episode: Episode) -> list[Referral]:
    """Referrals where support continues: closing the episode needs a confirmation for these."""
    return [r for r in episode_referrals(episode=episode) if r.status in ACTIVE and not is_voided(r)]


def episode_contacts(*, episode: Episode, limit: int = 100) -> list[SupportContact]:
    return list(
        SupportContact.objects.filter(episode=episode)
        .select_related("worker", "referral__service")
        .order_by("-contacted_at", "-id")[:limit]
    )


REFERRAL_KINDS = (REFER.tag, REFERRAL_UPDATE.tag, SUPPORT_ASSIGN.tag, SUPPORT_CONTACT.tag)


def referral_history(*, referral: Referral) -> list[PathwayEvent]:
    """The referral's events, oldest first: made, each transition, support and contacts."""
    return list(
        PathwayEvent.objects.filter(
            episode_id=referral.episode_id, kind__in=REFERRAL_KINDS, data__referral_id=referral.pk
        )
        .select_related("actor", "site")
        .prefetch_related("voided_by")
        .order_by("occurred_at", "id")
    )


# ---- support


def support_workers_for(*, scheme_id: int) -> list[User]:
    """Who may be assigned to support someone in the scheme: support and peer workers first."""
    roles = {Role.SUPPORT_WORKER, *Role.recording()}
    memberships = (
        Membership.objects.filter(
            Q(scheme_id=scheme_id) | Q(site__scheme_id=scheme_id), role__in=roles, user__is_active=True
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    workers: dict[int, tuple[int, User]] = {}
    for m in memberships:
        rank = 0 if m.role == Role.SUPPORT_WORKER else 1
        if m.user_id not in workers or rank < workers[m.user_id][0]:
            workers[m.user_id] = (rank, m.user)
    return [u for _, u in sorted(workers.values(), key=lambda p: (p[0], p[1].last_name, p[1].first_name, p[1].pk))]


def worker_for(*, scheme_id: int, worker_id: object) -> User | None:
    wid = as_id(worker_id)
    return next((u for u in support_workers_for(scheme_id=scheme_id) if u.pk == wid), None)


@dataclass(frozen=True)
class FollowUp:
    referral: Referral
    overdue: bool
    due_today: bool


def _follow_ups(referrals: list[Referral], today: date) -> list[FollowUp]:
    return [
        FollowUp(r, overdue=r.follow_up_due < today, due_today=r.follow_up_due == today)  # type: ignore[operator]
        for r in referrals
    ]


def follow_ups_due(*, user: User, limit: int = 100, channel: str = "web") -> list[FollowUp]:
    """Follow-ups on the user's assigned referrals due within the week, overdue ones first; the
    people named audited as seen in the list."""
    if not scope_for(user).support_scheme_ids:
        return []
    today = timezone.localdate(clock.now())
    referrals = list(
        Referral.objects.filter(
            support_worker=user,
            status__in=ACTIVE,
            follow_up_due__isnull=False,
            follow_up_due__lte=today + timedelta(days=FOLLOW_UP_WINDOW_DAYS),
            episode__scheme_id__in=scope_for(user).support_scheme_ids,
        )
        .select_related("episode__person", "service")
        .order_by("follow_up_due", "id")[:limit]
    )
    shown = [r.episode for r in referrals]
    access_record(user=user, action=AccessAction.LIST, what="follow-ups due", shown=shown, channel=channel)
    return _follow_ups(referrals, today)


def caseload_worker(*, user: User, worker_id: object = None) -> User:
    """Whose caseload to show: the user's own, or (for team leads and scheme managers) the
    caseload of someone who supports in a scheme they oversee; anyone else is not found."""
    if worker_id in (None, ""):
        return user
    wid = as_id(worker_id)
    if wid == user.pk:
        return user
    for scheme_id in scope_for(user).oversight_scheme_ids:
        worker = worker_for(scheme_id=scheme_id, worker_id=wid)
        if worker is not None:
            return worker
    raise NotFound("No such worker")


@dataclass(frozen=True)
class Caseload:
    worker: User
    referrals: list[Referral]
    follow_ups: list[FollowUp]
    contacts: list[SupportContact]


def caseload(*, user: User, worker: User, limit: int = 200, channel: str = "web") -> Caseload:
    """The worker's assigned referrals (active first) and recent contacts, in the schemes the
    viewing user may see; everyone on it audited as seen in that worker's caseload (one insert)."""
    schemes = scope_for(user).clinical_scheme_ids
    today = timezone.localdate(clock.now())
    referrals = list(
        Referral.objects.filter(support_worker=worker, episode__scheme_id__in=schemes)
        .select_related("episode__person", "service")
        .order_by("follow_up_due", "made_at", "id")[:limit]
    )
    referrals.sort(key=lambda r: (r.status not in ACTIVE, r.follow_up_due is None, r.follow_up_due or today))
    due = [r for r in referrals if r.status in ACTIVE and r.follow_up_due is not None]
    due = [r for r in due if r.follow_up_due <= today + timedelta(days=FOLLOW_UP_WINDOW_DAYS)]  # type: ignore[operator]
    contacts = list(
        SupportContact.objects.filter(worker=worker, episode__scheme_id__in=schemes)
        .select_related("episode__person", "referral__service")
        .order_by("-contacted_at", "-id")[:50]
    )
    shown = [r.episode for r in referrals] + [c.episode for c in contacts]
    what = f"caseload of {worker}"
    access_record(user=user, action=AccessAction.LIST, what=what, shown=shown, channel=channel)
    return Caseload(
        worker=worker,
        referrals=referrals,
        follow_ups=[FollowUp(r, r.follow_up_due < today, r.follow_up_due == today) for r in due],  # type: ignore[operator]
        contacts=contacts,
    )
