"""A scheme's sites and staff through the API: the ids identification, support and sharing
without consent take, for the user's own schemes only."""

from __future__ import annotations

import pytest

from liaison.organisations.models import Role
from tests import factories
from tests.interop.conftest import SHARE_BODY
from tests.referrals import builders
from tests.sharing.conftest import screened


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sites_of(api, scheme, **params):
    return api.get(f"/schemes/{scheme.pk}/sites", **params)


def test_it_lists_the_schemes_sites_and_where_the_user_records(network, api_as):
    r = sites_of(api_as(network.practitioner_a), network.scheme_a)
    assert r.status_code == 200
    by_code = {s["code"]: s for s in r.json()}
    assert set(by_code) == {network.custody_a.code, network.court_a.code}
    custody = by_code[network.custody_a.code]
    assert (custody["id"], custody["scheme"], custody["kind"]) == (network.custody_a.pk, "A", "custody_suite")
    assert (custody["point_of_contact"], custody["active"], custody["can_record"]) == ("custody", True, True)


def test_a_support_worker_sees_the_sites_but_records_at_none(network, api_as):
    sites = sites_of(api_as(network.support_worker_a), network.scheme_a).json()
    assert len(sites) == 2 and not any(s["can_record"] for s in sites)


def test_closed_sites_are_left_out_unless_asked_for(network, api_as):
    network.court_a.active = False
    network.court_a.save(update_fields=["active"])
    api = api_as(network.practitioner_a)
    assert [s["code"] for s in sites_of(api, network.scheme_a).json()] == [network.custody_a.code]
    every = sites_of(api, network.scheme_a, include_inactive="true").json()
    assert {s["code"]: s["active"] for s in every} == {network.custody_a.code: True, network.court_a.code: False}


def test_another_schemes_sites_and_staff_are_not_found(network, api_as):
    api = api_as(network.practitioner_a)
    for what in ("sites", "support-workers", "sharing-approvers"):
        r = api.get(f"/schemes/{network.scheme_b.pk}/{what}")
        assert (r.status_code, r.json()["code"]) == (404, "not_found"), what
        assert api.get(f"/schemes/not-a-number/{what}").status_code == 404


def test_a_commissioner_sees_the_sites_but_not_the_staff(network, api_as):
    api = api_as(network.commissioner)
    assert sites_of(api, network.scheme_a).status_code == 200
    r = api.get(f"/schemes/{network.scheme_a.pk}/support-workers")
    assert (r.status_code, r.json()["code"]) == (403, "role_not_allowed")


def test_support_workers_come_first_and_can_be_assigned(network, api_as):
    api = api_as(network.practitioner_a)
    workers = api.get(f"/schemes/{network.scheme_a.pk}/support-workers").json()
    assert workers[0]["id"] == network.support_worker_a.pk
    assert (workers[0]["username"], workers[0]["roles"]) == (network.support_worker_a.username, ["support_worker"])
    assert network.practitioner_b.pk not in {w["id"] for w in workers}
    episode = builders.screened(
        factories.episode(by=network.practitioner_a, site=network.custody_a), network.practitioner_a
    )
    referral = builders.referral(episode=episode, by=network.practitioner_a)
    r = api.post(f"/referrals/{referral.pk}/support", {"worker_id": workers[0]["id"]})
    assert r.status_code == 201, r.json()


def test_sharing_approvers_are_the_schemes_seniors_and_an_override_takes_one(network, api_as):
    manager = factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a)
    api = api_as(network.practitioner_a)
    approvers = api.get(f"/schemes/{network.scheme_a.pk}/sharing-approvers").json()
    assert {a["id"]: a["roles"] for a in approvers} == {
        network.team_lead_a.pk: ["team_lead"],
        manager.pk: ["scheme_manager"],
    }
    case = screened(network)
    body = {
        **SHARE_BODY,
        "override_kind": "safeguarding",
        "override_reason": "Risk to a child at home",
        "override_approver": approvers[0]["id"],
        "caldicott_consulted": False,
        "caldicott_not_consulted_reason": "Out of hours",
        "person_informed": True,
    }
    r = api.post(f"/episodes/{case.episode.pk}/shares", body)
    assert r.status_code == 201, r.json()
    assert r.json()["override_approved_by"]["id"] == approvers[0]["id"]
