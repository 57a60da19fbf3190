"""Random sequences of actions on one episode: the projection always equals a replay of its events.

A hypothesis state machine keeps its own model of the episode (stage, the stage before closure,
the time of the last pathway step, which entries are voided) and, after every action, checks
that the action succeeded or was refused exactly as the model expects, that a success wrote
one event and a refusal none, and that the episode row equals a replay of its events.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Conflict, DomainError, Invalid, PermissionDenied, StageNotAllowed
from liaison.core.events import EVENTS
from liaison.organisations.models import Site
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import ALLOWED, Stage, Step
from tests import factories
from tests.conftest import Network
from tests.pathway.steps import take

DAY = 24 * 60
HISTORY_DAYS = 30
STEP_KIND = {
    Step.SCREEN: "episode:screen",
    Step.ASSESS: "episode:assess",
    Step.REFER: "episode:refer",
    Step.CLOSE: "episode:close",
    Step.REOPEN: "episode:reopen",
    Step.REENTER: "episode:reenter",
    Step.NOTE: "episode:note",
}
# The steps that move an episode along; notes and voids may be dated any time after identification.
PATHWAY_KINDS = {"episode:screen", "episode:assess", "episode:refer", "episode:close", "episode:reopen"}
PATHWAY_KINDS |= {"episode:reenter", "episode:identify", "assessment:amend"}
FIRST_TIME: dict[str, str] = {
    "episode:screen": "screened_at",
    "episode:assess": "assessed_at",
    "episode:refer": "referred_at",
}
REACHES: dict[str, Stage] = {
    "episode:screen": Stage.SCREENED,
    "episode:assess": Stage.ASSESSED,
    "assessment:amend": Stage.ASSESSED,
    "episode:refer": Stage.REFERRED,
}
ORDER = [Stage.IDENTIFIED, Stage.SCREENED, Stage.ASSESSED, Stage.REFERRED]


def replay(events: list[PathwayEvent]) -> dict[str, Any]:
    """The projection an episode should have, worked out from its events alone."""
    p: dict[str, Any] = {"stage": None, "stage_before_closure": "", "closed_at": None, "current_site_id": None}
    p |= dict.fromkeys(FIRST_TIME.values())
    p |= {"justice_outcome": "", "sentence_type": "", "ld_outcome": ""}
    for e in events:
        if e.kind == "episode:identify":
            p["stage"], p["current_site_id"] = Stage.IDENTIFIED, e.site_id
        elif e.kind in REACHES:
            if ORDER.index(REACHES[e.kind]) > ORDER.index(p["stage"]):
                p["stage"] = REACHES[e.kind]
            if e.kind in FIRST_TIME:
                p[FIRST_TIME[e.kind]] = p[FIRST_TIME[e.kind]] or e.occurred_at
        elif e.kind == "episode:close":
            p["stage_before_closure"], p["stage"], p["closed_at"] = p["stage"], Stage.CLOSED, e.occurred_at
            p |= {k: e.data[k] for k in ("justice_outcome", "sentence_type", "ld_outcome")}
        elif e.kind in ("episode:reopen", "episode:reenter") and p["stage"] == Stage.CLOSED:
            p["stage"], p["closed_at"] = p["stage_before_closure"], None
            p |= {"justice_outcome": "", "sentence_type": "", "ld_outcome": ""}
        if e.kind == "episode:reenter":
            p["current_site_id"] = e.site_id
    return p


def projection(episode: Episode) -> dict[str, Any]:
    return {k: getattr(episode, k) for k in replay([])}


class EpisodeMachine(RuleBasedStateMachine):
    network: ClassVar[Network]

    @initialize()
    def identify(self) -> None:
        n = self.network
        self.episode = factories.episode(by=n.practitioner_a, site=n.custody_a, minutes_ago=HISTORY_DAYS * DAY)
        self.base = self.episode.identified_at
        self.stage = Stage.IDENTIFIED
        self.before_closure: Stage | None = None
        self.last_step_at = self.episode.identified_at
        self.events = 2  # identification and the service consent

    def _attempt(self, step: Step, by: User, at: datetime | None, site: Site | None = None) -> None:
        """Take the step and check the outcome against the model."""
        n = self.network
        if by not in (n.practitioner_a, n.team_lead_a):
            expected: type[DomainError] | None = PermissionDenied
        elif step not in ALLOWED[self.stage]:
            expected = StageNotAllowed
        elif at is not None and (
            at < self.base
            or at > clock.now() + timedelta(minutes=5)
            or (step is not Step.NOTE and at < self.last_step_at)
        ):
            expected = Invalid
        else:
            expected = None
        try:
            event = take(step, episode=self.episode, by=by, at=at, site=site)
        except DomainError as e:
            assert expected is not None, f"{step} refused unexpectedly: {e.as_dict()}"
            assert isinstance(e, expected), f"{step}: expected {expected.__name__}, got {e.as_dict()}"
            return
        assert expected is None, f"{step} should have been refused with {expected.__name__}"
        self.events += 1
        # A second assessment is an amendment of the first: the same step, its own tag.
        assert event.kind == STEP_KIND[step] or (step is Step.ASSESS and event.kind == "assessment:amend")
        if step is not Step.NOTE:
            self.last_step_at = event.occurred_at
        if step is Step.CLOSE:
            self.before_closure, self.stage = self.stage, Stage.CLOSED
        elif step in (Step.REOPEN, Step.REENTER) and self.stage == Stage.CLOSED:
            assert self.before_closure is not None
            self.stage = self.before_closure
        elif step in (Step.SCREEN, Step.ASSESS, Step.REFER):
            reached = REACHES[event.kind]
            if ORDER.index(reached) > ORDER.index(self.stage):
                self.stage = reached

    def _at(self, when: tuple[str, int]) -> datetime | None:
        kind, minutes = when
        if kind == "now":
            return None
        if kind == "after":
            return min(self.last_step_at + timedelta(minutes=minutes), clock.now())
        return self.base + timedelta(minutes=minutes)

    # Times: now, a little after the last step, anywhere in the episode's history (often before
    # the last step), before identification, or in the future. Mostly the first two.
    times = st.one_of(
        st.tuples(st.just("now"), st.just(0)),
        st.tuples(st.just("after"), st.integers(0, 3 * DAY)),
        st.tuples(st.just("after"), st.integers(0, 60)),
        st.tuples(st.just("at"), st.integers(0, HISTORY_DAYS * DAY - 10)),
        st.tuples(st.just("at"), st.integers(-3 * DAY, -1) | st.integers((HISTORY_DAYS + 1) * DAY, 33 * DAY)),
    )

    def _who(self, i: int) -> User:
        n = self.network
        return [n.practitioner_a, n.practitioner_a, n.team_lead_a, n.support_worker_a, n.practitioner_b][i]

    who = st.integers(0, 4)

    @rule(step=st.sampled_from(list(STEP_KIND)), i=who, m=times, court=st.booleans())
    def step(self, step: Step, i: int, m: tuple[str, int], court: bool) -> None:
        # Re-entry moves the episode to the site of the new alert: the court or the custody suite.
        site = (self.network.court_a if court else self.network.custody_a) if step is Step.REENTER else None
        self._attempt(step, self._who(i), self._at(m), site=site)

    @rule(i=who, pick=st.integers(0, 50))
    def void(self, i: int, pick: int) -> None:
        events = list(PathwayEvent.objects.filter(episode=self.episode).order_by("id"))
        target = events[pick % len(events)]
        by = self._who(i)
        already = PathwayEvent.objects.filter(voids=target).exists()
        try:
            take(Step.VOID, episode=self.episode, by=by, target=target)
        except Invalid as e:
            assert target.kind not in EVENTS.voidable(), e.as_dict()
            return
        except Conflict:
            assert target.kind in EVENTS.voidable() and already
            return
        except PermissionDenied:
            assert by not in (self.network.practitioner_a, self.network.team_lead_a)
            return
        assert target.kind in EVENTS.voidable() and not already
        assert by in (self.network.practitioner_a, self.network.team_lead_a)
        self.events += 1

    @invariant()
    def one_event_per_successful_action(self) -> None:
        assert PathwayEvent.objects.filter(episode=self.episode).count() == self.events

    @invariant()
    def the_stage_is_the_models(self) -> None:
        assert Episode.objects.get(pk=self.episode.pk).stage == self.stage
        assert self.episode.stage == self.stage

    @invariant()
    def the_projection_equals_a_replay_of_the_events(self) -> None:
        stored = Episode.objects.get(pk=self.episode.pk)
        in_time_order = list(PathwayEvent.objects.filter(episode=stored).order_by("occurred_at", "id"))
        assert projection(stored) == replay(in_time_order)
        # Each event records the stage the episode was at once it was written.
        in_record_order = sorted(in_time_order, key=lambda e: e.id)
        for i, e in enumerate(in_record_order):
            assert e.stage_after == replay(in_record_order[: i + 1])["stage"], e


def test_random_sequences_of_actions_keep_the_projection_equal_to_the_events(network):
    EpisodeMachine.network = network
    run_state_machine_as_test(
        EpisodeMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=25,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
