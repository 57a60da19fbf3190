from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from liaison.accounts.models import User
from liaison.organisations.models import Role, Scheme
from liaison.workforce.actions import StaffDetails, staff_add
from liaison.workforce.career import current
from liaison.workforce.models import RoleProfile, StaffRecord
from tests import factories
from tests.conftest import Network


def role(code: str) -> RoleProfile:
    return current().roles.get(code=code)


def details(code: str = "PR5", **changes: Any) -> StaffDetails:
    """A registered practitioner in the core team, full time, unless `changes` say otherwise."""
    fields: dict[str, Any] = {
        "given_name": "Morwenna",
        "family_name": "Treloar",
        "role": role(code),
        "profession": "mh_nurse",
        "fte": Decimal("1.00"),
        "team": "core",
        "lived_experience": False,
        "started_on": date(2024, 4, 1),
        "registration_body": "nmc",
        "registration_number": "99A9999E",
        "registration_expires": date(2027, 1, 31),
    }
    fields.update(changes)
    return StaffDetails(**fields)


def added(scheme: Scheme, by: User, code: str = "PR5", **changes: Any) -> StaffRecord:
    return staff_add(scheme=scheme, details=details(code, **changes), by=by)


@pytest.fixture
def manager_a(network: Network) -> User:
    return factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a)


@pytest.fixture
def manager_b(network: Network) -> User:
    return factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_b)
