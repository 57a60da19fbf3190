"""A fresh demo holds the history a live service would: every episode is the projection of its
events, every stored event validates against its declared schema, and every subject that
reporting and linkage read (people, the directory, the network, memberships) has its events."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.core.events import EVENTS
from liaison.core.models import Event
from liaison.organisations.models import Membership, OrganisationEvent, ResponseTarget, Scheme, Site
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import Projection, project
from liaison.people.models import Alias, Person, PersonEvent
from liaison.referrals.models import Referral, Service, ServiceEvent

from .conftest import FAST_HASHERS, TODAY

SIZE = 300
EVENT_TABLES: tuple[type[Event], ...] = (PathwayEvent, PersonEvent, OrganisationEvent, ServiceEvent, AssessmentEvent)


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """One build for the whole module, rolled back at its end: these tests only read."""
    fast = override_settings(DATA_DIR=tmp_path_factory.mktemp("demo"), PASSWORD_HASHERS=FAST_HASHERS)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("demo", "--seed", "3", "--size", str(SIZE), "--today", TODAY, verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def fresh(demo: None, db: None) -> None:
    return None


def test_replaying_every_episodes_events_gives_the_stored_episode(fresh):
    events = defaultdict(list)
    for e in PathwayEvent.objects.order_by("occurred_at", "id"):
        events[e.episode_id].append(e)
    episodes = list(Episode.objects.all())
    assert len(episodes) > SIZE
    for episode in episodes:
        assert project(events[episode.pk]) == Projection.of(episode), episode.pk


def test_every_stored_event_validates_against_its_declared_schema(fresh):
    for table in EVENT_TABLES:
        rows = list(table._default_manager.all())
        assert rows, table.__name__
        for e in rows:
            event_type = EVENTS.get(e.kind)
            assert event_type.stream == table.stream, (table.__name__, e.kind)
            assert event_type.check_stored(e.data, e.schema_version) is None, (e.kind, e.data)


def test_assessment_and_referral_events_name_their_rows_and_the_rows_their_events(fresh):
    assessments = {a.pk: a for a in Assessment.objects.all()}
    for e in PathwayEvent.objects.filter(kind__in=["episode:assess", "assessment:amend"]):
        a = assessments[e.data["assessment_id"]]
        assert (a.event_id, a.episode_id, a.version, a.status) == (e.pk, e.episode_id, e.data["version"], "completed")
        assert a.completed_at == e.occurred_at
        if e.kind == "assessment:amend":
            assert a.replaces_id == e.data["replaces_id"]
    assert all(a.event_id for a in assessments.values())
    referrals = {r.pk: r for r in Referral.objects.select_related("service")}
    for e in PathwayEvent.objects.filter(kind="episode:refer"):
        r = referrals[e.data["referral_id"]]
        assert (r.event_id, r.episode_id, r.made_at) == (e.pk, e.episode_id, e.occurred_at)
        assert r.service_id == e.data["service_id"]
        assert (e.data["service"], e.data["service_type"], e.data["team_type_code"]) == (
            r.service.name, r.service.service_type, r.service.team_type_code
        )  # fmt: skip
    assert all(r.event_id for r in referrals.values())


def test_each_referral_goes_to_a_service_of_the_scheme_that_takes_the_persons_age(fresh):
    for r in Referral.objects.select_related("service", "episode__person"):
        assert r.service.scheme_id == r.episode.scheme_id
        born, day = r.episode.person.date_of_birth, timezone.localdate(r.made_at)
        age = None if born is None else day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        assert r.service.takes_age(age), (r.service, age)
    assert len({r.service.service_type for r in Referral.objects.select_related("service")}) >= 5


def test_every_person_service_network_row_and_membership_has_its_creation_event(fresh):
    people = Counter(PersonEvent.objects.filter(kind="person:create").values_list("person_id", flat=True))
    assert people == Counter(Person.objects.values_list("id", flat=True))
    services = Counter(ServiceEvent.objects.filter(kind="service:create").values_list("service_id", flat=True))
    assert services == Counter(Service.objects.values_list("id", flat=True))
    network = Counter(OrganisationEvent.objects.values_list("kind", "subject_id"))
    for kind, model in (
        ("scheme:change", Scheme),
        ("site:change", Site),
        ("response_target:change", ResponseTarget),
        ("membership:grant", Membership),
    ):
        assert {pk: network[(kind, pk)] for pk in model.objects.values_list("id", flat=True)} == dict.fromkeys(
            model.objects.values_list("id", flat=True), 1
        ), kind


def test_a_person_is_recorded_when_first_identified_with_what_was_given(fresh):
    aliases = Counter(Alias.objects.values_list("person_id", flat=True))
    for e in PersonEvent.objects.select_related("person"):
        p = e.person
        assert e.occurred_at == p.created_at == p.episodes.order_by("identified_at").first().identified_at
        assert e.actor_id == p.created_by_id
        assert e.data["scheme_id"] == p.registered_by_scheme_id
        assert e.data["identifiers"].get("nhs_number", "") == p.nhs_number
        assert e.data["demographics"]["sex"] == p.sex
        assert e.data["aliases"] == aliases[p.pk]


def test_the_network_records_each_created_field_from_nothing(fresh):
    e = OrganisationEvent.objects.get(kind="scheme:change", subject_id=Scheme.objects.get(code="MER").pk)
    assert e.data["changes"]["code"] == [None, "MER"]
    assert e.data["changes"]["go_live"] == [None, "2014-04-01"]
    site_membership = Membership.objects.filter(site__isnull=False).select_related("site", "user").first()
    grant = OrganisationEvent.objects.get(kind="membership:grant", subject_id=site_membership.pk)
    assert grant.scheme_id == site_membership.site.scheme_id
    assert grant.data == {
        "user_id": site_membership.user_id, "username": site_membership.user.username, "role": site_membership.role,
        "scheme_id": None, "site_id": site_membership.site_id,
    }  # fmt: skip


def test_liaison_events_verify_reports_nothing_on_a_fresh_demo(fresh):
    out = StringIO()
    call_command("events", "verify", stdout=out)
    assert ", 0 invalid;" in out.getvalue() and ", 0 differ" in out.getvalue()
