"""Staff in every role, with memberships, and the five demo sign-ins.

Every account shares one password hash: Argon2 is deliberately slow, so the demo hashes the
password once instead of once per user.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from liaison.accounts.models import User
from liaison.demo.episodes import Cast
from liaison.demo.network import PRACTITIONER_SCHEME, PRACTITIONER_SITES, REGIONS
from liaison.demo.people import StaffNames
from liaison.organisations.models import Membership, Role, SiteKind


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    job_title: str
    role: Role


DEMO_USERS = (
    DemoUser("practitioner", "Jo", "Hughes", "Mental health nurse, liaison and diversion", Role.PRACTITIONER),
    DemoUser("teamlead", "Chris", "Doyle", "Team leader, liaison and diversion", Role.TEAM_LEAD),
    DemoUser("commissioner", "Priya", "Shah", "Health and justice commissioner, NHS England North West",
             Role.COMMISSIONER),
    DemoUser("analyst", "Tom", "Okafor", "National analyst, NHS England", Role.NATIONAL_ANALYST),
    DemoUser("admin", "Ruth", "Bennett", "System administrator", Role.ADMINISTRATOR),
)  # fmt: skip
COMMISSIONER_REGION = "Y62"  # North West, where the demo practitioner works

_TITLES = {
    Role.PRACTITIONER: ("Mental health nurse", "Learning disability nurse", "Social worker", "Occupational therapist",
                        "Liaison and diversion practitioner"),
    Role.SUPPORT_WORKER: ("Support worker", "Peer support worker"),
    Role.TEAM_LEAD: ("Team leader, liaison and diversion",),
    Role.SCHEME_MANAGER: ("Service manager, liaison and diversion",),
    Role.COMMISSIONER: ("Health and justice commissioner",),
    Role.NATIONAL_ANALYST: ("National analyst, NHS England",),
}  # fmt: skip


class StaffMaker:
    def __init__(self, *, seed: int, password_hash: str) -> None:
        self.rng = random.Random(f"{seed}:staff")
        self.names = StaffNames(seed)
        self.password_hash = password_hash
        self.users: list[User] = []
        self.memberships: list[tuple[User, Role, int | None, int | None]] = []  # user, role, scheme, site
        self.rows: list[Membership] = []
        # Who set up the network (the administrator) and keeps each scheme's directory.
        self.admin: User | None = None
        self.managers: dict[int, User] = {}

    def _user(self, role: Role, demo: DemoUser | None = None) -> User:
        if demo:
            first, last, username, title = demo.first_name, demo.last_name, demo.username, demo.job_title
        else:
            first, last = self.names.name()
            username, title = self.names.username(first, last), self.rng.choice(_TITLES[role])
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@liaison.example",
            job_title=title,
            password=self.password_hash,
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
        self.users.append(user)
        return user

    def _member(self, user: User, role: Role, *, scheme: int | None = None, site: int | None = None) -> None:
        self.memberships.append((user, role, scheme, site))

    def staff(self, casts: list[Cast]) -> None:
        """Each scheme's team; the demo users where they belong. Recorders go onto each cast."""
        demo = {d.username: d for d in DEMO_USERS}
        rng = self.rng
        for cast in casts:
            sid = cast.scheme.pk
            recorders: list[User] = []
            manager = self.managers[sid] = self._user(Role.SCHEME_MANAGER)
            self._member(manager, Role.SCHEME_MANAGER, scheme=sid)
            cast.approvers = [(manager, str(Role.SCHEME_MANAGER.label))]
            for n in range(2):  # adult team and children and young people's team
                merseyside_lead = cast.spec.code == PRACTITIONER_SCHEME and n == 0
                lead = self._user(Role.TEAM_LEAD, demo["teamlead"] if merseyside_lead else None)
                self._member(lead, Role.TEAM_LEAD, scheme=sid)
                cast.approvers.append((lead, str(Role.TEAM_LEAD.label)))
                recorders.append(lead)
            custody = cast.sites.get(SiteKind.CUSTODY_SUITE, [])
            courts = cast.sites.get(SiteKind.MAGISTRATES_COURT, [])
            for _ in range(3 + round(3 * cast.spec.weight)):
                p = self._user(Role.PRACTITIONER)
                if rng.random() < 0.6 or not custody or not courts:
                    self._member(p, Role.PRACTITIONER, scheme=sid)
                else:
                    self._member(p, Role.PRACTITIONER, site=rng.choice(custody).pk)
                    self._member(p, Role.PRACTITIONER, site=rng.choice(courts).pk)
                recorders += [p, p, p]  # practitioners record most of the work
            for site in (custody[:1] + courts[:1]) or list(cast.sites_by_id.values())[:1]:
                self._member(self._user(Role.SUPPORT_WORKER), Role.SUPPORT_WORKER, site=site.pk)
            if cast.spec.code == PRACTITIONER_SCHEME:
                p = self._user(Role.PRACTITIONER, demo["practitioner"])
                for site in cast.sites_by_id.values():
                    if site.code in PRACTITIONER_SITES:
                        self._member(p, Role.PRACTITIONER, site=site.pk)
                        cast.regulars[site.pk] = p
                recorders.append(p)
            cast.recorders = recorders
        for region in REGIONS:
            in_region = [c.scheme.pk for c in casts if c.spec.region == region]
            user = self._user(Role.COMMISSIONER, demo["commissioner"] if region == COMMISSIONER_REGION else None)
            for sid in in_region:
                self._member(user, Role.COMMISSIONER, scheme=sid)
        for user in (self._user(Role.NATIONAL_ANALYST, demo["analyst"]), self._user(Role.NATIONAL_ANALYST)):
            for cast in casts:
                self._member(user, Role.NATIONAL_ANALYST, scheme=cast.scheme.pk)
        admin = self.admin = self._user(Role.ADMINISTRATOR, demo["admin"])
        for cast in casts:
            self._member(admin, Role.ADMINISTRATOR, scheme=cast.scheme.pk)

    def save(self) -> tuple[int, int]:
        User.objects.bulk_create(self.users, batch_size=500)
        self.rows = [Membership(user=u, role=r, scheme_id=sc, site_id=si) for u, r, sc, si in self.memberships]
        Membership.objects.bulk_create(self.rows, batch_size=500)
        return len(self.users), len(self.rows)
