"""A scheme's footprint: the local authorities it covers and when, each change written with its
typed event; the force areas a scheme works in are derived from it."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.accounts.models import User
from liaison.core.errors import Invalid
from liaison.geography.models import ForceArea, LocalAuthority
from liaison.organisations.actions import (
    footprint_add,
    footprint_add_force_area,
    footprint_change,
    footprint_remove,
)
from liaison.organisations.models import Footprint, OrganisationEvent


@pytest.fixture
def admin(db) -> User:
    return User.objects.create_superuser("root", password="a long enough password 1")


def la(code: str) -> LocalAuthority:
    return LocalAuthority.objects.get(code=code)


LIVERPOOL, KNOWSLEY, WIRRAL = "E08000012", "E08000011", "E08000015"


def events(footprint_id: int) -> list[OrganisationEvent]:
    return list(OrganisationEvent.objects.filter(subject="footprint", subject_id=footprint_id).order_by("id"))


def test_adding_an_area_writes_what_is_covered_and_from_when(network, admin):
    f = footprint_add(by=admin, scheme=network.scheme_a, local_authority=la(LIVERPOOL), effective_from=date(2014, 4, 1))
    (event,) = events(f.pk)
    assert event.kind == "scheme:footprint:add"
    assert (event.actor, event.scheme_id) == (admin, network.scheme_a.pk)
    assert event.data == {
        "local_authority": LIVERPOOL,
        "name": "Liverpool",
        "effective_from": "2014-04-01",
        "effective_to": None,
    }


def test_ending_an_area_writes_the_dates_that_changed(network, admin):
    f = footprint_add(by=admin, scheme=network.scheme_a, local_authority=la(LIVERPOOL), effective_from=date(2014, 4, 1))
    footprint_change(by=admin, footprint=f, effective_from=date(2014, 4, 1), effective_to=date(2019, 3, 31))
    change = events(f.pk)[-1]
    assert change.kind == "scheme:footprint:change"
    assert change.data == {"local_authority": LIVERPOOL, "changes": {"effective_to": [None, "2019-03-31"]}}
    f.refresh_from_db()
    assert f.effective_to == date(2019, 3, 31)


def test_saving_the_same_dates_writes_nothing(network, admin):
    f = footprint_add(by=admin, scheme=network.scheme_a, local_authority=la(LIVERPOOL), effective_from=date(2014, 4, 1))
    footprint_change(by=admin, footprint=f, effective_from=date(2014, 4, 1), effective_to=None)
    assert len(events(f.pk)) == 1


def test_a_period_that_ends_before_it_starts_is_refused(network, admin):
    with pytest.raises(Invalid) as e:
        footprint_add(
            by=admin,
            scheme=network.scheme_a,
            local_authority=la(LIVERPOOL),
            effective_from=date(2015, 4, 1),
            effective_to=date(2015, 3, 31),
        )
    assert "effective_to" in e.value.errors
    assert not Footprint.objects.exists()
    assert not OrganisationEvent.objects.filter(subject="footprint").exists()


def test_an_area_cannot_be_covered_twice_at_once_by_one_scheme(network, admin):
    scheme = network.scheme_a
    footprint_add(
        by=admin,
        scheme=scheme,
        local_authority=la(LIVERPOOL),
        effective_from=date(2014, 4, 1),
        effective_to=date(2016, 3, 31),
    )
    with pytest.raises(Invalid) as e:
        footprint_add(by=admin, scheme=scheme, local_authority=la(LIVERPOOL), effective_from=date(2016, 3, 31))
    assert "already covers Liverpool" in e.value.errors["effective_from"]
    # The day after it ends is free, and another scheme may cover the same area meanwhile.
    footprint_add(by=admin, scheme=scheme, local_authority=la(LIVERPOOL), effective_from=date(2016, 4, 1))
    footprint_add(by=admin, scheme=network.scheme_b, local_authority=la(LIVERPOOL), effective_from=date(2014, 4, 1))
    assert Footprint.objects.filter(local_authority__code=LIVERPOOL).count() == 3


def test_removing_an_area_entered_in_error_needs_a_reason_and_keeps_what_it_said(network, admin):
    f = footprint_add(by=admin, scheme=network.scheme_a, local_authority=la(WIRRAL), effective_from=date(2014, 4, 1))
    with pytest.raises(Invalid):
        footprint_remove(by=admin, footprint=f, reason=" ")
    pk = f.pk
    footprint_remove(by=admin, footprint=f, reason="Wirral is the Cheshire scheme's")
    assert not Footprint.objects.filter(pk=pk).exists()
    removed = events(pk)[-1]
    assert removed.kind == "scheme:footprint:remove"
    assert removed.data["reason"] == "Wirral is the Cheshire scheme's"
    assert removed.data["local_authority"] == WIRRAL


def test_a_whole_force_area_is_each_of_its_local_authorities(network, admin):
    merseyside = ForceArea.objects.get(name="Merseyside")
    made = footprint_add_force_area(
        by=admin, scheme=network.scheme_a, force_area=merseyside, effective_from=date(2014, 4, 1)
    )
    assert sorted(f.local_authority.name for f in made) == ["Knowsley", "Liverpool", "Sefton", "St. Helens", "Wirral"]
    assert OrganisationEvent.objects.filter(kind="scheme:footprint:add").count() == 5


def test_the_force_areas_a_scheme_works_in_come_from_its_footprint(network, admin):
    scheme = network.scheme_a
    footprint_add(by=admin, scheme=scheme, local_authority=la(KNOWSLEY), effective_from=date(2014, 4, 1))
    footprint_add(by=admin, scheme=scheme, local_authority=la("E06000006"), effective_from=date(2017, 4, 1))  # Halton
    assert scheme.force_areas_on(date(2015, 1, 1)) == ["Merseyside"]
    assert scheme.force_areas_on(date(2018, 1, 1)) == ["Cheshire", "Merseyside"]
    assert scheme.force_areas == ["Cheshire", "Merseyside"]
    assert scheme.force_areas_on(date(2013, 1, 1)) == []
