"""Who sees which boards and arrangements: a scheme's own leads and managers, and those who
report on it; never another scheme's manager."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.core.errors import NotFound
from liaison.governance import selectors
from liaison.governance.actions import arrangement_record
from tests.governance.conftest import Governance


def test_a_schemes_own_manager_and_its_commissioner_and_analyst_see_its_board(governance: Governance):
    n = governance.network
    for user in (governance.manager_a, n.team_lead_a, n.commissioner, n.analyst):
        assert selectors.scheme_for(user=user, code="A") == n.scheme_a


@pytest.mark.parametrize("who", ["manager_b", "practitioner_a", "support_worker_a"])
def test_another_schemes_manager_and_clinical_staff_do_not_see_the_board(governance: Governance, who: str):
    user = getattr(governance, who, None) or getattr(governance.network, who)
    with pytest.raises(NotFound):
        selectors.scheme_for(user=user, code="A")


def test_an_unknown_code_and_an_unseen_one_are_refused_alike(governance: Governance):
    with pytest.raises(NotFound) as unknown:
        selectors.scheme_for(user=governance.manager_b, code="NOPE")
    with pytest.raises(NotFound) as unseen:
        selectors.scheme_for(user=governance.manager_b, code="A")
    assert unknown.value.message == unseen.value.message


def test_the_programme_list_is_for_commissioners_and_analysts_over_the_schemes_they_report_on(governance: Governance):
    n = governance.network
    arrangement_record(
        scheme=n.scheme_a,
        commissioner="NHS England",
        lead_provider="Trust",
        model="standalone",
        contract_start=date(2020, 4, 1),
        contract_end=None,
        by=n.commissioner,
    )
    rows = selectors.programme_arrangements(user=n.commissioner, on=date(2025, 1, 1))
    assert [(s.code, a.model if a else None) for s, a in rows] == [("A", "standalone")]
    assert selectors.programme_arrangements(user=n.commissioner, on=date(2019, 1, 1))[0][1] is None
    with pytest.raises(NotFound):
        selectors.programme_arrangements(user=governance.manager_a, on=date(2025, 1, 1))
