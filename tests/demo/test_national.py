"""`liaison demo --scale national` on a few hundred episodes: the bulk writer's rows are the ones
the product reads (events verify, projections match), spread over five years, in the demo's
proportions, and the same for a seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.demo import national
from liaison.demo.episodes import Simulator
from liaison.demo.hours import LONDON, local
from liaison.demo.national_people import PEOPLE_PER_EPISODE
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.verify import verify
from liaison.people.codes import NhsNumberStatus
from liaison.people.identifiers import nhs_number_check_digit
from liaison.people.models import Alias, Person, PersonEvent
from liaison.referrals.models import Referral
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from liaison.sharing.models import Consent, InformationShare

from .conftest import FAST_HASHERS, TODAY

EPISODES = 250


@pytest.fixture(scope="module")
def built(django_db_setup: None, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """One small national build for the module, rolled back at its end: these tests only read."""
    fast = override_settings(DATA_DIR=tmp_path_factory.mktemp("national"), PASSWORD_HASHERS=FAST_HASHERS)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        from io import StringIO

        out = StringIO()
        call_command(
            "demo", "--seed", "7", "--scale", "national", "--episodes", str(EPISODES), "--today", TODAY,
            verbosity=0, stdout=out,
        )  # fmt: skip
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def episodes(built: str, db: None) -> list[Episode]:
    return list(Episode.objects.all())


def test_it_says_what_it_built(built):
    assert "Built five years of national activity (seed 7)" in built
    assert f"{EPISODES + national.TODAY_EXTRA} episodes" in built


def test_every_table_the_product_reads_has_rows_and_every_event_verifies(episodes):
    for model in (
        Person, PersonEvent, PathwayEvent, Finding, Assessment, AssessmentEvent, Referral, Consent,
        InstrumentResponse, InformationShare,
    ):  # fmt: skip
        assert model.objects.exists(), model
    report = verify()
    assert report.ok, (report.invalid[:3], report.differences[:3])
    assert report.episodes == len(episodes) == EPISODES + national.TODAY_EXTRA


def test_rows_point_at_each_other(episodes):
    """Ids given by the writer: each assessment and referral names its event, and the event's
    payload names the row back; findings belong to a screening (or an instrument) of their
    episode; a share and its event name each other, and the findings it names are its episode's."""
    for a in Assessment.objects.select_related("event"):
        assert a.event is not None and a.event.data["assessment_id"] == a.pk
    for r in Referral.objects.select_related("event"):
        assert r.event is not None and r.event.data["referral_id"] == r.pk
    for f in Finding.objects.select_related("event"):
        assert f.event.kind in ("episode:screen", "screening:instrument") and f.event.episode_id == f.episode_id
    for response in InstrumentResponse.objects.select_related("event"):
        assert response.event.data["response_id"] == str(response.pk)
    for share in InformationShare.objects.select_related("event"):
        assert share.event.data["share_id"] == str(share.pk)
        named = Finding.objects.filter(pk__in=share.event.data["finding_ids"], episode_id=share.episode_id)
        assert named.count() == len(share.event.data["finding_ids"])
        assert [f["id"] for f in share.snapshot["findings"]] == share.event.data["finding_ids"]
    for void in PathwayEvent.objects.filter(kind="entry:void").select_related("voids"):
        assert void.voids is not None and void.voids.episode_id == void.episode_id


def test_the_episodes_span_five_years(episodes):
    end = local(date.fromisoformat(TODAY), 16, 0)
    first = min(e.identified_at for e in episodes)
    assert end - timedelta(days=5 * 365 + 2) <= first < end - timedelta(days=4 * 365 + 300)
    years = Counter((end - e.identified_at).days // 365 for e in episodes if (end - e.identified_at).days < 5 * 365)
    assert sorted(years) == [0, 1, 2, 3, 4]
    assert min(years.values()) >= EPISODES // 5 * 0.8


def test_the_case_mix_is_the_demos(episodes):
    contacts = Counter(e.point_of_contact for e in episodes)
    assert contacts.most_common(1)[0][0] == "custody"
    assert contacts["custody"] / len(episodes) == pytest.approx(0.65, abs=0.08)
    children = sum(e.young_person for e in episodes)
    assert children / len(episodes) == pytest.approx(0.13, abs=0.05)
    screened = sum(e.screened_at is not None for e in episodes)
    assert screened / len(episodes) == pytest.approx(0.93, abs=0.05)
    late = sum(e.screened_at is not None and e.breaches_target(e.screened_at) for e in episodes)
    assert 0 < late < screened / 3


def test_nhs_numbers_are_from_the_999_range_only_and_some_are_unknown(episodes):
    numbers = list(Person.objects.values_list("nhs_number", flat=True))
    given = [n for n in numbers if n]
    assert given and len(given) < len(numbers)
    assert all(n.startswith("999") and nhs_number_check_digit(n[:9]) == int(n[9]) for n in given)
    assert len(set(given)) == len(given)
    assert not Person.objects.filter(nhs_number="").exclude(nhs_number_status=NhsNumberStatus.NOT_GIVEN).exists()


def test_the_orm_writes_after_the_bulk_ids(episodes):
    """The sequences were moved past the ids the writer gave (PostgreSQL)."""
    person = Person.objects.first()
    assert person is not None
    last = Alias.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert Alias.objects.create(person=person, family_name="Other").pk > last


@pytest.mark.parametrize(
    ("last", "asked"),
    [
        # The clocks go forward: 01:30 does not exist (read as GMT); 02:10 BST is 01:10 UTC.
        (datetime(2025, 3, 30, 1, 30, tzinfo=LONDON), datetime(2025, 3, 30, 2, 10, tzinfo=LONDON)),
        # The clocks go back: 01:50 BST (00:50 UTC), then 01:10 GMT (01:10 UTC) by the wall clock.
        (datetime(2025, 10, 26, 1, 50, tzinfo=LONDON), datetime(2025, 10, 26, 1, 10, fold=1, tzinfo=LONDON)),
    ],
)
def test_a_step_in_the_hour_the_clocks_change_still_comes_after_the_one_before(last, asked):
    """Five years hold ten clock changes: a step is placed by the instant, not the wall clock."""
    sim = Simulator(seed=1, casts=[], until=datetime(2026, 1, 1, tzinfo=UTC))
    at = sim._at(SimpleNamespace(last_at=last), asked)
    assert at.astimezone(UTC) >= last.astimezone(UTC) + timedelta(minutes=1)
    assert at.astimezone(UTC) >= asked.astimezone(UTC).replace(second=0)


def test_every_reference_points_at_a_row(episodes):
    """The load checks no foreign key per row (SQLite) or adds the keys back after (PostgreSQL,
    which checks every row then): every reference of the small build must hold."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # every deferred key checked now
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_the_people_per_episode_are_as_the_nhs_number_share_assumes(episodes):
    assert Person.objects.count() / len(episodes) == pytest.approx(PEOPLE_PER_EPISODE, abs=0.06)


def test_everyone_is_found_by_name_and_keyed_for_seen_before(episodes):
    from liaison.linkage.models import MatchKey
    from liaison.people.models import NameKey

    people = Person.objects.count()
    assert NameKey.objects.values("person").distinct().count() == people
    assert MatchKey.objects.values("person").distinct().count() == people
