import pytest
from django.core.management import CommandError, call_command

from liaison.accounts.models import User
from liaison.organisations.models import Scheme
from liaison.pathway.models import Episode
from tests import factories


def test_it_builds_the_ten_wave_1_and_sixteen_wave_2_schemes(build_demo):
    build_demo(size=10)
    assert Scheme.objects.filter(wave=1).count() == 10
    assert Scheme.objects.filter(wave=2).count() == 16
    assert Scheme.objects.get(code="MER").sites.filter(name__startswith="St Anne Street").exists()


def test_every_site_has_hours_and_a_target_for_the_contact_it_serves(build_demo):
    build_demo(size=10)
    for scheme in Scheme.objects.prefetch_related("sites__response_targets", "teams"):
        assert {t.children_and_young_people for t in scheme.teams.all()} == {True, False}
        for site in scheme.sites.all():
            assert site.periods(), site.code  # each phrase of the demo network is one hours.parse reads
            assert site.default_point_of_contact in {t.point_of_contact for t in site.response_targets.all()}


def test_if_empty_leaves_a_database_with_schemes_alone(build_demo):
    factories.scheme()
    out = build_demo("--if-empty")
    assert Scheme.objects.count() == 1
    assert not Episode.objects.exists()
    assert not User.objects.exists()
    assert "not rebuilt" in out
    assert "not built by `liaison demo`" in out


def test_if_empty_builds_into_an_empty_database(build_demo):
    build_demo("--if-empty", size=10)
    assert Scheme.objects.count() == 26


def test_it_refuses_a_database_with_schemes_without_if_empty(build_demo):
    factories.scheme()
    with pytest.raises(CommandError, match="already has schemes"):
        build_demo()


def test_it_refuses_a_date_in_the_future(db):
    with pytest.raises(CommandError, match="future"):
        call_command("demo", "--today", "2999-01-01", verbosity=0)
