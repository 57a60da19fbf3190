"""Reading consents and shares, scoped through the episodes the user may see, and audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from liaison.accounts.models import User
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction
from liaison.core.errors import NotFound
from liaison.organisations.models import Membership, Role
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.selectors import visible_episodes
from liaison.people.codes import age_on
from liaison.referrals.events import REFER, REFERRAL_UPDATE
from liaison.screening.models import Decision, Finding
from liaison.sharing.codes import GUARDIAN_AGE, Agency, ConsentDecision, ConsentScope, Purpose
from liaison.sharing.models import Consent, InformationShare


def _as_uuid(value: object, what: str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise NotFound(f"No such {what}") from None


def consent_get(*, user: User, consent_id: object, what: str = "consent", channel: str = "web") -> Consent:
    cid = _as_uuid(consent_id, "consent")
    consent = (
        Consent.objects.filter(id=cid, episode__in=visible_episodes(user))
        .select_related("episode__person", "episode__scheme", "recorded_by", "withdrawn_by")
        .first()
    )
    if consent is None:
        raise NotFound("No such consent")
    access_record(user=user, action=AccessAction.VIEW, what=what, shown=[consent.episode], channel=channel)
    return consent


def share_get(
    *,
    user: User,
    share_id: object,
    what: str = "share report",
    channel: str = "web",
    action: AccessAction = AccessAction.VIEW,
) -> InformationShare:
    """A share the user may see; `action` is EXPORT when the report leaves as a file."""
    sid = _as_uuid(share_id, "share")
    share = (
        InformationShare.objects.filter(id=sid, episode__in=visible_episodes(user))
        .select_related("episode__person", "episode__scheme", "consent__withdrawn_by", "shared_by")
        .first()
    )
    if share is None:
        raise NotFound("No such share")
    access_record(user=user, action=action, what=what, shown=[share.episode], channel=channel)
    return share


def episode_consents(*, episode: Episode) -> QuerySet[Consent]:
    """Every consent recorded in the episode, newest first (withdrawn and refused ones too)."""
    return Consent.objects.filter(episode=episode).select_related("recorded_by", "withdrawn_by")


def episode_shares(*, episode: Episode) -> QuerySet[InformationShare]:
    return InformationShare.objects.filter(episode=episode).select_related(
        "shared_by", "override_approved_by", "consent__withdrawn_by"
    )


def age_at_episode(episode: Episode) -> int | None:
    """The person's age on the local date they were identified."""
    return age_on(episode.person.date_of_birth, timezone.localdate(episode.identified_at))


def needs_guardian(episode: Episode) -> bool:
    age = age_at_episode(episode)
    return age is not None and age < GUARDIAN_AGE


@dataclass(frozen=True)
class ConsentVerdict:
    """Whether the episode holds consent in force for an agency and purpose, and if not, why."""

    consent: Consent | None
    reason: str  # "", "none", "refused" or "withdrawn"
    message: str

    @property
    def valid(self) -> bool:
        return self.consent is not None and not self.reason


def consent_for_share(*, episode: Episode, agency: str, purpose: str) -> ConsentVerdict:
    """The latest consent to share with this agency for this purpose decides: a later refusal
    replaces an earlier agreement, and a withdrawal ends it."""
    latest = (
        Consent.objects.filter(episode=episode, scope=ConsentScope.SHARE, agency=agency, purpose=purpose)
        .select_related("withdrawn_by")
        .order_by("-given_at", "-recorded_at")
        .first()
    )
    to = f"{_label(Agency, agency)} for {_label(Purpose, purpose).lower()}"
    if latest is None:
        return ConsentVerdict(None, "none", f"There is no consent recorded in this episode to share with {to}.")
    when = _day(latest.withdrawn_at.date() if latest.withdrawn_at else latest.given_at.date())
    if latest.is_withdrawn:
        return ConsentVerdict(latest, "withdrawn", f"Consent to share with {to} was withdrawn on {when}.")
    if latest.decision == ConsentDecision.REFUSED:
        return ConsentVerdict(latest, "refused", f"The person refused consent to share with {to} on {when}.")
    return ConsentVerdict(latest, "", "")


def _label(choices: type[Agency] | type[Purpose], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def scheme_seniors(*, scheme_id: int) -> list[tuple[User, str]]:
    """Team leads and scheme managers of the scheme (scheme-wide or at one of its sites), with
    their senior role: the practitioners who may approve sharing without consent."""
    memberships = Membership.objects.filter(role__in=Role.oversight(), user__is_active=True).select_related(
        "user", "site"
    )
    seniors: dict[int, tuple[User, str]] = {}
    for m in sorted(memberships, key=lambda m: m.role != Role.SCHEME_MANAGER):
        if m.scheme_id_in_effect == scheme_id:
            seniors.setdefault(m.user.pk, (m.user, str(Role(m.role).label)))
    return sorted(seniors.values(), key=lambda s: (s[0].last_name, s[0].first_name, s[0].username))


def shareable_findings(*, episode: Episode) -> list[Finding]:
    """Findings that stand: not voided, and not an instrument's suggestion awaiting or refused."""
    return list(
        Finding.objects.filter(episode=episode, voided_at__isnull=True)
        .exclude(decision__in=[Decision.PENDING, Decision.REJECTED])
        .order_by("domain", "recorded_at")
    )


@dataclass(frozen=True)
class ReferralLine:
    """A referral as the episode's events tell it: the REFER event and its latest progress."""

    event: PathwayEvent
    service: str
    reason: str
    status: str

    @property
    def status_label(self) -> str:
        return self.status.replace("_", " ").capitalize() if self.status else ""


def shareable_referrals(*, episode: Episode) -> list[ReferralLine]:
    """Referrals read from the events (not the referrals app's tables): every referral event not
    voided, with the status of its latest progress event."""
    events = list(
        PathwayEvent.objects.filter(
            episode=episode, kind__in=[REFER.tag, REFERRAL_UPDATE.tag], voided_by__isnull=True
        ).order_by("occurred_at", "id")
    )
    latest: dict[str, str] = {}
    for e in events:
        data = e.data if isinstance(e.data, dict) else {}
        if e.kind == REFERRAL_UPDATE.tag and data.get("referral_id") is not None and data.get("status"):
            latest[str(data["referral_id"])] = str(data["status"])
    lines = []
    for e in events:
        if e.kind != REFER.tag:
            continue
        data = e.data if isinstance(e.data, dict) else {}
        rid = data.get("referral_id")
        status = (
            latest.get(str(rid), str(data.get("status") or "")) if rid is not None else str(data.get("status") or "")
        )
        lines.append(ReferralLine(e, str(data.get("service") or ""), str(data.get("reason") or ""), status))
    return lines
