"""Overrides name their kind (a statute by name); record the Caldicott Guardian's advice and
whether the person was told, or why not (Caldicott principle 8)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison.core import clock
from liaison.core.errors import Invalid
from liaison.sharing.reports import report_of
from tests.sharing.conftest import TOLD, share


def _override(network, **kwargs):
    fields = {
        "override_kind": "public_interest",
        "override_reason": "Threatened to seriously harm his neighbour tonight",
        "override_approver": network.team_lead_a,
        **TOLD,
    }
    fields.update(kwargs)
    return fields


def _basis_rows(s) -> dict[str, str]:
    return dict(next(sec for sec in report_of(s.snapshot).sections if sec.heading == "Basis for sharing").rows)


@pytest.mark.parametrize("kind", ["public_interest", "court_order", "safeguarding", "vital_interests"])
def test_each_named_override_kind_shares_without_consent(network, case, kind):
    extra = {"lawful_basis_6": "6_1_d", "lawful_basis_9": "9_2_c"} if kind == "vital_interests" else {}
    s = share(network, case.episode, **_override(network, override_kind=kind, **extra))
    assert s.override_kind == kind and s.basis == "override"


def test_a_statute_override_names_the_statute(network, case):
    with pytest.raises(Invalid) as e:
        share(network, case.episode, **_override(network, override_kind="statute"))
    assert "override_statute" in e.value.errors
    s = share(
        network, case.episode, **_override(network, override_kind="statute", override_statute="Children Act 2004, s.11")
    )
    assert s.override_statute == "Children Act 2004, s.11"
    assert _basis_rows(s)["Statute"] == "Children Act 2004, s.11"
    assert s.event.payload().override_statute == "Children Act 2004, s.11"


def test_the_old_unnamed_legal_duty_is_no_longer_accepted(network, case):
    with pytest.raises(Invalid) as e:
        share(network, case.episode, **_override(network, override_kind="legal_duty"))
    assert "statute" in e.value.errors["override_kind"]


def test_an_override_says_whether_the_caldicott_guardian_was_consulted_and_the_person_told(network, case):
    bare = _override(network)
    for key in TOLD:
        bare.pop(key)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, **bare)
    assert {"caldicott_consulted", "person_informed"} <= set(e.value.errors)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, **bare, caldicott_consulted=True, person_informed=False)
    assert {"caldicott_guardian", "caldicott_consulted_at", "person_not_informed_reason"} <= set(e.value.errors)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, **bare, caldicott_consulted=False, person_informed=True)
    assert "caldicott_not_consulted_reason" in e.value.errors


def test_the_guardians_name_and_time_and_why_the_person_was_not_told_are_on_the_report(network, case):
    at = clock.now() - timedelta(minutes=20)
    fields = _override(
        network,
        caldicott_consulted=True,
        caldicott_guardian="Dr Ada Guardian",
        caldicott_consulted_at=at,
        caldicott_not_consulted_reason="",
        person_informed=False,
        person_not_informed_reason="Telling him would warn him before the police arrive",
    )
    s = share(network, case.episode, **fields)
    assert (s.caldicott_guardian, s.caldicott_consulted_at, s.person_informed) == ("Dr Ada Guardian", at, False)
    rows = _basis_rows(s)
    assert rows["Caldicott Guardian consulted"].startswith("Yes: Dr Ada Guardian")
    assert rows["Person told"] == "No: Telling him would warn him before the police arrive"
    assert rows["Common-law duty of confidentiality"] == "Overriding public interest"


def test_the_guardian_must_be_consulted_before_the_share(network, case):
    fields = _override(network, caldicott_consulted=True, caldicott_guardian="Dr Ada Guardian")
    fields["caldicott_consulted_at"] = clock.now() + timedelta(hours=1)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, **fields)
    assert "caldicott_consulted_at" in e.value.errors


def test_caldicott_answers_are_refused_on_a_share_with_consent(network, case):
    from tests.sharing.conftest import consent_to

    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, caldicott_consulted=False, caldicott_not_consulted_reason="x")
    assert "override_kind" in e.value.errors
