"""Reading the service directory: scoped to the user's schemes; services are not people, so
these reads write no audit row."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import NotFound, PermissionDenied
from liaison.organisations.models import Scheme
from liaison.pathway.models import Episode
from liaison.people.codes import Sex
from liaison.referrals.codes import OpenTo
from liaison.referrals.models import Service, ServiceEvent

# The largest id a database integer column holds: more is no row, never an overflow error.
_MAX_ID = 2**63 - 1


def as_id(value: object) -> int | None:
    """A row id from text a user or partner sent, or None when it cannot be one."""
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) < 20):
        return None
    n = int(text)
    return n if 0 < n <= _MAX_ID else None


def directory_scheme_ids(user: User) -> frozenset[int]:
    scope = scope_for(user)
    return scope.clinical_scheme_ids | scope.oversight_scheme_ids


def directory_schemes(user: User) -> QuerySet[Scheme]:
    return Scheme.objects.filter(pk__in=directory_scheme_ids(user)).order_by("name")


def editable_schemes(user: User) -> QuerySet[Scheme]:
    """Schemes whose directory the user maintains: team leads and scheme managers."""
    return Scheme.objects.filter(pk__in=scope_for(user).oversight_scheme_ids).order_by("name")


def services_search(
    *,
    user: User,
    scheme_id: int | None = None,
    q: str = "",
    service_type: str = "",
    age: int | None = None,
    include_inactive: bool = False,
) -> QuerySet[Service]:
    """Services in the user's schemes by name (or words of the how-to-refer), type and age taken."""
    services = Service.objects.filter(scheme_id__in=directory_scheme_ids(user)).select_related("scheme")
    if scheme_id is not None:
        services = services.filter(scheme_id=scheme_id)
    if not include_inactive:
        services = services.filter(active=True)
    return _matching(services, q=q, service_type=service_type, age=age)


def _matching(services: QuerySet[Service], *, q: str, service_type: str, age: int | None) -> QuerySet[Service]:
    for word in q.split()[:8]:
        services = services.filter(Q(name__icontains=word) | Q(how_to_refer__icontains=word))
    if service_type:
        services = services.filter(service_type=service_type)
    if age is not None:
        services = services.filter(Q(min_age__isnull=True) | Q(min_age__lte=age))
        services = services.filter(Q(max_age__isnull=True) | Q(max_age__gte=age))
    return services.order_by("name", "id")


def service_get(*, user: User, service_id: object) -> Service:
    sid = as_id(service_id)
    service = (
        Service.objects.filter(pk=sid, scheme_id__in=directory_scheme_ids(user)).select_related("scheme").first()
        if sid
        else None
    )
    if service is None:
        raise NotFound("No such service")
    return service


def service_to_edit(*, user: User, service_id: object) -> Service:
    """A service the user maintains: 404 outside their schemes, 403 when their role only reads."""
    service = service_get(user=user, service_id=service_id)
    if not scope_for(user).oversees(service.scheme_id):
        raise PermissionDenied("Only team leads and scheme managers maintain the directory", code="role_not_allowed")
    return service


def service_changes(*, service: Service, limit: int = 50) -> QuerySet[ServiceEvent]:
    return ServiceEvent.objects.filter(service=service).select_related("actor")[:limit]


def services_for_episode(
    *, episode: Episode, q: str = "", service_type: str = "", age: int | None = None, sex: str | None = None
) -> QuerySet[Service]:
    """Services a practitioner can refer this person to: the episode's scheme, active, right age,
    and taking someone of their sex (a women's centre is not offered for a man; an unknown sex
    filters nothing out). Leave `age` and `sex` None to list every service ("show all")."""
    services = Service.objects.filter(scheme_id=episode.scheme_id, active=True)
    if sex == Sex.MALE:
        services = services.exclude(open_to=OpenTo.WOMEN)
    elif sex == Sex.FEMALE:
        services = services.exclude(open_to=OpenTo.MEN)
    return _matching(services, q=q, service_type=service_type, age=age)


def service_for_episode(*, episode: Episode, service_id: object) -> Service | None:
    """A service of the episode's scheme, or None (another scheme's is as unknown as none)."""
    sid = as_id(service_id)
    return Service.objects.filter(pk=sid, scheme_id=episode.scheme_id).first() if sid else None


def age_of(episode: Episode, day: date | None = None) -> int | None:
    born = episode.person.date_of_birth
    if born is None:
        return None
    day = day or timezone.localdate(clock.now())
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
