"""The assessment's lifecycle: drafts the author edits, completion that locks, amendments that
replace a version without erasing it; one event per completion and per amendment."""

from __future__ import annotations

import pytest

from liaison.assessment.actions import (
    AssessmentContent,
    assessment_amend,
    assessment_complete,
    assessment_draft_save,
    assessment_start,
)
from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.core.errors import Conflict, Invalid, PermissionDenied, StageNotAllowed
from liaison.pathway.actions import episode_close
from liaison.pathway.models import PathwayEvent
from liaison.pathway.stages import Stage
from liaison.screening.actions import FindingInput, screening_record
from tests import factories

FULL = AssessmentContent(
    history="Known to CMHT since 2019; two admissions",
    presentation="Low mood, poor sleep, says he has no plans to harm himself",
    needs={"mental_health": "Review by CMHT this week", "housing": "Sofa surfing"},
    formulation="Depressive episode after losing his tenancy",
    onward_referral="Community mental health team",
    court=["psychiatric_report"],
    treatment_requirements=["mental_health"],
)


@pytest.fixture
def episode(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=90)
    screening_record(
        by=network.practitioner_a,
        episode=e,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="same_day",
        needs_assessment=True,
    )
    return e


@pytest.fixture
def draft(network, episode) -> Assessment:
    return assessment_start(by=network.practitioner_a, episode=episode, content=AssessmentContent(history="Known"))


def events(episode) -> int:
    return PathwayEvent.objects.filter(episode=episode).count()


def test_a_draft_writes_no_event_but_an_audited_edit(network, episode):
    before = events(episode)
    a = assessment_start(by=network.practitioner_a, episode=episode, content=AssessmentContent(history="Known"))
    assert a.is_draft and a.version == 1 and a.author == network.practitioner_a
    assert events(episode) == before
    assert [(e.kind, e.fields) for e in a.edits.all()] == [("assessment_draft:start", ["history"])]
    episode.refresh_from_db()
    assert episode.stage == Stage.SCREENED


def test_the_author_edits_the_draft_and_each_save_is_audited(network, episode, draft):
    assessment_draft_save(by=network.practitioner_a, assessment=draft, content=FULL)
    draft.refresh_from_db()
    assert draft.needs == {"housing": "Sofa surfing", "mental_health": "Review by CMHT this week"}
    edit = draft.edits.latest("id")
    assert (edit.kind, edit.actor) == ("assessment_draft:edit", network.practitioner_a)
    assert "formulation" in edit.fields
    assert events(episode) == 3


def test_someone_else_cannot_edit_the_draft(network, draft):
    with pytest.raises(PermissionDenied) as e:
        assessment_draft_save(by=network.team_lead_a, assessment=draft, content=FULL)
    assert e.value.code == "not_the_author"
    draft.refresh_from_db()
    assert draft.formulation == ""
    assert draft.edits.count() == 1


def test_someone_else_cannot_complete_the_draft(network, episode, draft):
    assessment_draft_save(by=network.practitioner_a, assessment=draft, content=FULL)
    with pytest.raises(PermissionDenied):
        assessment_complete(by=network.team_lead_a, assessment=draft)
    assert events(episode) == 3


def test_another_scheme_cannot_start_one(network, episode):
    with pytest.raises(PermissionDenied):
        assessment_start(by=network.practitioner_b, episode=episode, content=FULL)
    assert not Assessment.objects.exists()


def test_a_support_worker_cannot_start_one(network, episode):
    with pytest.raises(PermissionDenied):
        assessment_start(by=network.support_worker_a, episode=episode, content=FULL)


