"""The stage table, every (stage, step) pair, taken through the real actions."""

from __future__ import annotations

import pytest

from liaison.core.errors import StageNotAllowed
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import ALLOWED, Stage, Step, allows, next_stage, steps_from
from liaison.screening.models import Finding
from tests import factories
from tests.pathway.steps import bring_to, take

S = Stage
# The documented table (domain.md and issue 2), written out independently of stages.py.
# "before" is the stage the episode had reached before it was closed.
EXPECTED: dict[Stage, dict[Step, Stage | str]] = {
    S.IDENTIFIED: {
        Step.SCREEN: S.SCREENED,
        Step.CLOSE: S.CLOSED,
        Step.REENTER: S.IDENTIFIED,
        Step.NOTE: S.IDENTIFIED,
        Step.VOID: S.IDENTIFIED,
    },
    S.SCREENED: {
        Step.SCREEN: S.SCREENED,
        Step.ASSESS: S.ASSESSED,
        Step.REFER: S.REFERRED,
        Step.CLOSE: S.CLOSED,
        Step.REENTER: S.SCREENED,
        Step.NOTE: S.SCREENED,
        Step.VOID: S.SCREENED,
    },
    S.ASSESSED: {
        Step.SCREEN: S.ASSESSED,
        Step.ASSESS: S.ASSESSED,
        Step.REFER: S.REFERRED,
        Step.CLOSE: S.CLOSED,
        Step.REENTER: S.ASSESSED,
        Step.NOTE: S.ASSESSED,
        Step.VOID: S.ASSESSED,
    },
    S.REFERRED: {
        Step.SCREEN: S.REFERRED,
        Step.ASSESS: S.REFERRED,
        Step.REFER: S.REFERRED,
        Step.CLOSE: S.CLOSED,
        Step.REENTER: S.REFERRED,
        Step.NOTE: S.REFERRED,
        Step.VOID: S.REFERRED,
    },
    S.CLOSED: {
        Step.REOPEN: "before",
        Step.REENTER: "before",
        Step.NOTE: S.CLOSED,
        Step.VOID: S.CLOSED,
    },
}

# Steps alongside the pathway never move the stage. Their actions live in the screening,
# referrals and sharing apps, which test them; here only where the table allows them.
ALONGSIDE_ALLOWED: dict[Stage, set[Step]] = {
    S.IDENTIFIED: {Step.FINDING, Step.SAFETY, Step.CONSENT, Step.SHARE},
    S.SCREENED: {Step.FINDING, Step.SAFETY, Step.CONSENT, Step.SHARE, Step.SUPPORT},
    S.ASSESSED: {Step.FINDING, Step.SAFETY, Step.CONSENT, Step.SHARE, Step.SUPPORT},
    S.REFERRED: {Step.FINDING, Step.SAFETY, Step.CONSENT, Step.SHARE, Step.SUPPORT},
    # Consent can be withdrawn after closure; nothing else goes on alongside a closed episode.
    S.CLOSED: {Step.CONSENT},
}
PATHWAY_STEPS = [s for s in Step if s not in Step.alongside() or s is Step.VOID]
ALLOWED_PAIRS = [(stage, step) for stage in Stage for step in PATHWAY_STEPS if step in EXPECTED[stage]]
REFUSED_PAIRS = [(stage, step) for stage in Stage for step in PATHWAY_STEPS if step not in EXPECTED[stage]]


def _ids(pair: tuple[Stage, Step]) -> str:
    return f"{pair[0].value}-{pair[1].value}"


def test_the_table_in_stages_py_is_the_documented_table():
    assert {stage: set(steps) for stage, steps in ALLOWED.items()} == {
        stage: set(steps) | ALONGSIDE_ALLOWED[stage] for stage, steps in EXPECTED.items()
    }


@pytest.mark.parametrize("stage", list(Stage))
def test_steps_alongside_the_pathway_never_move_the_stage(stage):
    for step in ALONGSIDE_ALLOWED[stage]:
        assert next_stage(stage, step) == stage


