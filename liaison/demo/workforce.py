"""The demo's workforce (issue 9, section 3): the career framework loaded, and for every scheme a
staff record for each of its clinical accounts (in the role their job title suggests) and a few
staff without accounts (the extended team: partner trusts' court practitioners, a voluntary
partner's peer worker), with training, some of it lapsed or lapsing, a leaver or two, and a few
schemes' own planning assumptions.

Written through the real actions, back-dated; deterministic for the seed and the end date.
Names come from their own stream (Faker, en_GB); registration numbers are marked DEMO.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from faker import Faker

from liaison.accounts.models import User
from liaison.demo.hours import local
from liaison.demo.returns import scheme_leads
from liaison.organisations.models import Membership, Role, Scheme
from liaison.workforce import actions
from liaison.workforce.career import load
from liaison.workforce.models import BODY_OF, CareerFramework, Profession, RoleProfile

_FTE = (Decimal("1.00"),) * 5 + (Decimal("0.80"), Decimal("0.60"), Decimal("0.50"))
_NURSES = (Profession.MENTAL_HEALTH_NURSE,) * 3 + (Profession.LD_NURSE,)
_BY_TITLE = {
    "Mental health nurse": Profession.MENTAL_HEALTH_NURSE,
    "Learning disability nurse": Profession.LD_NURSE,
    "Social worker": Profession.SOCIAL_WORKER,
    "Occupational therapist": Profession.OCCUPATIONAL_THERAPIST,
}
_LEFT = ("Moved to another trust", "Retired", "End of secondment", "Promoted to another service")
# A few schemes plan from their own audits (the reasons are the demo's, the values plausible).
_OWN = (
    ("minutes.practitioner.assess", Decimal("75"), "Our audit of 2024 timed assessments at 75 minutes"),
    ("cover.practitioner", Decimal("2"), "Two practitioners on the busiest custody suite at night"),
    ("minutes.support_worker.support", Decimal("120"), "Rural scheme: long journeys to first appointments"),
)


class _Staffing:
    def __init__(self, *, seed: int, framework: CareerFramework, today: date) -> None:
        self.rng = random.Random(f"{seed}:workforce")
        self.fake = Faker("en_GB")
        self.fake.seed_instance(f"{seed}:workforce")
        self.roles = {r.code: r for r in framework.roles.prefetch_related("competencies")}
        self.today = today
        self.records = 0

    def _profession(self, role: RoleProfile, title: str) -> Profession:
        if not role.registration:
            return Profession.NONE
        return _BY_TITLE.get(title.split(",")[0], self.rng.choice(_NURSES))

    def add(self, scheme: Scheme, by: User, code: str, *, user: User | None = None, team: str = "core") -> None:
        rng, role = self.rng, self.roles[code]
        first, last = (user.first_name, user.last_name) if user else (self.fake.first_name(), self.fake.last_name())
        profession = self._profession(role, user.job_title if user else "")
        body = BODY_OF[profession]
        started = max(scheme.go_live - timedelta(days=90), self.today - timedelta(days=rng.randint(60, 2500)))
        started = min(started, self.today)
        details = actions.StaffDetails(
            given_name=first,
            family_name=last,
            role=role,
            profession=profession,
            fte=Decimal("1.00") if code in ("TL7", "CL8") else rng.choice(_FTE),
            team=team,
            lived_experience=role.lived_experience,
            started_on=started,
            registration_body=body,
            registration_number=f"DEMO{rng.randint(10, 99)}{rng.choice('ABCDEFGHJK')}{rng.randint(1000, 9999)}"
            if body
            else "",
            registration_expires=self.today + timedelta(days=rng.randint(-20, 360)) if body else None,
            user=user,
        )
        staff = actions.staff_add(scheme=scheme, details=details, by=by, at=local(started, 9, 0))
        self.records += 1
        for competency in role.competencies.all():
            if rng.random() < 0.12:
                continue  # not done yet: the training-needs view has something to show
            months = competency.renew_months or 48
            done = max(started, self.today - timedelta(days=rng.randint(5, int(months * 30.4 * 1.1))))
            evidence = rng.choice(("E-learning certificate", "Attendance register", "Observed in practice"))
            actions.training_record(staff=staff, competency=competency, completed_on=done, evidence=evidence, by=by,
                                    at=local(done, 17, 0))  # fmt: skip
        if user is None and rng.random() < 0.12:
            ended = self.today - timedelta(days=rng.randint(1, 200))
            if ended > started:
                actions.staff_leave(staff_id=staff.pk, ended_on=ended, reason=rng.choice(_LEFT), by=by,
                                    at=local(ended, 16, 0))  # fmt: skip


def _accounts(scheme: Scheme) -> list[tuple[User, str]]:
    """The scheme's clinical accounts, each once, with the role they hold (the highest)."""
    order = {Role.SCHEME_MANAGER: 0, Role.TEAM_LEAD: 1, Role.PRACTITIONER: 2, Role.SUPPORT_WORKER: 3}
    seen: dict[int, tuple[User, str]] = {}
    rows = Membership.objects.filter(role__in=list(order)).filter(scheme=scheme) | Membership.objects.filter(
        role__in=list(order), site__scheme=scheme
    )
    for m in sorted(rows.select_related("user"), key=lambda m: (order[Role(m.role)], m.user.username)):
        seen.setdefault(m.user_id, (m.user, m.role))
    return list(seen.values())


def _code(rng: random.Random, user: User, role: str) -> str:
    if role == Role.SCHEME_MANAGER:
        return "CL8"
    if role == Role.TEAM_LEAD:
        return "TL7"
    if role == Role.SUPPORT_WORKER:
        return "PSW3" if "Peer" in user.job_title else rng.choice(("SW2", "SW3"))
    return rng.choice(("PR5", "PR6", "PR6"))


def build_workforce(*, seed: int, until: datetime) -> int:
    """Load the career framework and record every scheme's staff; how many records."""
    framework = load().framework
    staffing = _Staffing(seed=seed, framework=framework, today=until.date())
    leads = scheme_leads()
    for n, scheme in enumerate(Scheme.objects.order_by("code")):
        by = leads[scheme.pk]
        for user, role in _accounts(scheme):
            staffing.add(scheme, by, _code(staffing.rng, user, role), user=user)
        # The extended team: partners' staff without accounts here.
        for code in staffing.rng.sample(("PR5", "PR6", "AP4", "PSW3", "PSW4", "SW2"), k=staffing.rng.randint(2, 4)):
            staffing.add(scheme, by, code, team="extended")
        if n % 5 == 0:
            key, value, reason = _OWN[(n // 5) % len(_OWN)]
            day = until.date() - timedelta(days=30)
            actions.assumptions_change(scheme=scheme, values={key: value}, reason=reason, by=by, at=local(day, 12, 0))
    return staffing.records
