"""The review queue: likely duplicates in the register, and "not the same person" remembered."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from liaison.core.errors import Invalid, PermissionDenied
from liaison.linkage import model
from liaison.linkage.actions import suggestion_not_same
from liaison.linkage.models import DuplicateSuggestion, SuggestionStatus
from liaison.people.models import Person
from tests import factories


@pytest.fixture
def twice(network, register: dict[str, Person]) -> Person:
    """Jordan Ashworth recorded a second time, with a typo."""
    return factories.person(
        by=network.practitioner_a,
        scheme=network.scheme_a,
        given_name="Jordan",
        family_name="Ashwort",
        date_of_birth=date(1990, 5, 17),
        sex="1",
        postcode="LS6 2AB",
    )


def test_the_batch_job_suggests_the_person_recorded_twice_with_evidence(register, twice) -> None:
    call_command("linkage", "review")
    suggestion = DuplicateSuggestion.objects.get()
    assert {suggestion.person_a, suggestion.person_b} == {register["jordan"], twice}
    assert suggestion.probability > 0.9
    assert suggestion.model_version == model.current().version
    assert {g["field"] for g in suggestion.agreements} >= {"given_name", "date_of_birth", "postcode"}
    assert suggestion.status == SuggestionStatus.OPEN


def test_not_the_same_person_is_remembered_and_never_suggested_again(network, register, twice) -> None:
    call_command("linkage", "review")
    suggestion = DuplicateSuggestion.objects.get()
    decided = suggestion_not_same(by=network.team_lead_a, suggestion=suggestion, reason="Twins, different NHS numbers")
    assert decided.status == SuggestionStatus.NOT_SAME and decided.decided_by == network.team_lead_a
    call_command("linkage", "review")
    assert DuplicateSuggestion.objects.count() == 1
    assert DuplicateSuggestion.objects.get().status == SuggestionStatus.NOT_SAME


def test_only_team_leads_of_a_holding_scheme_may_decide(network, register, twice) -> None:
    call_command("linkage", "review")
    suggestion = DuplicateSuggestion.objects.get()
    for user in (network.practitioner_a, network.team_lead_b):
        with pytest.raises(PermissionDenied):
            suggestion_not_same(by=user, suggestion=suggestion, reason="Different people")


def test_a_decision_needs_a_reason(network, register, twice) -> None:
    call_command("linkage", "review")
    with pytest.raises(Invalid):
        suggestion_not_same(by=network.team_lead_a, suggestion=DuplicateSuggestion.objects.get(), reason=" ")
