"""Reading episodes: scope, the worklist, the scheme view and timeliness."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison.audit.actions import break_glass
from liaison.audit.models import AccessAction, AccessAudit
from liaison.core import clock
from liaison.core.errors import NotFound, PermissionDenied
from liaison.organisations.models import Role
from liaison.pathway.selectors import (
    episode_events,
    episode_get,
    episodes_of_person,
    next_steps,
    scheme_open_episodes,
    timeliness,
    visible_episodes,
    worklist,
)
from liaison.pathway.stages import Stage, Step
from tests import factories
from tests.pathway.steps import take


@pytest.fixture
def episode_a(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


# An id no row has (fixed, so parallel workers collect the same tests).
_NO_ROWS_ID = "0b7c6f3e-5d2a-4e1f-9a8b-7c6d5e4f3a2b"


@pytest.mark.parametrize("who", ["commissioner", "analyst", "nobody"])
def test_users_without_a_clinical_role_see_no_episodes(network, episode_a, who):
    user = factories.User.objects.create_user(username="nobody") if who == "nobody" else getattr(network, who)

    assert not visible_episodes(user).exists()
    assert worklist(user=user).rows == []
    with pytest.raises(NotFound):
        episode_get(user=user, episode_id=episode_a.pk)


def test_a_practitioner_opens_their_schemes_episode_and_it_is_audited(network, episode_a):
    assert episode_get(user=network.practitioner_a, episode_id=str(episode_a.pk), channel="api") == episode_a

    row = AccessAudit.objects.get(episode=episode_a)
    assert (row.user, row.person, row.action, row.channel) == (
        network.practitioner_a,
        episode_a.person,
        AccessAction.VIEW,
        "api",
    )


def test_a_site_member_opens_episodes_of_the_sites_scheme(network):
    at_court = factories.episode(by=network.practitioner_a, site=network.court_a)

    assert episode_get(user=network.support_worker_a, episode_id=at_court.pk) == at_court


@pytest.mark.parametrize("episode_id", ["nope", "", None, 42, _NO_ROWS_ID])
def test_a_bad_or_unknown_episode_id_is_not_found(network, episode_id):
    with pytest.raises(NotFound):
        episode_get(user=network.practitioner_a, episode_id=episode_id)


def test_another_schemes_episode_is_not_found(network, episode_a):
    with pytest.raises(NotFound):
        episode_get(user=network.practitioner_b, episode_id=episode_a.pk)

    assert not AccessAudit.objects.exists()
    assert not episodes_of_person(user=network.practitioner_b, person=episode_a.person).exists()


def test_break_glass_opens_only_the_holding_schemes_episodes_of_that_person(network, episode_a):
    someone_else = factories.episode(by=network.practitioner_a, site=network.court_a)
    break_glass(
        user=network.practitioner_b, person=episode_a.person, scheme=network.scheme_a, reason="Seen unwell at court"
    )

    assert episode_get(user=network.practitioner_b, episode_id=episode_a.pk) == episode_a
    with pytest.raises(NotFound):
        episode_get(user=network.practitioner_b, episode_id=someone_else.pk)


def test_episodes_of_a_person_are_those_the_user_may_see_newest_first(network, episode_a):
    person = episode_a.person
    take(Step.CLOSE, episode=episode_a, by=network.practitioner_a)
    later = factories.episode(by=network.practitioner_a, site=network.court_a, who=person, minutes_ago=5)
    factories.episode(by=network.practitioner_b, site=network.custody_b, who=person)

    assert list(episodes_of_person(user=network.practitioner_a, person=person)) == [later, episode_a]


def test_the_timeline_is_in_time_order_with_voids_linked(network, episode_a):
    note = take(Step.NOTE, episode=episode_a, by=network.practitioner_a)
    take(Step.VOID, episode=episode_a, by=network.practitioner_a, target=note)

    page = episode_events(episode=episode_a)
    timeline = page.events

    assert [e.kind for e in timeline] == ["episode:identify", "consent:record", "episode:note", "entry:void"]
    assert timeline[3].voids == timeline[2]
    assert [v.pk for v in timeline[2].voided_by.all()] == [timeline[3].pk]
    assert (page.earlier, page.later) == (False, False)


def test_the_timeline_reads_in_pages_after_an_entry(network, episode_a):
    for _ in range(3):
        take(Step.NOTE, episode=episode_a, by=network.practitioner_a)
    every = episode_events(episode=episode_a).events

    first = episode_events(episode=episode_a, limit=2)
    rest = episode_events(episode=episode_a, after=first.events[-1].pk, limit=2)
    last = episode_events(episode=episode_a, after=rest.events[-1].pk, limit=2)

    assert [*first.events, *rest.events, *last.events] == every
    assert [(p.earlier, p.later) for p in (first, rest, last)] == [(False, True), (True, True), (True, False)]


def test_next_steps_follow_the_table_for_recording_staff(network, episode_a):
    assert next_steps(user=network.practitioner_a, episode=episode_a) == [
        Step.SCREEN,
        Step.CLOSE,
        Step.REENTER,
        Step.NOTE,
    ]
    take(Step.CLOSE, episode=episode_a, by=network.practitioner_a)
    assert next_steps(user=network.practitioner_a, episode=episode_a) == [Step.REENTER, Step.REOPEN, Step.NOTE]


@pytest.mark.parametrize("who", ["support_worker_a", "practitioner_b", "commissioner"])
def test_there_are_no_next_steps_for_those_who_cannot_record(network, episode_a, who):
    assert next_steps(user=getattr(network, who), episode=episode_a) == []


def test_the_worklist_puts_breaches_first_then_the_longest_wait(network):
    by = network.practitioner_a
    fresh = factories.episode(by=by, site=network.custody_a, minutes_ago=10)
    waiting = factories.episode(by=by, site=network.custody_a, minutes_ago=100)
    breach = factories.episode(by=by, site=network.custody_a, minutes_ago=130)
    big_breach = factories.episode(by=by, site=network.court_a, minutes_ago=300)
    screened = factories.episode(by=by, site=network.custody_a, minutes_ago=110)
    take(Step.SCREEN, episode=screened, by=by)
    closed = factories.episode(by=by, site=network.custody_a, minutes_ago=500)
    take(Step.CLOSE, episode=closed, by=by)

    rows = worklist(user=by).rows

    assert [r.episode for r in rows] == [big_breach, breach, waiting, fresh, screened]
    assert [r.breach for r in rows] == [True, True, False, False, False]
    assert rows[1].wait_minutes in (130, 131)
    assert not rows[-1].waiting


def test_the_worklist_shows_only_the_users_sites(network):
    at_custody = factories.episode(by=network.practitioner_a, site=network.custody_a)
    at_court = factories.episode(by=network.practitioner_a, site=network.court_a)

    assert [r.episode for r in worklist(user=network.support_worker_a).rows] == [at_custody]
    assert {r.episode for r in worklist(user=network.practitioner_a).rows} == {at_custody, at_court}


def test_the_worklist_follows_an_episode_to_its_new_site(network, episode_a):
    court_worker = factories.staff(role=Role.SUPPORT_WORKER, site=network.court_a)
    take(Step.REENTER, episode=episode_a, by=network.practitioner_a, site=network.court_a)

    assert [r.episode for r in worklist(user=court_worker).rows] == [episode_a]
    assert worklist(user=factories.User.objects.get(pk=network.support_worker_a.pk)).rows == []


def test_the_scheme_view_shows_every_open_episode_to_its_team_lead(network, episode_a):
    at_court = factories.episode(by=network.practitioner_a, site=network.court_a, minutes_ago=200)
    factories.episode(by=network.practitioner_b, site=network.custody_b)

    rows = scheme_open_episodes(user=network.team_lead_a, scheme_id=network.scheme_a.pk).rows

    assert [r.episode for r in rows] == [at_court, episode_a]


@pytest.mark.parametrize("who", ["practitioner_a", "support_worker_a", "team_lead_b", "commissioner"])
def test_the_scheme_view_is_only_for_its_team_leads(network, who):
    with pytest.raises(PermissionDenied):
        scheme_open_episodes(user=getattr(network, who), scheme_id=network.scheme_a.pk)


def test_timeliness_is_minutes_from_identification_to_each_step(network):
    by = network.practitioner_a
    episode = factories.episode(by=by, site=network.custody_a, minutes_ago=300)
    start = episode.identified_at
    take(Step.SCREEN, episode=episode, by=by, at=start + timedelta(minutes=45))
    take(Step.ASSESS, episode=episode, by=by, at=start + timedelta(minutes=90, seconds=59))
    take(Step.CLOSE, episode=episode, by=by, at=start + timedelta(minutes=240))

    assert timeliness(episode=episode) == [("Screened", 45), ("Assessed", 90), ("Referred", None), ("Closed", 240)]


def test_a_screening_later_than_the_target_is_a_breach(network):
    by = network.practitioner_a
    episode = factories.episode(by=by, site=network.custody_a, minutes_ago=300)
    take(Step.SCREEN, episode=episode, by=by, at=episode.identified_at + timedelta(minutes=121))

    assert episode.breaches_target(clock.now())
    assert episode.stage == Stage.SCREENED
