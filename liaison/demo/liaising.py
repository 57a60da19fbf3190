"""When the demo's practitioners use instruments, ask to share, share, and when people withdraw.

Proportions, plausible rather than published (no national figures exist for these):
- a third of adults screened also complete one or two of the free instruments their concerns
  call for (PHQ-9, GAD-7, BJMHS, AUDIT or AUDIT-C, DAST-10, HELPS; the licensed ones need a
  service's licence, and children's teams use their own tools, so neither appears); the
  practitioner then accepts or rejects each suggestion;
- before closure, over half of those seen at court are asked to consent to the court being told
  (for bail or sentence), often with probation or the youth offending team for the pre-sentence
  report, or the prosecutor for bail; about one in eight people seen in custody to the custody
  sergeant (for the charging decision or an out-of-court disposal); about one in eight refuse;
- a very few refusals in custody are overridden for safeguarding, approved by a team lead or
  scheme manager, with the Caldicott Guardian's advice and whether the person was told;
- a few people withdraw a consent after their episode has closed.

Every draw comes from a generator of its own per episode and step, so the episodes' main stream,
and with it the rest of the demo, is as it was before these steps were played.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from liaison.accounts.models import User
from liaison.demo import alongside, casemix
from liaison.demo.drafts import EpisodeDraft
from liaison.demo.hours import LONDON
from liaison.organisations.models import SiteKind
from liaison.pathway.stages import Stage, Step
from liaison.screening.instruments.catalogue import Instrument, bundled
from liaison.screening.models import Decision
from liaison.sharing import codes
from liaison.sharing.actions import ShareDetails
from liaison.sharing.codes import Agency, Channel, Purpose
from liaison.sharing.models import Consent
from liaison.sharing.rows import Basis

# The free instruments each concern calls for, by how often a practitioner reaches for each.
_FOR_CONCERN: dict[str, tuple[tuple[str, int], ...]] = {
    "mental_health": (("phq9", 5), ("gad7", 2), ("bjmhs", 3)),
    "alcohol": (("auditc", 6), ("audit", 4)),
    "drugs": (("dast10", 1),),
    "brain_injury": (("helps", 1),),
}
_REJECTED = (
    "Answers reflect the effects of withdrawal in custody, not an ongoing problem",
    "Known to services and assessed last month; no current concern",
    "Answers given quickly; on discussion the person described no ongoing difficulty",
)
# How often a person refuses consent to share, a refusal in custody is overridden, and a consent
# is withdrawn after closure (module settings, so a test can make them certain).
REFUSAL_CHANCE = 0.12
OVERRIDE_CHANCE = 0.15
WITHDRAWAL_CHANCE = 0.04
_CUSTODY = {SiteKind.CUSTODY_SUITE, SiteKind.POLICE_STATION}
_COURTS: dict[str, str] = {
    SiteKind.MAGISTRATES_COURT: Agency.MAGISTRATES_COURT,
    SiteKind.CROWN_COURT: Agency.CROWN_COURT,
}
_RECIPIENTS: dict[str, str] = {
    Agency.POLICE_CUSTODY: "Custody sergeant",
    Agency.MAGISTRATES_COURT: "The bench, through the legal adviser",
    Agency.CROWN_COURT: "The judge, through the court clerk",
    Agency.YOUTH_COURT: "The youth court bench, through the legal adviser",
    Agency.PROBATION: "Court duty probation officer",
    Agency.CPS: "Crown prosecutor at court",
    Agency.YOT: "Youth offending team court officer",
}
_CHANNELS: dict[str, tuple[str, ...]] = {
    Agency.POLICE_CUSTODY: (Channel.IN_PERSON, Channel.PHONE),
    Agency.PROBATION: (Channel.SECURE_EMAIL, Channel.REPORT),
    Agency.YOT: (Channel.SECURE_EMAIL, Channel.REPORT),
}
# Mental health, drugs and alcohol: the community sentence treatment requirements, and a youth
# rehabilitation order's own for a child.
_REQUIREMENTS = {"mental_health": "mhtr", "drugs": "drr", "alcohol": "atr"}
_YOUTH_REQUIREMENTS = {"mental_health": "yro_mental_health", "drugs": "yro_drug_treatment"}
_WITHDRAWALS = (
    "Phoned the team: no longer wants the police told about their health",
    "Told their support worker they did not want further information shared",
)


class Liaising:
    def __init__(self, *, seed: int, until: datetime) -> None:
        self.seed = seed
        self.until = until

    def _rng(self, d: EpisodeDraft, step: str) -> random.Random:
        return random.Random(f"{self.seed}:{step}:{d.episode.pk}:{len(d.events)}")

    def _when(self, d: EpisodeDraft, rng: random.Random, minutes: tuple[int, int]) -> tuple[datetime, datetime] | None:
        """A time a little after the episode's last step, and when it was recorded; None past the end."""
        at = (d.last_at.astimezone(UTC) + timedelta(minutes=rng.randint(*minutes))).replace(second=0, microsecond=0)
        if at > self.until:
            return None
        return at, min(at + timedelta(minutes=rng.randint(1, 25)), self.until)

    # Instruments ----------------------------------------------------------------------------

    def instruments(self, d: EpisodeDraft, *, truth: list[str], raised: list[str], by: User) -> None:
        """After the screening: one or two instruments for an adult's concerns, each suggestion decided."""
        rng = self._rng(d, "instruments")
        age = alongside.age_at_episode(d)
        if age is None or age < 18 or rng.random() >= 0.35:
            return
        concerns = [c for c in dict.fromkeys(raised + truth) if c in _FOR_CONCERN]
        if not concerns and d.episode.current_site.kind in _CUSTODY:
            concerns = ["mental_health"]
        for concern in concerns[:2]:
            code = casemix.pick(rng, _FOR_CONCERN[concern])
            when = self._when(d, rng, (3, 15))
            if when is None:
                return
            chosen = Instrument(code, bundled(code), uploaded=False)
            answers = _answers(rng, chosen, need=concern in truth, age_band=d.episode.age_band)
            suggested = alongside.instrument(d, chosen, answers, at=when[0], recorded_at=when[1], by=by)
            for finding in suggested:
                when = self._when(d, rng, (2, 10))
                if when is None:
                    return
                keep = finding.domain in truth or rng.random() < 0.4
                alongside.decide(
                    d, finding, decision=Decision.CONFIRMED if keep else Decision.REJECTED,
                    reason="" if keep else rng.choice(_REJECTED), at=when[0], recorded_at=when[1], by=by,
                )  # fmt: skip

    # Sharing --------------------------------------------------------------------------------

    def shares(self, d: EpisodeDraft, *, by: User, approvers: list[tuple[User, str]], sure: bool = False) -> None:
        """Before closure (or, `sure`, in a scripted open episode): consent asked and the share made."""
        if not d.allows(Step.SHARE) or d.stage == Stage.IDENTIFIED:
            return
        rng = self._rng(d, "shares")
        kind = d.episode.current_site.kind
        child = (alongside.age_at_episode(d) or 0) < 18
        if kind in _CUSTODY:
            asks: list[tuple[str, str]] = [
                (Agency.POLICE_CUSTODY, casemix.pick(rng, ((Purpose.CHARGING, 6), (Purpose.OUT_OF_COURT, 4))))
            ]
            chance = 0.12
        elif kind in _COURTS or kind == SiteKind.YOUTH_COURT:
            court = _COURTS.get(kind, Agency.YOUTH_COURT)
            first = rng.choice((Purpose.BAIL_REMAND, Purpose.SENTENCING))
            asks = [(court, first)]
            if first == Purpose.SENTENCING and rng.random() < 0.5:
                asks.append((Agency.YOT if child else Agency.PROBATION, Purpose.SENTENCING))
            elif first == Purpose.BAIL_REMAND and rng.random() < 0.3:
                # The prosecutor at court, who may not oppose bail once they know.
                asks.append((Agency.CPS, Purpose.BAIL_REMAND))
            chance = 0.55
        else:
            return
        if not sure and rng.random() >= chance:
            return
        for agency, purpose in asks:
            given = sure or rng.random() >= REFUSAL_CHANCE
            c = self._consent(d, rng, agency, purpose, given=given, by=by)
            if c is None:
                return
            if given:
                self._share(d, rng, agency, purpose, Basis.of_consent(c), by=by, child=child)
            elif kind in _CUSTODY and approvers and rng.random() < OVERRIDE_CHANCE:
                self._override(d, rng, by=by, approvers=approvers, child=child)

    def _consent(
        self, d: EpisodeDraft, rng: random.Random, agency: str, purpose: str, *, given: bool, by: User
    ) -> Consent | None:
        when = self._when(d, rng, (5, 30))
        if when is None:
            return None
        # As the service consent was given: Gillick and the appropriate adult where the law asks.
        details = replace(
            casemix.service_consent(d.episode, d.episode.point_of_contact),
            scope="share", agency=agency, purpose=purpose,
            decision=codes.ConsentDecision.GIVEN if given else codes.ConsentDecision.REFUSED,
            method=rng.choice(("verbal", "verbal", "written")),
        )  # fmt: skip
        return alongside.consent(d, details, what=f"consent-{len(d.consents)}", at=when[0], recorded_at=when[1], by=by)

    def _share(
        self,
        d: EpisodeDraft,
        rng: random.Random,
        agency: str,
        purpose: str,
        basis: Basis,
        *,
        by: User,
        child: bool,
        override: dict[str, Any] | None = None,
    ) -> None:
        when = self._when(d, rng, (5, 40))
        if when is None:
            return
        at = when[0]
        findings = [f for f in alongside.shareable_findings(d) if f.status in ("suspected", "confirmed")]
        referrals = alongside.shareable_referrals(d)
        needs = ", ".join(f.domain_label.lower() for f in findings) or "no vulnerability confirmed"
        day = at.astimezone(LONDON).date()
        court = agency in (Agency.MAGISTRATES_COURT, Agency.CROWN_COURT, Agency.YOUTH_COURT)
        sentencing = purpose == Purpose.SENTENCING
        domains = {f.domain for f in findings}
        youth = child and sentencing
        fields: dict[str, Any] = {
            "agency": agency,
            "recipient_name": _RECIPIENTS[agency],
            "purpose": purpose,
            "lawful_basis_6": codes.LawfulBasis6.PUBLIC_TASK,
            # Courts acting in their judicial capacity; otherwise the administration of justice.
            "lawful_basis_9": codes.LawfulBasis9.LEGAL_CLAIMS
            if court
            else codes.LawfulBasis9.SUBSTANTIAL_PUBLIC_INTEREST,
            "schedule1_condition": "" if court else codes.Schedule1Condition.JUSTICE,
            "channel": rng.choice(_CHANNELS.get(agency, (Channel.REPORT.value, Channel.SECURE_EMAIL.value))),
            "summary": f"Seen by the liaison and diversion team on {day.day} {day:%B %Y}. Needs identified: {needs}.",
            "treatment_requirements": [_REQUIREMENTS[x] for x in sorted(domains & set(_REQUIREMENTS))]
            if sentencing and not child
            else [],
            "youth_requirements": [_YOUTH_REQUIREMENTS[x] for x in sorted(domains & set(_YOUTH_REQUIREMENTS))]
            if youth
            else [],
            "psychiatric_report": codes.PsychiatricReport.NEEDED
            if sentencing and "mental_health" in domains and rng.random() < 0.3
            else codes.PsychiatricReport.NOT_STATED,
            "court_case_number": f"{day.year}/{rng.randint(10000, 99999)}" if court else "",
            "hearing_date": day if court else None,
        }
        details = ShareDetails(**{**fields, **(override or {})})
        alongside.share(
            d, details, findings=findings, referrals=referrals, basis=basis, at=at, recorded_at=when[1], by=by
        )

    def _override(
        self, d: EpisodeDraft, rng: random.Random, *, by: User, approvers: list[tuple[User, str]], child: bool
    ) -> None:
        """Shared without consent for safeguarding: approved, the Guardian's advice, the person told or why not."""
        approver, role = next(((u, r) for u, r in approvers if u != by), approvers[0])
        consulted = rng.random() < 0.7
        at = d.last_at.astimezone(UTC)
        override = {
            "override_kind": codes.OverrideKind.SAFEGUARDING,
            "override_reason": "Disclosed a risk of serious harm from another person on release; the custody "
            "sergeant needs to know to plan a safe release",
            "override_approver": approver,
            "caldicott_consulted": consulted,
            "caldicott_guardian": "Duty Caldicott Guardian (deputy)" if consulted else "",
            "caldicott_consulted_at": at if consulted else None,
            "caldicott_not_consulted_reason": ""
            if consulted
            else "Release was imminent and no deputy could be reached",
            "person_informed": True,
        }
        basis = Basis(None, role, codes.CONFIDENTIALITY_OF_OVERRIDE[codes.OverrideKind.SAFEGUARDING][0])
        self._share(
            d, rng, Agency.POLICE_CUSTODY, Purpose.SAFEGUARDING, basis, by=by, child=child,
            override={**override, "lawful_basis_9": codes.LawfulBasis9.SUBSTANTIAL_PUBLIC_INTEREST,
                      "schedule1_condition": codes.Schedule1Condition.SAFEGUARDING},
        )  # fmt: skip

    def withdrawal(self, d: EpisodeDraft, *, by: User) -> None:
        """After closure, now and then: the person withdraws a consent they gave to share."""
        rng = self._rng(d, "withdrawal")
        standing = [c for c in d.consents if c.scope == "share" and c.is_in_force]
        if d.stage != Stage.CLOSED or not standing or rng.random() >= WITHDRAWAL_CHANCE:
            return
        when = self._when(d, rng, (60 * 24, 60 * 24 * 20))
        if when is not None:
            alongside.withdraw(
                d, rng.choice(standing), note=rng.choice(_WITHDRAWALS), at=when[0], recorded_at=when[1], by=by
            )


def _answers(rng: random.Random, chosen: Instrument, *, need: bool, age_band: str) -> dict[str, object]:
    """Answers leaning high where the need is real. PHQ-9's question 9 is answered "not at all":
    a positive answer raises the safety prompt, and the demo records no safety plans yet."""
    answers: dict[str, object] = {}
    for item in chosen.definition.answerable(age_band=age_band):
        if item.type == "boolean":
            yes = rng.random() < (0.55 if need else 0.1)
            # DAST-10 question 3 asks whether the person can always stop: "no" is the problem.
            answers[item.link_id] = (not yes) if (chosen.code, item.link_id) == ("dast10", "3") else yes
        elif item.type == "choice":
            codes = list(item.codes)
            weights = [len(codes) - i for i in range(len(codes))] if not need else [1 + i for i in range(len(codes))]
            answers[item.link_id] = rng.choices(codes, weights=weights)[0]
    if chosen.code == "phq9":
        answers["9"] = "0"
    return answers
