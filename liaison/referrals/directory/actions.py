"""Writes to a scheme's service directory: team leads and scheme managers keep it.

Directory changes are recorded as ServiceEvent rows (no episode is involved); services are never
deleted, only deactivated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Invalid, PermissionDenied
from liaison.core.events import EventType
from liaison.core.locks import lock
from liaison.organisations.models import Scheme
from liaison.referrals.codes import OpenTo, ServiceType
from liaison.referrals.events import SERVICE_CREATE, SERVICE_DEACTIVATE, SERVICE_EDIT, SERVICE_REACTIVATE
from liaison.referrals.models import Service, ServiceEvent


@dataclass(frozen=True)
class ServiceDetails:
    name: str
    service_type: str
    phone: str = ""
    email: str = ""
    address: str = ""
    min_age: int | None = None
    max_age: int | None = None
    how_to_refer: str = ""
    open_to: str = OpenTo.ANYONE

    def cleaned(self) -> ServiceDetails:
        return ServiceDetails(
            name=" ".join(self.name.split()),
            service_type=self.service_type,
            phone=self.phone.strip(),
            email=self.email.strip().lower(),
            address=self.address.strip(),
            min_age=self.min_age,
            max_age=self.max_age,
            how_to_refer=self.how_to_refer.strip(),
            open_to=self.open_to or OpenTo.ANYONE,
        )


def require_directory_editor(by: User, scheme_id: int) -> None:
    if not scope_for(by).oversees(scheme_id):
        raise PermissionDenied("Only team leads and scheme managers maintain the directory", code="role_not_allowed")


def _check_service(details: ServiceDetails, *, scheme_id: int, exclude: int | None = None) -> None:
    errors: dict[str, str] = {}
    if not details.name:
        errors["name"] = "Enter the name of the service"
    elif len(details.name) > 160:
        errors["name"] = "The name must be 160 characters or fewer"
    elif Service.objects.filter(scheme_id=scheme_id, name__iexact=details.name).exclude(pk=exclude or 0).exists():
        errors["name"] = "A service with this name is already in the directory"
    if details.service_type not in ServiceType.values:
        errors["service_type"] = "Select the type of service"
    if details.open_to not in OpenTo.values:
        errors["open_to"] = "Select whom the service takes"
    if len(details.phone) > 40 or any(c not in "0123456789 +()-" for c in details.phone):
        errors["phone"] = "Enter a phone number, like 0151 123 4567"
    if details.email:
        try:
            validate_email(details.email)
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like team@nhs.net"
        if len(details.email) > 160:
            errors["email"] = "The email address must be 160 characters or fewer"
    for name, age in (("min_age", details.min_age), ("max_age", details.max_age)):
        if age is not None and not 0 <= age <= 120:
            errors[name] = "Enter an age from 0 to 120"
    low, high = details.min_age, details.max_age
    if "min_age" not in errors and "max_age" not in errors and low is not None and high is not None and low > high:
        errors["max_age"] = "The oldest age must be the same as or more than the youngest age"
    if errors:
        raise Invalid("There is a problem with the service", errors=errors)


def _changed(service: Service, kind: EventType, by: User, at: datetime, changes: dict[str, list[Any]]) -> None:
    ServiceEvent.objects.create(
        service=service, kind=kind.tag, occurred_at=at, recorded_at=at, actor=by, data={"changes": changes}
    )


@transaction.atomic
def service_create(*, by: User, scheme: Scheme, details: ServiceDetails) -> Service:
    require_directory_editor(by, scheme.pk)
    d = details.cleaned()
    _check_service(d, scheme_id=scheme.pk)
    at = clock.now()
    service = Service.objects.create(scheme=scheme, updated_at=at, **vars(d))
    _changed(service, SERVICE_CREATE, by, at, {k: [None, v] for k, v in vars(d).items()})
    return service


@transaction.atomic
def service_update(*, by: User, service: Service, details: ServiceDetails) -> Service:
    """Change a directory entry; the change row keeps each changed field's old and new value."""
    require_directory_editor(by, service.scheme_id)
    locked = lock(Service.objects).get(pk=service.pk)
    d = details.cleaned()
    _check_service(d, scheme_id=locked.scheme_id, exclude=locked.pk)
    changes = {k: [getattr(locked, k), v] for k, v in vars(d).items() if getattr(locked, k) != v}
    if not changes:
        return locked
    for k, (_, new) in changes.items():
        setattr(locked, k, new)
    locked.updated_at = clock.now()
    locked.save(update_fields=[*changes, "updated_at"])
    _changed(locked, SERVICE_EDIT, by, locked.updated_at, changes)
    return locked


@transaction.atomic
def service_set_active(*, by: User, service: Service, active: bool) -> Service:
    """Deactivate (no longer offered for new referrals; past referrals keep it) or reactivate."""
    require_directory_editor(by, service.scheme_id)
    locked = lock(Service.objects).get(pk=service.pk)
    if locked.active == active:
        return locked
    locked.active = active
    locked.updated_at = clock.now()
    locked.save(update_fields=["active", "updated_at"])
    kind = SERVICE_REACTIVATE if active else SERVICE_DEACTIVATE
    _changed(locked, kind, by, locked.updated_at, {"active": [not active, active]})
    return locked
