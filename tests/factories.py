"""Small builders for test data: a scheme with sites, staff in roles, people and episodes.

Plain functions over the real models and actions, so tests read as the domain does.
"""

from __future__ import annotations

import functools
import itertools
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password

from liaison.accounts.models import User
from liaison.core import clock
from liaison.organisations.models import Membership, Region, ResponseTarget, Role, Scheme, Site, SiteKind
from liaison.pathway.actions import Alert, episode_identify
from liaison.pathway.models import Episode
from liaison.people.actions import PersonDetails, person_create
from liaison.people.models import Person

_n = itertools.count(1)
PASSWORD = "correct horse battery staple"


def _password_hash() -> str:
    """A real hash of PASSWORD, made once per hasher setting: some test modules switch to a fast
    hasher, and a hash cached under one setting cannot be checked under another."""
    return _hash_under(tuple(settings.PASSWORD_HASHERS))


@functools.cache
def _hash_under(hashers: tuple[str, ...]) -> str:
    return make_password(PASSWORD)


def region() -> Region:
    n = next(_n)
    return Region.objects.create(code=f"R{n}", name=f"Region {n}")


def scheme(*, code: str | None = None, name: str | None = None) -> Scheme:
    n = next(_n)
    return Scheme.objects.create(
        code=code or f"S{n}",
        name=name or f"Scheme {n}",
        provider=f"Trust {n} NHS Foundation Trust",
        region=region(),
        wave=1,
        go_live=date(2014, 4, 1),
    )


def site(*, scheme: Scheme, kind: str = SiteKind.CUSTODY_SUITE, target_minutes: int | None = None) -> Site:
    n = next(_n)
    s = Site.objects.create(scheme=scheme, code=f"SITE{n}", name=f"Site {n} {kind}", kind=kind)
    if target_minutes is not None:
        ResponseTarget.objects.create(site=s, point_of_contact=s.default_point_of_contact, minutes=target_minutes)
    return s


def staff(*, role: str = Role.PRACTITIONER, scheme: Scheme | None = None, site: Site | None = None) -> User:
    n = next(_n)
    user = User.objects.create_user(
        username=f"{role}{n}", password=None, first_name=role.replace("_", " ").title(), last_name=f"Number{n}"
    )
    # Argon2 is slow by design: hash the shared test password once per run, not once per user.
    user.password = _password_hash()
    user.save(update_fields=["password"])
    Membership.objects.create(user=user, role=role, scheme=None if site else scheme, site=site)
    return user


def administrator(*, scheme: Scheme) -> User:
    """As the demo's administrator: the Django admin's staff and superuser, in no clinical role."""
    user = staff(role=Role.ADMINISTRATOR, scheme=scheme)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def person(*, by: User, scheme: Scheme, **details: object) -> Person:
    fields: dict[str, object] = {"given_name": "Alex", "family_name": f"Testperson{next(_n)}"}
    fields.update(details)
    return person_create(by=by, scheme=scheme, details=PersonDetails(**fields))  # type: ignore[arg-type]


_ALERT_FIELDS = (
    "site",
    "point_of_contact",
    "referral_source",
    "alerted_by",
    "alerted_by_code",
    "concerns",
    "concerns_note",
)


def with_alert(fields: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for identify or re-entry, the alert's own gathered into an `Alert`."""
    given = {k: fields.pop(k) for k in _ALERT_FIELDS if k in fields}
    return {**fields, "alert": Alert(**given)}


def episode(
    *,
    by: User,
    site: Site,
    who: Person | None = None,
    minutes_ago: int = 30,
    service_consent: bool = True,
    **kwargs: object,
) -> Episode:
    """An identified episode; with the person's consent to the service recorded at identification
    (screening and assessment wait for one) unless `service_consent` is False."""
    who = who or person(by=by, scheme=site.scheme, date_of_birth=date(1990, 5, 17))
    fields: dict[str, object] = {
        "point_of_contact": site.default_point_of_contact,
        "referral_source": "E1",
        "alerted_by": "Custody sergeant",
        "concerns": ["mental_health"],
        "occurred_at": clock.now() - timedelta(minutes=minutes_ago),
    }
    fields.update(kwargs)
    made = episode_identify(by=by, person=who, **with_alert({"site": site, **fields}))
    if service_consent:
        record_service_consent(episode=made, by=by)
    return made


def episodes_last_month(*, by: User, site: Site, count: int = 9) -> str:
    """`count` episodes identified on the 10th of last month (London), an hour apart; its YYYY-MM.
    For the monthly returns, which only take months that have ended."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from liaison.core import clock

    first = clock.now().astimezone(ZoneInfo("Europe/London")).replace(day=1, hour=12, minute=0, second=0, microsecond=0)
    noon = (first - timedelta(days=10)).replace(day=10)
    for h in range(count):
        episode(by=by, site=site, occurred_at=noon + timedelta(hours=h))
    return noon.strftime("%Y-%m")


def record_service_consent(*, episode: Episode, by: User, decision: str = "given") -> Any:
    """The person's decision about the L&D service, recorded when they were identified: screening
    and assessment wait for one. A child's route and an appropriate adult are filled in when the
    law asks for them."""
    from liaison.sharing.actions import ConsentDetails, consent_record
    from liaison.sharing.selectors import needs_appropriate_adult, needs_guardian

    child = needs_guardian(episode)
    custody = needs_appropriate_adult(episode)
    details = ConsentDetails(
        scope="service",
        decision=decision,
        method="verbal",
        child_route="gillick" if child else "",
        child_route_reason="Understood what L&D does and what sharing means, and explained it back" if child else "",
        appropriate_adult_name="Sam Adult" if custody else "",
        appropriate_adult_role="Appropriate adult scheme volunteer" if custody else "",
    )
    return consent_record(by=by, episode=episode, details=details, occurred_at=episode.identified_at)
