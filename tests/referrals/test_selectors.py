"""Reading the directory, follow-ups and caseloads, scoped to the user."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.audit.models import AccessAction, AccessAudit
from liaison.core import clock
from liaison.core.errors import NotFound
from liaison.referrals import selectors
from liaison.referrals.actions import TransitionDetails, referral_transition, support_assign
from liaison.referrals.directory import selectors as directory_selectors
from tests import factories
from tests.referrals import builders


def today():
    return timezone.localdate(clock.now())


def test_search_finds_by_name_type_and_age(network):
    builders.service(scheme=network.scheme_a, name="Sefton crisis team", service_type="crisis", min_age=18)
    builders.service(
        scheme=network.scheme_a, name="Youth offending service", service_type="youth_offending", min_age=10, max_age=17
    )
    builders.service(scheme=network.scheme_b, name="Another scheme's crisis team", service_type="crisis")

    def names(**kw):
        return [s.name for s in directory_selectors.services_search(user=network.practitioner_a, **kw)]

    assert names(q="crisis") == ["Sefton crisis team"]
    assert names(service_type="youth_offending") == ["Youth offending service"]
    assert names(age=15) == ["Youth offending service"]
    assert names(age=40) == ["Sefton crisis team"]


def test_search_leaves_out_inactive_services_unless_asked(network):
    s = builders.service(scheme=network.scheme_a, name="Closed service")
    s.active = False
    s.save()
    assert not directory_selectors.services_search(user=network.practitioner_a).exists()
    assert directory_selectors.services_search(user=network.practitioner_a, include_inactive=True).get() == s


def test_commissioners_see_no_directory(network):
    builders.service(scheme=network.scheme_a)
    assert not directory_selectors.services_search(user=network.commissioner).exists()


def test_another_schemes_service_is_not_found(network):
    theirs = builders.service(scheme=network.scheme_b)
    with pytest.raises(NotFound):
        directory_selectors.service_get(user=network.practitioner_a, service_id=theirs.pk)


@pytest.fixture
def assigned(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=120)
    r = builders.referral(episode=e, by=network.practitioner_a)
    support_assign(by=network.practitioner_a, referral=r, worker=network.support_worker_a)
    return r


def _due(r, day):
    r.follow_up_due = day
    r.save(update_fields=["follow_up_due"])


def test_follow_ups_due_list_overdue_first_and_mark_them(network, assigned):
    other = builders.referral(
        episode=factories.episode(by=network.practitioner_a, site=network.custody_a), by=network.practitioner_a
    )
    support_assign(by=network.practitioner_a, referral=other, worker=network.support_worker_a)
    _due(assigned, today() + timedelta(days=2))
    _due(other, today() - timedelta(days=1))
    rows = selectors.follow_ups_due(user=network.support_worker_a)
    assert [(f.referral.pk, f.overdue) for f in rows] == [(other.pk, True), (assigned.pk, False)]


def test_follow_ups_beyond_the_week_or_on_ended_referrals_are_not_due(network, assigned):
    _due(assigned, today() + timedelta(days=30))
    assert selectors.follow_ups_due(user=network.support_worker_a) == []
    _due(assigned, today())
    assert selectors.follow_ups_due(user=network.support_worker_a)[0].due_today
    referral_transition(
        by=network.practitioner_a, referral=assigned, transition="decline", details=TransitionDetails(reason="No")
    )
    assert selectors.follow_ups_due(user=network.support_worker_a) == []


def test_follow_ups_are_only_the_assigned_workers(network, assigned):
    _due(assigned, today())
    assert selectors.follow_ups_due(user=network.practitioner_a) == []


def test_a_team_lead_sees_a_workers_caseload_in_their_scheme(network, assigned):
    worker = selectors.caseload_worker(user=network.team_lead_a, worker_id=network.support_worker_a.pk)
    load = selectors.caseload(user=network.team_lead_a, worker=worker)
    assert [r.pk for r in load.referrals] == [assigned.pk]


def test_the_people_in_a_caseload_are_audited_as_seen_in_that_workers_caseload(network, assigned):
    selectors.caseload(user=network.team_lead_a, worker=network.support_worker_a)
    row = AccessAudit.objects.get(user=network.team_lead_a)
    assert (row.person_id, row.episode_id, row.action, row.what) == (
        assigned.episode.person_id,
        assigned.episode_id,
        AccessAction.LIST,
        f"caseload of {network.support_worker_a}",
    )


def test_the_people_with_follow_ups_due_are_audited_as_seen_in_that_list(network, assigned):
    _due(assigned, today())
    selectors.follow_ups_due(user=network.support_worker_a)
    row = AccessAudit.objects.get(user=network.support_worker_a)
    assert (row.person_id, row.action, row.what) == (assigned.episode.person_id, AccessAction.LIST, "follow-ups due")


def test_a_practitioner_sees_only_their_own_caseload(network, assigned):
    with pytest.raises(NotFound):
        selectors.caseload_worker(user=network.practitioner_a, worker_id=network.support_worker_a.pk)
    with pytest.raises(NotFound):
        selectors.caseload_worker(user=network.team_lead_b, worker_id=network.support_worker_a.pk)
    assert selectors.caseload_worker(user=network.practitioner_a, worker_id=None) == network.practitioner_a
