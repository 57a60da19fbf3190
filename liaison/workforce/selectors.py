"""Reading the workforce, scoped. A scheme's team leads and managers see its staff by name,
their training and registrations, and record them; every reporting role that sees a scheme
(commissioners, the programme's analysts) sees its FTE in post and planned need by group, which
are figures about posts, never a named member of staff. Anyone else is told there is no such
scheme, as for an unknown code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import NotFound, PermissionDenied
from liaison.organisations import hours
from liaison.organisations.models import Scheme, Site
from liaison.reporting.selectors import reporting_scope, visible_schemes
from liaison.workforce import demand, planning
from liaison.workforce.career import current
from liaison.workforce.models import CareerFramework, PlanAssumption, RoleProfile, StaffRecord, TrainingRecord

# "What expires soon": the training-needs view's window (issue 9 asks for 90 days).
EXPIRING_DAYS = 90


def manages(user: User, scheme: Scheme) -> bool:
    """A scheme's team leads and managers keep its staff records."""
    return scope_for(user).oversees(scheme.pk)


def scheme_get(*, user: User, code: object) -> Scheme:
    """A scheme whose workforce figures the user may see; unknown and unseen are alike."""
    text = str(code or "")
    scheme = Scheme.objects.filter(code=text).select_related("region").first() if text.isascii() else None
    if scheme is None or not (manages(user, scheme) or reporting_scope(user).sees_scheme(scheme.pk)):
        raise NotFound("No such scheme")
    return scheme


def managed_scheme_get(*, user: User, code: object) -> Scheme:
    scheme = scheme_get(user=user, code=code)
    if not manages(user, scheme):
        raise PermissionDenied("Only the scheme's team leads and managers keep its staff records.")
    return scheme


def staff_get(*, user: User, staff_id: object) -> StaffRecord:
    text = str(staff_id or "")
    found = (
        StaffRecord.objects.select_related("scheme", "role", "user").filter(pk=int(text)).first()
        if text.isascii() and text.isdigit() and len(text) < 19
        else None
    )
    if found is None or not manages(user, found.scheme):
        raise NotFound("No such staff record")
    return found


def in_post_on(on: date) -> Q:
    return Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))


def staff_of(*, user: User, scheme: Scheme, left: bool = False) -> QuerySet[StaffRecord]:
    """The scheme's staff in post today (or those who have left), for its team leads and managers."""
    if not manages(user, scheme):
        raise NotFound("No such scheme")
    rows = StaffRecord.objects.filter(scheme=scheme).select_related("role", "user")
    today = clock.today()
    return rows.exclude(in_post_on(today)) if left else rows.filter(in_post_on(today))


def training_of(staff: StaffRecord) -> QuerySet[TrainingRecord]:
    return staff.training.select_related("competency", "recorded_by")


def training_get(*, user: User, training_id: object) -> TrainingRecord:
    text = str(training_id or "")
    found = (
        TrainingRecord.objects.select_related("staff__scheme", "competency").filter(pk=int(text)).first()
        if text.isascii() and text.isdigit() and len(text) < 19
        else None
    )
    if found is None or not manages(user, found.staff.scheme):
        raise NotFound("No such training record")
    return found


@dataclass(frozen=True)
class Need:
    staff: StaffRecord
    what: str
    status: str  # missing, expired, expiring
    on: date | None = None

    @property
    def status_text(self) -> str:
        return {"missing": "Not done", "expired": "Expired", "expiring": "Expires soon"}[self.status]


_ORDER = {"expired": 0, "missing": 1, "expiring": 2}


def training_needs(*, user: User, scheme: Scheme) -> list[Need]:
    """Who in post lacks which competency their role requires, whose training has expired or
    expires within `EXPIRING_DAYS`, and whose registration is missing, expired or expiring."""
    today = clock.today()
    soon = today + timedelta(days=EXPIRING_DAYS)
    latest = TrainingRecord.objects.filter(withdrawn_at__isnull=True).order_by("competency_id", "completed_on", "id")
    staff = staff_of(user=user, scheme=scheme).prefetch_related(
        "role__competencies", Prefetch("training", queryset=latest)
    )
    needs: list[Need] = []
    for s in staff:
        done = {t.competency_id: t for t in s.training.all()}  # the latest of each, by the ordering
        for c in s.role.competencies.all():
            record = done.get(c.pk)
            needs += _status(s, c.title, None if record is None else record, today, soon)
        if s.role.registration:
            body = s.get_registration_body_display() if s.registration_body else "a professional body"
            if not s.registration_body or not s.registration_number:
                needs.append(Need(s, f"Registration with {body}", "missing"))
            elif s.registration_expires and s.registration_expires < today:
                needs.append(Need(s, f"Registration with {body}", "expired", s.registration_expires))
            elif s.registration_expires and s.registration_expires <= soon:
                needs.append(Need(s, f"Registration with {body}", "expiring", s.registration_expires))
    return sorted(needs, key=lambda n: (_ORDER[n.status], n.on or date.max, n.staff.family_name, n.what))


