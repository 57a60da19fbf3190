"""Reading consents and shares, scoped through the episodes the user may see, and audited."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from liaison.accounts.models import User
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction
from liaison.core.errors import NotFound
from liaison.organisations.models import Membership, PointOfContact, Role
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.selectors import visible_episodes
from liaison.people.codes import age_on
from liaison.referrals.events import REFER, REFERRAL_UPDATE
from liaison.screening.models import Decision, Finding
from liaison.sharing.codes import ADULT_AGE, GUARDIAN_AGE, Agency, ConsentDecision, ConsentScope, Purpose
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
    """Under 16: Gillick competence or a parent or guardian (the name kept for the form's use)."""
    age = age_at_episode(episode)
    return age is not None and age < GUARDIAN_AGE


def is_child(episode: Episode) -> bool:
    """Under 18 at the episode: youth requirements, not adult treatment requirements."""
    age = age_at_episode(episode)
    return age is not None and age < ADULT_AGE


# At a police station PACE applies, in custody and at a voluntary interview alike.
_AT_A_POLICE_STATION = frozenset({PointOfContact.CUSTODY, PointOfContact.VOLUNTARY_ATTENDANCE})


def needs_appropriate_adult(episode: Episode) -> bool:
    """Under 18 at a police station: an appropriate adult must be there (PACE Code C 1.5, 3.15)."""
    return is_child(episode) and episode.point_of_contact in _AT_A_POLICE_STATION


def name_key(name: str) -> str:
    """A named agency as compared: case and spacing do not make another agency."""
    return " ".join(name.casefold().split())


def _in_scope(episode: Episode, agency: str, agency_name: str, purpose: str) -> list[Consent]:
    """Consents that speak to a share with this agency (and this named agency) for this purpose:
    those naming no agency of the type, and those naming this one. A consent naming another
    agency of the type, another "other" above all, is not about this share."""
    key = name_key(agency_name)
    found = Consent.objects.filter(
        episode=episode, scope=ConsentScope.SHARE, agency=agency, purpose=purpose
    ).select_related("withdrawn_by")
    return [c for c in found if name_key(c.agency_name) in ("", key)]


@dataclass(frozen=True)
class ConsentVerdict:
    """Whether the episode holds consent in force for an agency and purpose, and if not, why."""

    consent: Consent | None
    reason: str  # "", "none", "refused" or "withdrawn"
    message: str

    @property
    def valid(self) -> bool:
        return self.consent is not None and not self.reason


def consent_for_share(*, episode: Episode, agency: str, purpose: str, agency_name: str = "") -> ConsentVerdict:
    """The latest word on sharing with this agency for this purpose decides: a later refusal
    replaces an earlier agreement, and a withdrawal (of any consent in scope) ends it. An agency
    of type "other" is only ever a named one."""
    who = agency_name.strip() or _label(Agency, agency)
    to = f"{who} for {_label(Purpose, purpose).lower()}"
    if agency == Agency.OTHER and not agency_name.strip():
        return ConsentVerdict(None, "none", f"Name the agency: consent to share with {to} is to a named agency.")
    # Each consent speaks when it was given, and again (as a withdrawal) when it was withdrawn.
    words: list[tuple[object, int, Consent, bool]] = []
    for c in _in_scope(episode, agency, agency_name, purpose):
        words.append((c.given_at, 0, c, False))
        if c.withdrawn_at is not None:
            words.append((c.withdrawn_at, 1, c, True))
    if not words:
        return ConsentVerdict(None, "none", f"There is no consent recorded in this episode to share with {to}.")
    at, _, latest, withdrawal = max(words, key=lambda w: (w[0], w[1], w[2].recorded_at))
    when = _day(timezone.localdate(at))  # type: ignore[arg-type]
    if withdrawal or latest.is_withdrawn:
        return ConsentVerdict(latest, "withdrawn", f"Consent to share with {to} was withdrawn on {when}.")
    if latest.decision == ConsentDecision.REFUSED:
        return ConsentVerdict(latest, "refused", f"The person refused consent to share with {to} on {when}.")
    if latest.decision == ConsentDecision.BEST_INTERESTS:
        return ConsentVerdict(
            latest, "best_interests", f"The person lacks capacity to consent to sharing with {to} (judged {when})."
        )
    if latest.decision == ConsentDecision.DEFERRED:
        return ConsentVerdict(
            latest, "deferred", f"Consent to share with {to} was deferred on {when}: capacity is temporarily impaired."
        )
    return ConsentVerdict(latest, "", "")


def service_decision(*, episode: Episode) -> Consent | None:
    """The latest decision about the L&D service itself in the episode (given, refused, best
    interests or deferred), or None when none is recorded: screening and assessment wait for one."""
    return (
        Consent.objects.filter(episode=episode, scope=ConsentScope.SERVICE)
        .order_by("-given_at", "-recorded_at")
        .first()
    )


def same_scope(consent: Consent) -> list[Consent]:
    """The standing consents a withdrawal of `consent` ends: every one given for the same agency
    and purpose (naming the same agency, or, when it names none, any agency of the type)."""
    key = name_key(consent.agency_name)
    standing = Consent.objects.filter(
        episode_id=consent.episode_id,
        scope=consent.scope,
        agency=consent.agency,
        purpose=consent.purpose,
        decision=ConsentDecision.GIVEN,
        withdrawn_at__isnull=True,
    ).order_by("given_at", "recorded_at")
    return [c for c in standing if key == "" or name_key(c.agency_name) == key]


def awaiting_consent(consents: Sequence[Consent]) -> list[Consent]:
    """Deferred decisions (of an episode's `consents`) not yet followed by the person's own word
    in the same scope: a prompt to seek consent once they can decide."""
    waiting = []
    for c in consents:
        if c.decision != ConsentDecision.DEFERRED:
            continue
        later = [
            o
            for o in consents
            if o.given_at >= c.given_at
            and o.pk != c.pk
            and (o.scope, o.agency, o.purpose) == (c.scope, c.agency, c.purpose)
            and o.decision not in ConsentDecision.without_consent()
        ]
        if not later:
            waiting.append(c)
    return waiting


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
    return referral_lines(
        list(
            PathwayEvent.objects.filter(
                episode=episode, kind__in=[REFER.tag, REFERRAL_UPDATE.tag], voided_by__isnull=True
            ).order_by("occurred_at", "id")
        )
    )


def referral_lines(events: list[PathwayEvent]) -> list[ReferralLine]:
    """The referral events among `events` (an episode's, in order, none voided), each with the
    status of its latest progress event (the demo reads its unsaved events with it too)."""
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
