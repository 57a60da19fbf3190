"""Twelve months of episodes across the network, from the seed.

Each episode is planned (scheme, point of contact, site, moment, child or adult), then played
forward step by step: screening against the site's target and hours, assessment, referral,
closure with outcomes, re-entry at court, reopening, notes and voided entries. Anything due after
the end of the build is not played, so the last days leave open episodes, as a live service has.

Every step goes through `EpisodeDraft`, which applies the one projection: nothing here sets an
episode's stage, times or outcomes itself.
"""

from __future__ import annotations

import contextlib
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings

from liaison.accounts.models import User
from liaison.assessment.actions import content_of
from liaison.core.events import EventType
from liaison.demo import casemix as mix
from liaison.demo.drafts import EpisodeDraft
from liaison.demo.hours import LONDON, arrival, local, next_open, weekday_on_or_after
from liaison.demo.liaising import Liaising
from liaison.demo.network import SchemeSpec
from liaison.demo.people import PeopleMaker
from liaison.organisations.models import Footprint, ResponseTarget, Scheme, Site, SiteKind
from liaison.organisations.models import PointOfContact as Poc
from liaison.pathway.codes import JusticeOutcome
from liaison.pathway.events import CLOSE, NOTE, REENTER, REOPEN
from liaison.pathway.models import PathwayEvent
from liaison.pathway.stages import Stage, Step
from liaison.people.codes import Sex, age_on
from liaison.people.models import Alias, Person
from liaison.referrals.models import Service
from liaison.screening.events import SCREEN

_MINUTE = timedelta(minutes=1)
_CUSTODY_KINDS = {SiteKind.CUSTODY_SUITE, SiteKind.POLICE_STATION, SiteKind.COMMUNITY}
_COURT_KINDS = {SiteKind.MAGISTRATES_COURT, SiteKind.YOUTH_COURT, SiteKind.CROWN_COURT}
# Scripted episodes: the worklist's open ones, and whole histories a test can ask for by name.
SCRIPTS = ("waiting", "on_time", "screened", "assessed", "referred", "reentered", "reopened")


class _PastTheEnd(Exception):
    """The next step would happen after the build's end: the episode stays where it is."""


@dataclass
class Cast:
    """A scheme as the simulation sees it: its sites by kind, targets and who records."""

    scheme: Scheme
    spec: SchemeSpec
    sites: dict[str, list[Site]]
    sites_by_id: dict[int, Site]
    hours: dict[int, str]
    targets: dict[tuple[int, str], int]
    recorders: list[User]
    services: list[Service] = field(default_factory=list)
    response_targets: list[ResponseTarget] = field(default_factory=list)
    footprints: list[Footprint] = field(default_factory=list)
    # The demo practitioner records much of what happens at their own sites.
    regulars: dict[int, User] = field(default_factory=dict)
    # Who may approve sharing without consent (scheme manager, team leads), with their role.
    approvers: list[tuple[User, str]] = field(default_factory=list)
    people: list[tuple[Person, datetime]] = field(default_factory=list)

    def place(self, poc: str, rng: random.Random) -> Site | None:
        for kind in mix.SITE_KINDS[poc]:
            if self.sites.get(kind):
                return rng.choice(self.sites[kind])
        return None


@dataclass
class Plan:
    cast: Cast
    poc: str
    site: Site
    at: datetime
    child: bool


@dataclass
class Output:
    drafts: list[EpisodeDraft] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    # When each new person was recorded: at the identification that first met them.
    recorded: dict[Any, datetime] = field(default_factory=dict)


