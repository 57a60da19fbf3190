"""The demo's case mix is close to the national evaluation's (domain.md), on a small build."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from liaison.pathway.models import Episode, PathwayEvent
from liaison.screening.models import Finding

from .conftest import FAST_HASHERS, TODAY

SIZE = 500


@pytest.fixture(scope="module")
def year(django_db_setup: None, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """One build for the whole module, rolled back at its end: these tests only read."""
    data_dir = tmp_path_factory.mktemp("demo")
    fast = override_settings(DATA_DIR=data_dir, PASSWORD_HASHERS=FAST_HASHERS)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("demo", "--seed", "7", "--size", str(SIZE), "--today", TODAY, verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def episodes(year: None, db: None) -> list[Episode]:
    return list(Episode.objects.all())


def _share(ids: set, of: set) -> float:
    return len(ids & of) / len(of)


def test_vulnerabilities_are_close_to_the_national_evaluation(episodes):
    screened = set(PathwayEvent.objects.filter(kind="episode:screen").values_list("episode_id", flat=True))
    found = Finding.objects.filter(voided_at__isnull=True, status__in=["suspected", "confirmed"])
    any_need = set(found.values_list("episode_id", flat=True))
    mental_health = set(found.filter(domain="mental_health").values_list("episode_id", flat=True))
    drugs_or_alcohol = set(found.filter(domain__in=["drugs", "alcohol"]).values_list("episode_id", flat=True))
    assert _share(any_need, screened) == pytest.approx(0.88, abs=0.05)
    assert _share(mental_health, screened) == pytest.approx(0.71, abs=0.07)
    assert _share(drugs_or_alcohol, screened) == pytest.approx(0.52, abs=0.07)


def test_about_one_in_eight_episodes_is_a_child_aged_10_to_17(episodes):
    children = sum(e.age_band == "10-17" for e in episodes)
    assert children / len(episodes) == pytest.approx(0.13, abs=0.05)


def test_custody_is_the_main_point_of_contact_then_magistrates_courts(episodes):
    contacts = [poc for poc, _ in Counter(e.point_of_contact for e in episodes).most_common()]
    assert contacts[:2] == ["custody", "magistrates_court"]
    assert len(contacts) >= 6


def test_police_refer_most_then_courts(episodes):
    sources = [s for s, _ in Counter(e.referral_source for e in episodes).most_common()]
    assert sources[0] == "E1"
    assert "E2" in sources[1:3]


def test_the_pathway_takes_every_shape(episodes):
    kinds = Counter(PathwayEvent.objects.values_list("kind", flat=True))
    for kind in ("episode:screen", "episode:assess", "episode:refer", "episode:close", "episode:reenter", "entry:void"):
        assert kinds[kind] > 0, kind
    closed = [e for e in episodes if e.stage == "closed"]
    assert any(e.stage_before_closure == "screened" for e in closed), "closed after screening only"
    assert any(e.stage_before_closure == "identified" for e in closed), "closed before screening"
    assert any(e.referred_at and e.assessed_at for e in closed), "assessed and referred"
    assert {e.justice_outcome for e in closed} >= {"no_further_action", "charged_bailed", "sentenced"}
    assert {e.ld_outcome for e in closed} >= {"diverted_out", "diverted_within", "no_further_ld_action", "declined"}


def test_some_screenings_breach_their_target_but_most_do_not(episodes):
    screened = [e for e in episodes if e.screened_at]
    breaches = sum(e.screened_at - e.identified_at > e.target for e in screened)
    assert 0.05 < breaches / len(screened) < 0.35


def test_some_episodes_are_still_open_at_the_end(episodes):
    assert 10 <= sum(e.is_open for e in episodes) < len(episodes) // 5