def test_an_episode_not_yet_screened_cannot_be_assessed(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    with pytest.raises(StageNotAllowed):
        assessment_start(by=network.practitioner_a, episode=e, content=FULL)


def test_a_second_draft_is_refused(network, episode, draft):
    with pytest.raises(Conflict) as e:
        assessment_start(by=network.team_lead_a, episode=episode, content=FULL)
    assert e.value.code == "draft_exists"


def test_unknown_codes_in_a_draft_are_refused(network, draft):
    with pytest.raises(Invalid) as e:
        assessment_draft_save(
            by=network.practitioner_a,
            assessment=draft,
            content=AssessmentContent(needs={"astrology": "x"}, court=["hanging"], treatment_requirements=["x"]),
        )
    assert {"needs", "court", "treatment_requirements"} <= set(e.value.errors)
    assert draft.edits.count() == 1


def test_completion_needs_history_presentation_and_formulation(network, episode, draft):
    with pytest.raises(Invalid) as e:
        assessment_complete(by=network.practitioner_a, assessment=draft)
    assert set(e.value.errors) == {"presentation", "formulation"}
    draft.refresh_from_db()
    assert draft.is_draft
    assert events(episode) == 3


def test_completion_locks_it_and_writes_one_assess_event(network, episode, draft):
    assessment_draft_save(by=network.practitioner_a, assessment=draft, content=FULL)
    before = events(episode)
    event = assessment_complete(by=network.practitioner_a, assessment=draft)
    assert events(episode) == before + 1
    assert event.kind == "episode:assess"
    assert event.data["assessment_id"] == draft.pk
    assert event.data["summary"] == FULL.formulation
    assert event.data["needs"] == ["housing", "mental_health"]
    assert "Onward referral: Community mental health team" in event.data["recommendations"]
    draft.refresh_from_db()
    assert not draft.is_draft and draft.event == event and draft.completed_at == event.occurred_at
    episode.refresh_from_db()
    assert episode.stage == Stage.ASSESSED and episode.assessed_at == event.occurred_at


def test_a_completed_assessment_cannot_be_edited_or_completed_again(network, episode, draft):
    assessment_draft_save(by=network.practitioner_a, assessment=draft, content=FULL)
    assessment_complete(by=network.practitioner_a, assessment=draft)
    before = events(episode)
    with pytest.raises(Conflict) as e:
        assessment_draft_save(by=network.practitioner_a, assessment=draft, content=AssessmentContent(history="New"))
    assert e.value.code == "assessment_locked"
    with pytest.raises(Conflict):
        assessment_complete(by=network.practitioner_a, assessment=draft)
    draft.refresh_from_db()
    assert draft.history == FULL.history
    assert events(episode) == before


@pytest.fixture
def completed(network, episode, draft) -> Assessment:
    assessment_draft_save(by=network.practitioner_a, assessment=draft, content=FULL)
    assessment_complete(by=network.practitioner_a, assessment=draft)
    return draft


def test_starting_again_after_completion_is_refused(network, episode, completed):
    with pytest.raises(Conflict) as e:
        assessment_start(by=network.practitioner_a, episode=episode, content=FULL)
    assert e.value.code == "assessment_exists"


def test_an_amendment_is_a_new_version_naming_the_old_one_and_why(network, episode, completed):
    before = events(episode)
    changed = AssessmentContent(**{**FULL.__dict__, "formulation": "Depressive episode; alcohol use too"})
    new = assessment_amend(
        by=network.team_lead_a, assessment=completed, reason="Missed the alcohol use", content=changed
    )
    assert (new.version, new.replaces, new.amend_reason) == (2, completed, "Missed the alcohol use")
    assert new.author == network.team_lead_a and not new.is_draft
    assert events(episode) == before + 1
    assert new.event.kind == "assessment:amend"
    assert new.event.data["replaces_id"] == completed.pk
    assert new.event.data["assessment_id"] == new.pk
    completed.refresh_from_db()
    assert completed.formulation == FULL.formulation
    assert completed.replaced_by == new
    assert list(new.edits.values_list("kind", flat=True)) == ["assessment_draft:amend"]


def test_an_amendment_needs_a_reason_and_a_complete_assessment(network, episode, completed):
    before = events(episode)
    with pytest.raises(Invalid) as e:
        assessment_amend(by=network.practitioner_a, assessment=completed, reason=" ", content=AssessmentContent())
    assert {"reason", "history", "presentation", "formulation"} <= set(e.value.errors)
    assert events(episode) == before
    assert Assessment.objects.count() == 1


def test_a_superseded_version_cannot_be_amended_again(network, episode, completed):
    assessment_amend(by=network.practitioner_a, assessment=completed, reason="Typo", content=FULL)
    before = events(episode)
    with pytest.raises(Conflict) as e:
        assessment_amend(by=network.practitioner_a, assessment=completed, reason="Another", content=FULL)
    assert e.value.code == "assessment_superseded"
    assert events(episode) == before
    assert Assessment.objects.count() == 2


def test_the_chain_of_amendments_grows_one_version_at_a_time(network, episode, completed):
    second = assessment_amend(by=network.practitioner_a, assessment=completed, reason="Typo", content=FULL)
    third = assessment_amend(by=network.practitioner_a, assessment=second, reason="New information", content=FULL)
    assert [a.version for a in Assessment.objects.order_by("version")] == [1, 2, 3]
    assert third.replaces == second and second.replaces == completed
    kinds = list(PathwayEvent.objects.filter(episode=episode).values_list("kind", flat=True))
    assert kinds.count("episode:assess") == 1
    assert kinds.count("assessment:amend") == 2


def test_a_draft_cannot_be_amended(network, draft):
    with pytest.raises(Conflict):
        assessment_amend(by=network.practitioner_a, assessment=draft, reason="Why", content=FULL)


def test_a_closed_episode_refuses_an_amendment_and_keeps_nothing_of_it(network, episode, completed):
    episode_close(
        by=network.practitioner_a, episode=episode, justice_outcome="no_further_action", ld_outcome="declined"
    )
    with pytest.raises(StageNotAllowed):
        assessment_amend(by=network.practitioner_a, assessment=completed, reason="Late correction", content=FULL)
    assert Assessment.objects.count() == 1
    assert AssessmentEvent.objects.filter(kind="assessment_draft:amend").count() == 0