@pytest.mark.parametrize("pair", ALLOWED_PAIRS, ids=_ids)
def test_an_allowed_step_moves_the_episode_to_the_documented_stage(network, pair):
    stage, step = pair
    by = network.practitioner_a
    episode = factories.episode(by=by, site=network.custody_a)
    bring_to(stage, episode=episode, by=by)
    if step is Step.VOID:
        take(Step.NOTE, episode=episode, by=by)
    events_before = PathwayEvent.objects.filter(episode=episode).count()

    event = take(step, episode=episode, by=by)

    expected = EXPECTED[stage][step]
    want = S.SCREENED if expected == "before" else expected  # closed from screened in ROUTE
    stored = Episode.objects.get(pk=episode.pk)
    assert stored.stage == want
    assert episode.stage == want, "the caller's instance follows the database"
    assert event.stage_after == want
    assert PathwayEvent.objects.filter(episode=episode).count() == events_before + 1


@pytest.mark.parametrize("pair", REFUSED_PAIRS, ids=_ids)
def test_a_refused_step_raises_stage_not_allowed_and_changes_nothing(network, pair):
    stage, step = pair
    by = network.practitioner_a
    episode = factories.episode(by=by, site=network.custody_a)
    bring_to(stage, episode=episode, by=by)
    events_before = PathwayEvent.objects.filter(episode=episode).count()
    findings_before = Finding.objects.filter(episode=episode).count()

    with pytest.raises(StageNotAllowed) as refused:
        take(step, episode=episode, by=by)

    assert refused.value.code == "stage_not_allowed"
    assert refused.value.details == {"stage": stage.value, "step": step.value}
    assert Episode.objects.get(pk=episode.pk).stage == stage
    assert PathwayEvent.objects.filter(episode=episode).count() == events_before
    assert Finding.objects.filter(episode=episode).count() == findings_before


@pytest.mark.parametrize("step", [Step.REOPEN, Step.REENTER])
@pytest.mark.parametrize("closed_from", [S.IDENTIFIED, S.SCREENED, S.ASSESSED, S.REFERRED])
def test_leaving_closure_returns_to_the_stage_before_closure(network, step, closed_from):
    by = network.practitioner_a
    episode = factories.episode(by=by, site=network.custody_a)
    bring_to(closed_from, episode=episode, by=by)
    take(Step.CLOSE, episode=episode, by=by)

    take(step, episode=episode, by=by)

    episode.refresh_from_db()
    assert episode.stage == closed_from
    assert episode.closed_at is None


def test_a_note_on_a_closed_episode_keeps_the_stage_it_reopens_to(network):
    by = network.practitioner_a
    episode = factories.episode(by=by, site=network.custody_a)
    bring_to(S.ASSESSED, episode=episode, by=by)
    close = take(Step.CLOSE, episode=episode, by=by)
    take(Step.NOTE, episode=episode, by=by)

    episode.refresh_from_db()
    assert episode.closed_at == close.occurred_at
    take(Step.REOPEN, episode=episode, by=by)
    episode.refresh_from_db()
    assert episode.stage == S.ASSESSED


def test_voiding_on_a_closed_episode_keeps_the_closure(network):
    by = network.practitioner_a
    episode = factories.episode(by=by, site=network.custody_a)
    bring_to(S.SCREENED, episode=episode, by=by)
    close = take(Step.CLOSE, episode=episode, by=by)

    take(Step.VOID, episode=episode, by=by)

    episode.refresh_from_db()
    assert (episode.stage, episode.closed_at, episode.stage_before_closure) == (S.CLOSED, close.occurred_at, S.SCREENED)


def test_reopening_clears_the_outcomes_of_the_closure(network):
    by = network.practitioner_a
    episode = factories.episode(by=by, site=network.custody_a)
    take(Step.CLOSE, episode=episode, by=by)

    take(Step.REOPEN, episode=episode, by=by)

    episode.refresh_from_db()
    assert (episode.justice_outcome, episode.sentence_type, episode.ld_outcome) == ("", "", "")


def test_allows_and_next_stage_agree_with_the_table():
    for stage in Stage:
        assert steps_from(stage) == list(ALLOWED[stage])
        for step in Step:
            assert allows(stage, step) == (step in EXPECTED[stage] or step in ALONGSIDE_ALLOWED[stage])
            if step in EXPECTED[stage] and EXPECTED[stage][step] != "before":
                assert next_stage(stage, step) == EXPECTED[stage][step]
