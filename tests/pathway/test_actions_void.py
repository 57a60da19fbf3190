"""Voiding: clinical entries are never deleted, they are voided with a reason and stay visible."""

from __future__ import annotations

import pytest

from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.core.events import EVENTS
from liaison.pathway.actions import entry_void
from liaison.pathway.models import PathwayEvent
from liaison.pathway.stages import Step
from tests import factories
from tests.pathway.steps import take


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


def void(network, episode, event, *, by=None, reason="Recorded on the wrong person"):
    return entry_void(by=by or network.practitioner_a, episode=episode, event=event, reason=reason)


@pytest.mark.parametrize("step", [Step.SCREEN, Step.ASSESS, Step.REFER, Step.NOTE])
def test_a_clinical_entry_is_voided_and_stays_on_the_timeline(network, episode, step):
    if step in (Step.ASSESS, Step.REFER):
        take(Step.SCREEN, episode=episode, by=network.practitioner_a)
    entry = take(step, episode=episode, by=network.practitioner_a)

    voiding = void(network, episode, entry, reason="  Recorded on the wrong person ")

    assert PathwayEvent.objects.filter(pk=entry.pk).exists()
    assert (voiding.kind, voiding.voids, voiding.data["reason"]) == (
        "entry:void",
        entry,
        "Recorded on the wrong person",
    )
    assert list(entry.voided_by.all()) == [voiding]


@pytest.mark.parametrize("step", [Step.CLOSE, Step.REENTER])
def test_pathway_entries_that_are_not_clinical_cannot_be_voided(network, episode, step):
    entry = take(step, episode=episode, by=network.practitioner_a)

    with pytest.raises(Invalid) as refused:
        void(network, episode, entry)

    assert refused.value.code == "not_voidable"


def test_the_identification_and_a_void_cannot_be_voided(network, episode):
    identification = PathwayEvent.objects.get(episode=episode, kind=EVENTS.get("episode:identify"))
    voiding = void(network, episode, take(Step.NOTE, episode=episode, by=network.practitioner_a))

    for entry in (identification, voiding):
        with pytest.raises(Invalid):
            void(network, episode, entry)


def test_an_entry_is_voided_only_once(network, episode):
    note = take(Step.NOTE, episode=episode, by=network.practitioner_a)
    void(network, episode, note)

    with pytest.raises(Conflict) as refused:
        void(network, episode, note)

    assert refused.value.code == "already_voided"
    assert PathwayEvent.objects.filter(episode=episode, kind=EVENTS.get("entry:void")).count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_void_needs_a_reason(network, episode, reason):
    note = take(Step.NOTE, episode=episode, by=network.practitioner_a)

    with pytest.raises(Invalid) as refused:
        void(network, episode, note, reason=reason)

    assert "reason" in refused.value.errors
    assert not note.voided_by.exists()


def test_an_entry_of_another_episode_is_refused(network, episode):
    other = factories.episode(by=network.practitioner_a, site=network.court_a)
    note = take(Step.NOTE, episode=other, by=network.practitioner_a)

    with pytest.raises(Invalid):
        void(network, episode, note)

    assert not note.voided_by.exists()


@pytest.mark.parametrize("who", ["support_worker_a", "commissioner", "practitioner_b"])
def test_only_recording_staff_of_the_scheme_can_void(network, episode, who):
    note = take(Step.NOTE, episode=episode, by=network.practitioner_a)

    with pytest.raises(PermissionDenied):
        void(network, episode, note, by=getattr(network, who))

    assert not note.voided_by.exists()


def test_staff_of_another_scheme_learn_nothing_about_an_entry(network, episode):
    # Refused for the scheme before anything about the entry (here: already voided) is said.
    note = take(Step.NOTE, episode=episode, by=network.practitioner_a)
    void(network, episode, note)

    with pytest.raises(PermissionDenied):
        void(network, episode, note, by=network.practitioner_b)
