from datetime import timedelta

from liaison.core import clock
from liaison.pathway.actions import episode_close, episode_note, episode_reopen
from liaison.pathway.stages import Stage
from liaison.screening.actions import FindingInput, screening_record
from tests import factories


def test_a_note_on_a_closed_episode_leaves_the_closure_and_reopening_as_they_were(network):
    by = network.practitioner_a
    e = factories.episode(by=by, site=network.custody_a, minutes_ago=120)
    screening_record(
        by=by,
        episode=e,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="routine",
        needs_assessment=False,
        occurred_at=clock.now() - timedelta(minutes=60),
    )
    closed_at = clock.now() - timedelta(minutes=30)
    episode_close(
        by=by, episode=e, justice_outcome="no_further_action", ld_outcome="no_further_ld_action", occurred_at=closed_at
    )
    episode_note(by=by, episode=e, text="Phoned with the appointment letter")
    e.refresh_from_db()
    assert (e.stage, e.stage_before_closure, e.closed_at) == (Stage.CLOSED, Stage.SCREENED, closed_at)
    episode_reopen(by=by, episode=e, reason="Further information from the court")
    e.refresh_from_db()
    assert e.stage == Stage.SCREENED
