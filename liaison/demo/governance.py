"""The demo's governance: for every scheme, a partnership board set up when the scheme went
live, with members from the partner agencies (invented names, staff in their roles), its
quarterly meetings over the last two years with decisions and actions (most completed, a few
withdrawn with a reason, the latest still open), and its commissioning history from go-live
(a first contract, then a recommissioned one, some changing model); and the guidance library.
Through the real actions; deterministic for the seed and end.

Run after the standards, which load the framework the guidance links to.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from liaison.accounts.models import User
from liaison.demo.hours import local
from liaison.governance.actions import (
    ActionInput,
    SubcontractorInput,
    action_close,
    arrangement_record,
    board_establish,
    decision_record,
    meeting_record,
    member_add,
)
from liaison.governance.guidance import load as load_guidance
from liaison.governance.models import ActionStatus, Agency, BoardMember
from liaison.organisations.models import Membership, Role, Scheme

GIVEN = (
    "Amira",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Farid",
    "Grace",
    "Harry",
    "Isla",
    "Jamal",
    "Kate",
    "Liam",
    "Maya",
    "Noah",
    "Olivia",
    "Priya",
    "Rhys",
    "Sara",
    "Tom",
    "Zara",
)
FAMILY = (
    "Ahmed",
    "Baker",
    "Clarke",
    "Davies",
    "Evans",
    "Fox",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owen",
    "Patel",
    "Reid",
    "Shaw",
    "Turner",
    "Walsh",
)
# Who sits on a board: agency, job, organisation (with the scheme's place name).
SEATS = (
    (Agency.HEALTH, "Service manager, liaison and diversion", "{provider}"),
    (Agency.POLICE, "Chief inspector, criminal justice", "{place} Police"),
    (Agency.COURTS, "Legal team manager", "HM Courts and Tribunals Service, {place}"),
    (Agency.PROBATION, "Head of probation delivery unit", "Probation Service, {place}"),
    (Agency.LOCAL_AUTHORITY, "Head of adult social care", "{place} Council"),
    (Agency.YOUTH_JUSTICE, "Youth justice service manager", "{place} Youth Justice Service"),
    (Agency.VOLUNTARY_SECTOR, "Services director", "{place} Community Support"),
    (Agency.LIVED_EXPERIENCE, "Peer support lead", "{place} Lived Experience Network"),
    (Agency.COMMISSIONER, "Health and justice commissioner", "NHS England"),
)
AGENDA = (
    "Reviewed the quarter's figures and the response times at the custody suites.",
    "Discussed the quality self-assessment and the actions from it.",
    "Heard feedback from people who used the service and the lived-experience panel.",
    "Reviewed pathways into mental health and substance misuse services.",
    "Discussed staffing, vacancies and the weekend rota.",
)
DECISIONS = (
    ("Extend cover at the busiest custody suite to weekends", "Agree the weekend rota with the custody inspector"),
    ("Pilot peer support workers at the magistrates' court", "Draft the peer worker role profile"),
    ("Adopt one report template for courts and prosecutors", "Train the team on the new report template"),
    ("Audit consent recording each quarter", "Report the consent audit to the next meeting"),
    ("Agree a same-week route into the community mental health team", "Write the referral protocol with the trust"),
)
WITHDRAWN = ("Overtaken by the new contract", "No longer needed: the pathway was recommissioned")
MODELS = ("integrated_custody_healthcare", "standalone", "voluntary_sector_partner", "mental_health_trust_consortium")
QUARTERS = 8  # meetings over the last two years


def _by_role(role: str) -> dict[int, User]:
    out: dict[int, User] = {}
    for m in (
        Membership.objects.filter(role=role, scheme__isnull=False).select_related("user").order_by("user__username")
    ):
        assert m.scheme_id is not None
        out.setdefault(m.scheme_id, m.user)
    return out


def _place(scheme: Scheme) -> str:
    return scheme.name.split(" Liaison")[0].split(" L&D")[0]


def _board(scheme: Scheme, manager: User, rng: random.Random, until: datetime) -> list[BoardMember]:
    at = min(until, local(scheme.go_live, 10, 0))
    board = board_establish(
        scheme=scheme, name=f"{_place(scheme)} L&D partnership board", established_on=scheme.go_live, by=manager, at=at
    )
    members = []
    for n, (agency, job, organisation) in enumerate(SEATS):
        if agency == Agency.YOUTH_JUSTICE and rng.random() < 0.3:
            continue
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        members.append(
            member_add(
                board=board,
                name=name,
                role_title=job,
                agency=agency,
                organisation=organisation.format(provider=scheme.provider, place=_place(scheme)),
                joined_on=scheme.go_live,
                by=manager,
                at=at + timedelta(minutes=n + 1),
            )
        )
    return members


def _meetings(scheme: Scheme, members: list[BoardMember], manager: User, rng: random.Random, until: datetime) -> int:
    board = members[0].board
    first = max(scheme.go_live, until.date() - timedelta(days=91 * QUARTERS))
    recorded = 0
    for q in range(QUARTERS):
        held_on = first + timedelta(days=91 * q + rng.randint(0, 20))
        if held_on >= until.date():
            break
        at = local(held_on, 17, 0)
        attendees = [m for m in members if rng.random() < 0.8] or members[:2]
        meeting = meeting_record(
            board=board,
            held_on=held_on,
            attendees=attendees,
            minutes=" ".join(rng.sample(AGENDA, 2)),
            by=manager,
            at=at,
        )
        decision, action = rng.choice(DECISIONS)
        due_on = held_on + timedelta(days=rng.choice([30, 60, 90]))
        made = decision_record(
            meeting=meeting,
            decision=decision,
            actions=[ActionInput(action=action, owner=rng.choice(members), due_on=due_on)],
            by=manager,
            at=at + timedelta(minutes=5),
        )
        closed_on = due_on - timedelta(days=rng.randint(0, 20))
        if closed_on < until.date() - timedelta(days=14):
            [row] = made.actions.all()
            withdrawn = rng.random() < 0.12
            action_close(
                action=row,
                status=ActionStatus.WITHDRAWN if withdrawn else ActionStatus.COMPLETED,
                note=rng.choice(WITHDRAWN) if withdrawn else "Done and reported to the board",
                closed_on=max(closed_on, held_on),
                by=manager,
                at=local(max(closed_on, held_on), 12, 0),
            )
        recorded += 1
    return recorded


def _commissioning(scheme: Scheme, commissioner: User, rng: random.Random, until: datetime) -> int:
    start, count = scheme.go_live, 0
    model = rng.choice(MODELS)
    while start <= until.date():
        end = date(start.year + rng.choice([3, 4, 5]), 3, 31)
        last = end >= until.date()
        subs = (
            [SubcontractorInput(organisation=f"{_place(scheme)} Community Support", provides="Support workers")]
            if model == "voluntary_sector_partner"
            else []
        )
        arrangement_record(
            scheme=scheme,
            commissioner="NHS England Health and Justice",
            lead_provider=scheme.provider,
            model=model,
            contract_start=start,
            contract_end=None if last else end,
            subcontractors=subs,
            by=commissioner,
            at=min(until, local(start, 9, 0)),
        )
        count += 1
        if last:
            break
        start = end + timedelta(days=1)
        if rng.random() < 0.35:  # recommissioned under another model
            model = rng.choice([m for m in MODELS if m != model])
    return count


def build_governance(*, seed: int, until: datetime) -> dict[str, int]:
    """Every scheme's board, meetings and commissioning, and the guidance library; counts."""
    rng = random.Random(f"{seed}:governance")
    managers, commissioners = _by_role(Role.SCHEME_MANAGER), _by_role(Role.COMMISSIONER)
    meetings = arrangements = 0
    for scheme in Scheme.objects.filter(go_live__lte=until.date()).order_by("code"):
        if scheme.pk not in managers or scheme.pk not in commissioners:
            continue
        members = _board(scheme, managers[scheme.pk], rng, until)
        meetings += _meetings(scheme, members, managers[scheme.pk], rng, until)
        arrangements += _commissioning(scheme, commissioners[scheme.pk], rng, until)
    guidance = load_guidance()
    return {
        "board meetings": meetings,
        "commissioning arrangements": arrangements,
        "guidance documents": guidance.created,
    }
