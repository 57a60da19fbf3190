"""Fixtures for the governance tests: scheme A's board with members of three agencies, and a
scheme manager for each of A and B."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

import pytest

from liaison.accounts.models import ApiToken, User
from liaison.governance.actions import board_establish, meeting_record, member_add
from liaison.governance.models import Board, BoardMeeting, BoardMember
from liaison.organisations.models import Role
from tests import factories
from tests.conftest import Network

MET = date(2025, 1, 15)


@dataclass
class Governance:
    network: Network
    manager_a: User
    manager_b: User
    board: Board
    health: BoardMember
    police: BoardMember
    voluntary: BoardMember

    def meeting(self, *, held_on: date = MET, by: User | None = None) -> BoardMeeting:
        return meeting_record(
            board=self.board,
            held_on=held_on,
            attendees=[self.health, self.police],
            minutes="Reviewed the figures.",
            by=by or self.manager_a,
        )


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def governance(network: Network) -> Governance:
    manager_a = factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a)
    board = board_establish(
        scheme=network.scheme_a, name="Scheme A partnership board", established_on=date(2015, 4, 1), by=manager_a
    )

    def member(name: str, agency: str, organisation: str) -> BoardMember:
        return member_add(
            board=board,
            name=name,
            role_title="Lead",
            agency=agency,
            organisation=organisation,
            joined_on=date(2015, 4, 1),
            by=manager_a,
        )

    return Governance(
        network=network,
        manager_a=manager_a,
        manager_b=factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_b),
        board=board,
        health=member("Priya Shah", "health", "Northshire NHS Trust"),
        police=member("Dan Cole", "police", "Northshire Police"),
        voluntary=member("Ruth Moss", "voluntary_sector", "Open Door"),
    )


def bearer(user: User) -> dict[str, str]:
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name="test", prefix=token[:8], digest=ApiToken.digest_of(token))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