def _status(s: StaffRecord, what: str, record: TrainingRecord | None, today: date, soon: date) -> list[Need]:
    if record is None:
        return [Need(s, what, "missing")]
    if record.expires_on is not None and record.expires_on < today:
        return [Need(s, what, "expired", record.expires_on)]
    if record.expires_on is not None and record.expires_on <= soon:
        return [Need(s, what, "expiring", record.expires_on)]
    return []


@dataclass(frozen=True)
class Assumption:
    key: str
    label: str
    unit: str
    source: str
    default: Decimal
    value: Decimal
    own: PlanAssumption | None  # the scheme's own value, with who set it, when and why

    @property
    def changed(self) -> bool:
        return self.own is not None


def assumptions(scheme: Scheme, framework: CareerFramework | None = None) -> list[Assumption]:
    """Every assumption the scheme's plan uses, the scheme's own value where it set one."""
    return assumptions_of([scheme], framework)[scheme.pk]


def assumptions_of(schemes: Iterable[Scheme], framework: CareerFramework | None = None) -> dict[int, list[Assumption]]:
    framework = framework or current()
    spec = planning.defaults()
    shipped = spec.by_key()
    keys = planning.keys_for(list(framework.groups), [s.code for s in spec.steps])
    missing = [k for k in keys if k not in shipped]
    if missing:
        raise RuntimeError(f"{planning.DEFAULTS_FILE.name} has no default for {', '.join(missing)}")
    ids = [s.pk for s in schemes]
    own: dict[int, dict[str, PlanAssumption]] = defaultdict(dict)
    for row in PlanAssumption.objects.filter(scheme_id__in=ids).select_related("changed_by"):
        own[row.scheme_id][row.key] = row
    return {
        scheme_id: [
            Assumption(
                key=k,
                label=shipped[k].label,
                unit=shipped[k].unit,
                source=shipped[k].source,
                default=shipped[k].value,
                value=own[scheme_id][k].value if k in own[scheme_id] else shipped[k].value,
                own=own[scheme_id].get(k),
            )
            for k in keys
        ]
        for scheme_id in ids
    }


def open_minutes(scheme_ids: Iterable[int]) -> dict[int, int]:
    """Each scheme's active sites' staffed minutes a week, summed over the sites."""
    totals: dict[int, int] = defaultdict(int)
    for site in Site.objects.filter(scheme_id__in=list(scheme_ids), active=True).prefetch_related("opening_periods"):
        totals[site.scheme_id] += hours.weekly_minutes(site.periods())
    return totals


def in_post_by_group(scheme_ids: Iterable[int], on: date) -> dict[int, dict[str, Decimal]]:
    totals: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = StaffRecord.objects.filter(in_post_on(on), scheme_id__in=list(scheme_ids)).values_list(
        "scheme_id", "role__group", "fte"
    )
    for scheme_id, group, fte in rows:
        totals[scheme_id][group] += fte
    return totals


def plans_for(schemes: list[Scheme]) -> dict[int, planning.Plan]:
    """Each scheme's plan from its demand, sites, assumptions and staff: a few queries in all."""
    framework = current()
    today = clock.today()
    values = assumptions_of(schemes, framework)
    ids = [s.pk for s in schemes]
    minutes, posts = open_minutes(ids), in_post_by_group(ids, today)
    months_of = {s.pk: int({a.key: a.value for a in values[s.pk]}["demand_months"]) for s in schemes}
    steps = demand.steps_by_scheme(months_of, today=today)
    return {
        s.pk: planning.plan(
            groups=framework.groups,
            steps=steps[s.pk],
            months=months_of[s.pk],
            open_minutes_per_week=minutes.get(s.pk, 0),
            values={a.key: a.value for a in values[s.pk]},
            in_post=posts.get(s.pk, {}),
        )
        for s in schemes
    }


def programme(*, user: User) -> list[tuple[Scheme, planning.Plan]]:
    """Every scheme the user sees reports of, with its plan: FTE figures only, no one named."""
    rscope = reporting_scope(user)
    if not rscope.sees_anything:
        raise NotFound("No workforce figures")
    schemes = visible_schemes(rscope)
    plans = plans_for(schemes)
    return [(s, plans[s.pk]) for s in schemes]


@dataclass(frozen=True)
class Posts:
    """Staff in post in one role profile: how many and their FTE, no one named."""

    role: RoleProfile
    headcount: int
    fte: Decimal


def posts_of(scheme: Scheme) -> list[Posts]:
    """The scheme's staff in post by role profile, for whoever may see the scheme (`scheme_get`)."""
    rows = (
        StaffRecord.objects.filter(in_post_on(clock.today()), scheme=scheme)
        .values("role_id")
        .annotate(headcount=Count("id"), fte=Sum("fte"))
        .order_by()
    )
    roles = RoleProfile.objects.in_bulk([r["role_id"] for r in rows])
    posts = [Posts(roles[r["role_id"]], r["headcount"], r["fte"]) for r in rows]
    return sorted(posts, key=lambda p: (p.role.level, p.role.order))
