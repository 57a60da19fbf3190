"""Random sequences of referral actions: no transition outside the table is ever reachable.

A hypothesis state machine keeps its own model of one referral (status, events written, whether
the episode is closed) and tries every transition, by staff in every role, with complete or
missing details, alongside support assignment, contacts and closing or reopening the episode.
After each attempt it checks the outcome against the model: a success wrote exactly one event
and moved the status as the table says; a refusal changed nothing at all.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Conflict, DomainError, Invalid, PermissionDenied, StageNotAllowed
from liaison.core.events import EVENTS
from liaison.pathway.actions import episode_close, episode_reopen
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage
from liaison.referrals import lifecycle
from liaison.referrals.actions import (
    ContactDetails,
    TransitionDetails,
    TransitionNotAllowed,
    referral_transition,
    support_assign,
    support_contact_log,
)
from liaison.referrals.codes import ReferralStatus
from liaison.referrals.lifecycle import ALLOWED, ENDED, Transition
from liaison.referrals.models import Referral
from tests import factories
from tests.conftest import Network
from tests.referrals import builders

PROJECTION = (
    "status",
    "status_changed_at",
    "decline_reason",
    "appointment_at",
    "appointment_place",
    "accompanied",
    "appointment_outcome",
    "support_worker_id",
    "follow_up_due",
)


def reachable() -> set[ReferralStatus]:
    seen, todo = {ReferralStatus.MADE}, [ReferralStatus.MADE]
    while todo:
        for after in ALLOWED[todo.pop()].values():
            if after not in seen:
                seen.add(after)
                todo.append(after)
    return seen


def complete(t: Transition) -> TransitionDetails:
    return TransitionDetails(
        reason="Not in their area" if t is Transition.DECLINE else "",
        appointment_at=clock.now() + timedelta(days=3) if t in lifecycle.NEEDS_APPOINTMENT else None,
        place="Hope Street clinic" if t in lifecycle.NEEDS_APPOINTMENT else "",
        accompanied=True if t is Transition.ATTEND else None,
        note="Phoned the service",
    )


def needs_details(t: Transition) -> bool:
    return t in lifecycle.NEEDS_REASON | lifecycle.NEEDS_APPOINTMENT or t is Transition.ATTEND


class ReferralMachine(RuleBasedStateMachine):
    network: ClassVar[Network]

    @initialize()
    def refer(self) -> None:
        n = self.network
        episode = factories.episode(by=n.practitioner_a, site=n.custody_a, minutes_ago=24 * 60)
        self.referral = builders.referral(episode=episode, by=n.practitioner_a)
        self.episode = episode
        self.status = ReferralStatus.MADE
        self.closed = False
        self.events = PathwayEvent.objects.filter(episode=episode).count()

    def _who(self, i: int) -> User:
        n = self.network
        return [n.practitioner_a, n.support_worker_a, n.team_lead_a, n.practitioner_b, n.commissioner][i]

    def _may_support(self, by: User) -> bool:
        n = self.network
        return by in (n.practitioner_a, n.support_worker_a, n.team_lead_a)

    def _row(self) -> dict[str, Any]:
        stored = Referral.objects.get(pk=self.referral.pk)
        return {name: getattr(stored, name) for name in PROJECTION}

    def _refused(self, before: dict[str, Any]) -> None:
        assert self._row() == before
        assert PathwayEvent.objects.filter(episode=self.episode).count() == self.events

    @rule(t=st.sampled_from(list(Transition)), i=st.integers(0, 4), full=st.booleans())
    def transition(self, t: Transition, i: int, full: bool) -> None:
        by = self._who(i)
        details = complete(t) if full else TransitionDetails()
        if not self._may_support(by):
            expected: type[DomainError] | None = PermissionDenied
        elif t not in ALLOWED[self.status]:
            expected = TransitionNotAllowed
        elif not full and needs_details(t):
            expected = Invalid
        elif self.closed:
            expected = StageNotAllowed
        else:
            expected = None
        before = self._row()
        try:
            event = referral_transition(by=by, referral=self.referral, transition=t, details=details)
        except DomainError as e:
            assert expected is not None, f"{t} refused unexpectedly: {e.as_dict()}"
            assert isinstance(e, expected), f"{t}: expected {expected.__name__}, got {e.as_dict()}"
            self._refused(before)
            return
        assert expected is None, f"{t} from {self.status} should have been refused with {expected.__name__}"
        after = ALLOWED[self.status][t]
        assert event.kind == "referral:update"
        assert event.data["referral_id"] == self.referral.pk
        assert (event.data["from_status"], event.data["transition"], event.data["status"]) == (self.status, t, after)
        assert {"service", "service_type", "team_type_code"} <= set(event.data)
        self.status = after
        self.events += 1

    @rule(i=st.integers(0, 4))
    def assign(self, i: int) -> None:
        by = self._who(i)
        before = self._row()
        try:
            support_assign(by=by, referral=self.referral, worker=self.network.support_worker_a)
        except PermissionDenied:
            assert not self._may_support(by)
            self._refused(before)
            return
        except Conflict:
            assert self.status == ReferralStatus.CLOSED
            self._refused(before)
            return
        except StageNotAllowed:
            assert self.closed
            self._refused(before)
            return
        assert self._may_support(by) and not self.closed and self.status != ReferralStatus.CLOSED
        self.events += 1

    @rule(i=st.integers(0, 4), minutes=st.integers(-5, 90))
    def contact(self, i: int, minutes: int) -> None:
        by = self._who(i)
        before = self._row()
        details = ContactDetails(contact_type="phone", duration_minutes=minutes, outcome="Reminded of the appointment")
        try:
            support_contact_log(by=by, episode=self.episode, referral=self.referral, details=details)
        except PermissionDenied:
            assert not self._may_support(by)
            self._refused(before)
            return
        except Invalid:
            assert minutes < 0
            self._refused(before)
            return
        except StageNotAllowed:
            assert self.closed
            self._refused(before)
            return
        assert self._may_support(by) and minutes >= 0 and not self.closed
        self.events += 1

    @rule(confirm=st.booleans())
    def close_episode(self, confirm: bool) -> None:
        before = self._row()
        try:
            episode_close(
                by=self.network.practitioner_a,
                episode=self.episode,
                justice_outcome="no_further_action",
                ld_outcome="diverted_out",
                confirm_active_support=confirm,
            )
        except StageNotAllowed:
            assert self.closed
            self._refused(before)
            return
        except Conflict as e:
            assert e.code == "active_support" and not confirm and self.status not in ENDED and not self.closed
            self._refused(before)
            return
        assert not self.closed and (confirm or self.status in ENDED)
        self.closed = True
        self.events += 1

    @rule()
    def reopen_episode(self) -> None:
        if not self.closed:
            return
        episode_reopen(by=self.network.practitioner_a, episode=self.episode, reason="Support continues")
        self.closed = False
        self.events += 1

    @invariant()
    def the_status_is_the_models_and_reachable(self) -> None:
        assert Referral.objects.get(pk=self.referral.pk).status == self.status
        assert self.status in reachable()

    @invariant()
    def one_event_per_success(self) -> None:
        assert PathwayEvent.objects.filter(episode=self.episode).count() == self.events
        stage = Episode.objects.get(pk=self.episode.pk).stage
        assert (stage == Stage.CLOSED) == self.closed

    @invariant()
    def every_recorded_step_is_in_the_table(self) -> None:
        updates = PathwayEvent.objects.filter(episode=self.episode, kind=EVENTS.get("referral:update")).order_by("id")
        status = ReferralStatus.MADE
        for e in updates:
            assert e.data["from_status"] == status
            assert ALLOWED[ReferralStatus(status)][Transition(e.data["transition"])] == e.data["status"]
            status = e.data["status"]
        assert status == self.status


def test_no_transition_outside_the_table_is_reachable(network):
    ReferralMachine.network = network
    run_state_machine_as_test(
        ReferralMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=25,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_every_status_is_reachable_from_made():
    assert reachable() == set(ReferralStatus)


def test_a_closed_referral_allows_nothing():
    assert ALLOWED[ReferralStatus.CLOSED] == {}
