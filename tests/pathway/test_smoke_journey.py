from liaison.pathway.actions import episode_close
from liaison.pathway.models import PathwayEvent
from liaison.pathway.stages import Stage
from liaison.screening.actions import FindingInput, screening_record
from tests import factories


def test_identify_screen_close_writes_one_event_each(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screening_record(
        by=network.practitioner_a,
        episode=e,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="same_day",
        needs_assessment=False,
    )
    episode_close(
        by=network.practitioner_a, episode=e, justice_outcome="no_further_action", ld_outcome="no_further_ld_action"
    )
    e.refresh_from_db()
    assert e.stage == Stage.CLOSED
    kinds = list(PathwayEvent.objects.filter(episode=e).values_list("kind", flat=True))
    assert kinds == ["episode:identify", "consent:record", "episode:screen", "episode:close"]