class Simulator:
    def __init__(self, *, seed: int, casts: list[Cast], until: datetime) -> None:
        self.rng = random.Random(f"{seed}:episodes")
        self.people = PeopleMaker(seed)
        self.casts = casts
        self.until = until
        self.out = Output()
        self.liaising = Liaising(seed=seed, until=until)

    # Planning -------------------------------------------------------------------------------

    def plans(self, size: int, *, days: int = 365, ending: datetime | None = None) -> list[Plan]:
        """`size` episodes spread over the `days` before `ending` (the build's end by default)."""
        rng, weights = self.rng, [c.spec.weight for c in self.casts]
        last_day = (ending or self.until).astimezone(LONDON).date()
        plans: list[Plan] = []
        while len(plans) < size:
            cast = rng.choices(self.casts, weights=weights)[0]
            child = rng.random() < mix.CHILD_SHARE
            poc = mix.pick(rng, mix.CHILD_CONTACTS if child else mix.ADULT_CONTACTS)
            site = cast.place(poc, rng)
            if site is None:
                poc, site = Poc.CUSTODY, cast.place(Poc.CUSTODY, rng)
            assert site is not None
            kind = mix.ARRIVAL.get(poc, "office")
            day = last_day - timedelta(days=rng.randrange(days))
            if kind in ("court", "office"):
                day = weekday_on_or_after(day)
            at = arrival(rng, kind, day)
            if at < self.until - timedelta(hours=2):
                plans.append(Plan(cast, poc, site, at, child))
        plans.sort(key=lambda p: p.at)
        return plans

    def run(self, size: int) -> Iterator[EpisodeDraft]:
        for plan in self.plans(size):
            yield self.play(plan)
        yield from self.worklist_today()

    # People ---------------------------------------------------------------------------------

    def _person(self, plan: Plan) -> Person:
        """Someone the scheme has met before (about one in five), else someone new."""
        cast, rng = plan.cast, self.rng
        if cast.people and rng.random() < 0.2:
            for _ in range(6):
                i = rng.randrange(len(cast.people))
                person, free_from = cast.people[i]
                age = age_on(person.date_of_birth, plan.at.date())
                if free_from < plan.at and age is not None and (10 <= age <= 17) == plan.child:
                    return person
        person, aliases = self.people.person(districts=cast.spec.districts, first_seen=plan.at.date(), child=plan.child)
        person.registered_by_scheme = cast.scheme
        self.out.people.append(person)
        self.out.recorded[person.pk] = plan.at
        self.out.aliases += aliases
        return person

    # Playing an episode ---------------------------------------------------------------------

    def _by(self, cast: Cast, site: Site) -> User:
        regular = cast.regulars.get(site.pk)
        if regular and self.rng.random() < 0.4:
            return regular
        return self.rng.choice(cast.recorders)

    def _at(self, d: EpisodeDraft, at: datetime) -> datetime:
        # In UTC: two times in the London zone compare, and add a minute, by the wall clock, so
        # in the hour the clocks go back or forward a later step could be stored before an
        # earlier one (and the episode's events would no longer replay).
        at = max(at.astimezone(UTC), d.last_at.astimezone(UTC) + _MINUTE).replace(second=0, microsecond=0)
        if at > self.until:
            raise _PastTheEnd
        return at

    def _recorded(self, at: datetime) -> datetime:
        return min(at + timedelta(minutes=self.rng.randint(1, 25)), self.until)

    def _open(self, cast: Cast, site: Site, at: datetime) -> datetime:
        """When staff can next act at the site, a little after `at`."""
        moved = next_open(cast.hours[site.pk], at)
        return moved if moved == at else moved + timedelta(minutes=self.rng.randint(5, 45))

    def _step(self, d: EpisodeDraft, kind: EventType, at: datetime, by: User, **data: Any) -> PathwayEvent:
        site = data.pop("_site", None)
        at = self._at(d, at)
        return d.take(kind, at=at, recorded_at=self._recorded(at), by=by, data=data, site=site)

    def play(self, plan: Plan, person: Person | None = None, *, script: str = "") -> EpisodeDraft:
        assert script in ("", *SCRIPTS), script
        rng, cast, site = self.rng, plan.cast, plan.site
        person = person or self._person(plan)
        truth = mix.needs(rng, child=plan.child)
        raised = mix.concerns(rng, truth)
        by = self._by(cast, site)
        if person.created_by_id is None:
            person.created_by = by
        d = EpisodeDraft(
            episode_id=self.people.uuid(),
            person=person,
            site=site,
            point_of_contact=plan.poc,
            referral_source=mix.pick(rng, mix.SOURCES[plan.poc]),
            alerted_by=mix.pick(rng, mix.ALERTED_BY[plan.poc]),
            concerns=raised,
            concerns_note=rng.choice(mix.CONCERN_NOTES),
            target_minutes=cast.targets.get((site.pk, plan.poc), settings.DEFAULT_RESPONSE_TARGET_MINUTES),
            at=plan.at,
            recorded_at=self._recorded(plan.at),
            by=by,
        )
        self.out.drafts.append(d)
        with contextlib.suppress(_PastTheEnd):
            self._pathway(d, plan, truth, raised, by, script)
            self.liaising.withdrawal(d, by=by)
        free_from = d.last_at if d.stage == Stage.CLOSED else self.until + timedelta(days=3650)
        cast.people.append((person, free_from))
        return d

    def _pathway(self, d: EpisodeDraft, plan: Plan, truth: list[str], raised: list[str], by: User, script: str) -> None:
        rng, cast, site = self.rng, plan.cast, plan.site
        if script == "waiting":
            return
        if rng.random() < 0.03 and not script:
            # A second alert while waiting (another officer, the solicitor): it joins this episode.
            self._step(
                d,
                REENTER,
                d.last_at + timedelta(minutes=rng.randint(10, 60)),
                by,
                point_of_contact=plan.poc,
                referral_source=mix.pick(rng, mix.SOURCES[plan.poc]),
                alerted_by=mix.pick(rng, mix.ALERTED_BY[plan.poc]),
                concerns=raised,
                note="Second alert while waiting",
                _site=site,
            )
        delay = d.episode.target_minutes * math.exp(rng.gauss(-0.7, 0.6))
        if script:
            delay = d.episode.target_minutes * rng.uniform(0.2, 0.8)
        screen_at = self._open(cast, site, plan.at + timedelta(minutes=max(5.0, delay)))
        if not script and rng.random() < 0.07:
            # Released before L&D arrived, or declined: closed without a screening.
            self._close(d, plan, screen_at, by, screened=False, referred=False)
            return
        findings = mix.findings(rng, truth, raised) or [
            {"domain": "mental_health", "status": "ruled_out", "source": "screening", "note": ""}
        ]
        path = mix.pick(rng, (("close", 50), ("assess", 17), ("assess_refer", 20), ("refer", 13)))
        if script in ("screened", "assessed", "referred", "reentered", "reopened"):
            path = {
                "screened": "stay", "assessed": "assess_stay", "referred": "assess_refer_stay",
                "reentered": "assess", "reopened": "close",
            }[script]  # fmt: skip
        # The person's decision about the service comes first (a minute before screening, so the
        # screening keeps its time and the timeliness figures theirs).
        consent_at = self._at(d, screen_at - _MINUTE)
        d.service_consent(mix.service_consent(d.episode, plan.poc), at=consent_at, recorded_at=consent_at, by=by)
        if mix.asked_about_research(d.episode):
            research = mix.research_consent(d.episode, plan.poc)
            d.service_consent(research, at=consent_at, recorded_at=consent_at, by=by)
        screening = self._step(
            d,
            SCREEN,
            screen_at,
            by,
            urgency=mix.pick(rng, mix.URGENCY),
            needs_assessment=path.startswith("assess"),
            note=rng.choice(mix.SCREEN_NOTES),
            findings=findings,
        )
        if not script and rng.random() < 0.02:
            # Recorded in error: voided with a reason, then recorded again.
            at = self._at(d, d.last_at + timedelta(minutes=rng.randint(20, 180)))
            d.void(screening, at=at, recorded_at=at, by=self._by(cast, site), reason=rng.choice(mix.VOID_REASONS))
            self._step(
                d,
                SCREEN,
                at + timedelta(minutes=rng.randint(5, 30)),
                by,
                **{k: v for k, v in screening.data.items()},
            )
        self.liaising.instruments(d, truth=truth, raised=raised, by=by)
        if path.startswith("assess"):
            later = self._later(1.0 if script else 0.65, minutes=(20, 150), days=(1, 4))
            self._assess(d, self._open(cast, site, d.last_at + later), by, truth, plan)
        referred = "refer" in path
        if referred:
            later = self._later(1.0 if script else 0.6, minutes=(10, 120), days=(1, 3))
            self._refer(d, self._open(cast, site, d.last_at + later), by, truth, plan, "consented at screening")
        if path.endswith("stay"):
            if script == "referred":
                # The worklist's referred episodes have told the custody sergeant, or the court.
                self.liaising.shares(d, by=by, approvers=cast.approvers, sure=True)
            return
        if rng.random() < 0.2:
            note = self._step(
                d,
                NOTE,
                d.last_at + timedelta(hours=rng.randint(2, 72)),
                by,
                text=rng.choice(mix.NOTES),
            )
            if rng.random() < 0.05:
                at = self._at(d, d.last_at + timedelta(minutes=rng.randint(30, 600)))
                d.void(note, at=at, recorded_at=at, by=by, reason=rng.choice(mix.VOID_REASONS))
        close_at = self._open(cast, site, d.last_at + self._until_closure(site, referred))
        # A scripted re-entry at court follows a charge.
        charged = JusticeOutcome.CHARGED_BAILED if script == "reentered" else None
        self._close(d, plan, close_at, by, screened=True, referred=referred, justice=charged)
        self._afterwards(d, plan, truth, by, script)

    def _later(self, same_day: float, *, minutes: tuple[int, int], days: tuple[int, int]) -> timedelta:
        """Later the same visit (with chance `same_day`), or some days later."""
        if self.rng.random() < same_day:
            return timedelta(minutes=self.rng.randint(*minutes))
        return timedelta(days=self.rng.randint(*days))

    def _assess(self, d: EpisodeDraft, at: datetime, by: User, truth: list[str], plan: Plan) -> None:
        """A completed assessment; seen again with one already complete, it is amended."""
        at = self._at(d, at)
        recorded = self._recorded(at)
        if d.assessments:
            content = mix.amended(self.rng, content_of(d.assessments[-1]))
            reason = self.rng.choice(mix.AMEND_REASONS)
            d.amend(content, reason=reason, at=at, recorded_at=recorded, by=by)
            return
        at_court = d.episode.current_site.kind in _COURT_KINDS
        content = mix.assessment(self.rng, truth, child=plan.child, at_court=at_court)
        d.assess(content, at=at, recorded_at=recorded, by=by)

    def _refer(self, d: EpisodeDraft, at: datetime, by: User, truth: list[str], plan: Plan, why: str) -> None:
        at = self._at(d, at)
        service = self._service(plan.cast, d.episode.person, at, truth)
        urgency = mix.referral_urgency(self.rng, service.service_type)
        d.refer(
            service, urgency=urgency, reason=f"Needs identified; {why}", at=at, recorded_at=self._recorded(at), by=by
        )

    def _service(self, cast: Cast, person: Person, at: datetime, truth: list[str]) -> Service:
        """A directory service that meets the person's needs and takes their age that day."""
        age = age_on(person.date_of_birth, at.astimezone(LONDON).date())
        fits = [s for s in cast.services if s.active and s.takes_age(age)]
        child = age is not None and age < 18
        wanted = mix.service_types(truth, child=child, woman=person.sex == Sex.FEMALE)
        return self.rng.choice([s for t in wanted for s in fits if s.service_type == t] or fits)

    def _until_closure(self, site: Site, referred: bool) -> timedelta:
        rng = self.rng
        if referred:
            return timedelta(days=rng.randint(2, 21))  # to the first appointment
        if site.kind in _CUSTODY_KINDS:
            return timedelta(minutes=rng.randint(30, 600))
        if site.kind in (SiteKind.MAGISTRATES_COURT, SiteKind.YOUTH_COURT, SiteKind.CROWN_COURT):
            return timedelta(minutes=rng.randint(10, 240))
        return timedelta(days=rng.randint(1, 10))

    def _close(
        self,
        d: EpisodeDraft,
        plan: Plan,
        at: datetime,
        by: User,
        *,
        screened: bool,
        referred: bool,
        justice: str | None = None,
    ) -> None:
        rng = self.rng
        in_custody = d.episode.current_site.kind in _CUSTODY_KINDS
        justice = justice or mix.pick(rng, mix.CUSTODY_OUTCOMES if in_custody else mix.COURT_OUTCOMES)
        sentence = ""
        if justice == JusticeOutcome.SENTENCED:
            sentence = mix.pick(rng, mix.CHILD_SENTENCES if plan.child else mix.ADULT_SENTENCES)
        ld = mix.ld_outcome(rng, justice=justice, sentence=sentence, referred=referred, screened=screened)
        if screened:
            self.liaising.shares(d, by=by, approvers=plan.cast.approvers)
        self._step(
            d,
            CLOSE,
            at,
            by,
            justice_outcome=justice,
            sentence_type=sentence,
            ld_outcome=ld,
            note="",
        )

    def _afterwards(self, d: EpisodeDraft, plan: Plan, truth: list[str], by: User, script: str) -> None:
        """Re-entry at court after charge, or reopening when more comes to light."""
        rng, cast = self.rng, plan.cast
        e = d.episode
        charged = e.justice_outcome in (JusticeOutcome.CHARGED_BAILED, JusticeOutcome.REMANDED)
        court_poc = Poc.YOUTH_COURT if plan.child else Poc.MAGISTRATES_COURT
        court = cast.place(court_poc, rng)
        at_court = charged and e.site.kind in _CUSTODY_KINDS and court is not None and rng.random() < 0.35
        reopened = rng.random() < 0.015 and d.allows(Step.REOPEN) and e.stage_before_closure != Stage.IDENTIFIED
        if script in ("reentered", "reopened"):
            at_court, reopened = script == "reentered" and court is not None, script == "reopened"
        if at_court:
            assert court is not None
            day = weekday_on_or_after(d.last_at.astimezone(LONDON).date() + timedelta(days=rng.randint(1, 28)))
            self._step(
                d,
                REENTER,
                arrival(rng, "court", day),
                by,
                point_of_contact=court_poc,
                referral_source=mix.pick(rng, mix.SOURCES[court_poc]),
                alerted_by=mix.pick(rng, mix.ALERTED_BY[court_poc]),
                concerns=e.concerns,
                note="First appearance after charge",
                _site=court,
            )
            by = self._by(cast, court)
            if d.allows(Step.ASSESS) and (rng.random() < 0.3 or script == "reentered"):
                self._assess(d, d.last_at + timedelta(minutes=rng.randint(20, 90)), by, truth, plan)
            # Dealt with that day, or adjourned for weeks.
            at = self._open(cast, court, d.last_at + self._later(0.6, minutes=(30, 300), days=(7, 42)))
            self._close(d, plan, at, by, screened=True, referred=e.referred_at is not None)
        elif reopened:
            self._step(
                d,
                REOPEN,
                d.last_at + timedelta(days=rng.randint(1, 10)),
                by,
                reason=rng.choice(mix.REOPEN_REASONS),
            )
            self._refer(d, d.last_at + timedelta(hours=rng.randint(1, 48)), by, truth, plan, "after reopening")
            self._close(d, plan, d.last_at + timedelta(days=rng.randint(2, 14)), by, screened=True, referred=True)

    # Today ----------------------------------------------------------------------------------

    def worklist_today(self) -> Iterator[EpisodeDraft]:
        """Open episodes at the demo practitioner's sites: some waiting, two past their target,
        some screened, assessed or referred in the last days (at custody and at court)."""
        for cast in self.casts:
            for site_id in cast.regulars:
                site = cast.sites_by_id[site_id]
                if site.kind == SiteKind.CUSTODY_SUITE:
                    target = cast.targets[(site.pk, Poc.CUSTODY)]
                    for script, minutes_ago in _today_in_custody(target):
                        at = (self.until - timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0)
                        plan = Plan(cast, Poc.CUSTODY, site, at, child=False)
                        yield self.play(plan, script=script)
                elif site.kind == SiteKind.MAGISTRATES_COURT:
                    day = self.until.astimezone(LONDON).date() - timedelta(days=1)
                    while day.weekday() >= 5:
                        day -= timedelta(days=1)
                    plan = Plan(cast, Poc.MAGISTRATES_COURT, site, local(day, 10, 40), child=False)
                    yield self.play(plan, script="referred")


def _today_in_custody(target: int) -> tuple[tuple[str, int], ...]:
    """(script, minutes before the end) for today's custody worklist."""
    return (
        ("waiting", target + 95),
        ("waiting", target + 260),
        ("waiting", 25),
        ("waiting", max(30, target - 40)),
        ("on_time", 60 * 26),
        ("screened", 60 * 30),
        ("assessed", 60 * 50),
        ("referred", 60 * 75),
    )


# How many episodes `worklist_today` adds (for the progress bar).
TODAY_EXTRA = len(_today_in_custody(0)) + 1
