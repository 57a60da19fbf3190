"""Maintaining the directory: team leads and scheme managers only, every change recorded."""

from __future__ import annotations

import pytest

from liaison.core.errors import Invalid, PermissionDenied
from liaison.organisations.models import Role
from liaison.referrals.directory.actions import ServiceDetails, service_create, service_set_active, service_update
from liaison.referrals.models import Service, ServiceEvent
from tests import factories
from tests.referrals import builders

DRUGS = ServiceDetails(name="Sefton drug and alcohol service", service_type="drug_alcohol", min_age=18)


def test_a_team_lead_adds_a_service_with_its_national_code(network):
    s = service_create(by=network.team_lead_a, scheme=network.scheme_a, details=DRUGS)
    assert (s.scheme, s.team_type_code, s.age_range) == (network.scheme_a, "D01", "18 and over")
    change = ServiceEvent.objects.get(service=s)
    assert (change.kind, change.actor) == ("service:create", network.team_lead_a)


def test_a_scheme_manager_may_add_a_service(network):
    manager = factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a)
    assert service_create(by=manager, scheme=network.scheme_a, details=DRUGS).pk


@pytest.mark.parametrize("who", ["practitioner_a", "support_worker_a", "commissioner", "team_lead_b"])
def test_others_cannot_add_a_service(network, who):
    with pytest.raises(PermissionDenied):
        service_create(by=getattr(network, who), scheme=network.scheme_a, details=DRUGS)
    assert not Service.objects.exists()


def test_a_practitioner_cannot_edit_or_deactivate(network):
    s = builders.service(scheme=network.scheme_a)
    with pytest.raises(PermissionDenied):
        service_update(by=network.practitioner_a, service=s, details=DRUGS)
    with pytest.raises(PermissionDenied):
        service_set_active(by=network.practitioner_a, service=s, active=False)
    s.refresh_from_db()
    assert s.active and s.name != DRUGS.name


def test_an_edit_records_each_changed_field_with_its_old_and_new_value(network):
    s = builders.service(scheme=network.scheme_a, name="Old name", service_type="crisis", phone="0151 000 0000")
    service_update(
        by=network.team_lead_a,
        service=s,
        details=ServiceDetails(name="New name", service_type="crisis", phone="0151 000 0000"),
    )
    change = ServiceEvent.objects.filter(service=s, kind="service:edit").get()
    assert change.changes == {"name": ["Old name", "New name"]}


def test_an_edit_that_changes_nothing_records_nothing(network):
    s = builders.service(scheme=network.scheme_a, name="Same", service_type="crisis")
    service_update(by=network.team_lead_a, service=s, details=ServiceDetails(name="Same", service_type="crisis"))
    assert not ServiceEvent.objects.filter(service=s, kind="service:edit").exists()


def test_deactivating_keeps_the_service_and_records_it(network):
    s = builders.service(scheme=network.scheme_a)
    service_set_active(by=network.team_lead_a, service=s, active=False)
    s.refresh_from_db()
    assert not s.active
    assert ServiceEvent.objects.filter(service=s, kind="service:deactivate").exists()


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (ServiceDetails(name="  ", service_type="crisis"), "name"),
        (ServiceDetails(name="X", service_type="astrology"), "service_type"),
        (ServiceDetails(name="X", service_type="crisis", email="not an email"), "email"),
        (ServiceDetails(name="X", service_type="crisis", phone="call me"), "phone"),
        (ServiceDetails(name="X", service_type="crisis", min_age=30, max_age=18), "max_age"),
        (ServiceDetails(name="X", service_type="crisis", min_age=200), "min_age"),
    ],
)
def test_it_refuses_a_service_with_a_problem(network, details, field):
    with pytest.raises(Invalid) as e:
        service_create(by=network.team_lead_a, scheme=network.scheme_a, details=details)
    assert field in e.value.errors
    assert not Service.objects.exists()


def test_it_refuses_a_second_service_of_the_same_name_in_a_scheme(network):
    service_create(by=network.team_lead_a, scheme=network.scheme_a, details=DRUGS)
    with pytest.raises(Invalid) as e:
        service_create(by=network.team_lead_a, scheme=network.scheme_a, details=DRUGS)
    assert "name" in e.value.errors
    # Another scheme may use the same name.
    assert service_create(by=network.team_lead_b, scheme=network.scheme_b, details=DRUGS).pk
