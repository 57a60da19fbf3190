"""Children: under 16 the Gillick or the parental route, with reasons; under 18 at a police
station the appropriate adult (PACE Code C); under 18 youth requirements, never MHTR, DRR or ATR."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from liaison.core.errors import Invalid
from liaison.sharing.actions import ConsentDetails, consent_record
from tests.sharing.conftest import consent_to, screened, share

FIFTEEN = date.today() - timedelta(days=15 * 365 + 30)
SEVENTEEN = date.today() - timedelta(days=17 * 365 + 30)


def test_a_gillick_competent_child_consents_for_themselves_with_reasons(network):
    young = screened(network, born=FIFTEEN)
    with pytest.raises(Invalid) as e:
        consent_to(network, young.episode, child_route="gillick")
    assert "child_route_reason" in e.value.errors
    consent = consent_to(
        network,
        young.episode,
        child_route="gillick",
        child_route_reason="Explained back what the court would learn and why",
    )
    assert consent.child_route == "gillick" and consent.guardian_name == ""
    s = share(network, young.episode)
    assert s.snapshot["basis"]["child_route"].startswith("Judged Gillick competent")


def test_the_child_route_is_only_for_under_16s(network):
    older = screened(network, born=SEVENTEEN)
    with pytest.raises(Invalid) as e:
        consent_to(network, older.episode, child_route="gillick", child_route_reason="x")
    assert "child_route" in e.value.errors


def test_every_under_18_at_a_police_station_has_an_appropriate_adult_recorded(network):
    in_custody = screened(network, born=SEVENTEEN, site=network.custody_a)
    with pytest.raises(Invalid) as e:
        consent_to(network, in_custody.episode)
    assert {"appropriate_adult_name", "appropriate_adult_role"} <= set(e.value.errors)
    with pytest.raises(Invalid) as e:
        consent_record(
            by=network.practitioner_a,
            episode=in_custody.episode,
            details=ConsentDetails(scope="service", decision="given", method="verbal"),
        )
    assert "appropriate_adult_name" in e.value.errors
    consent = consent_to(network, in_custody.episode, appropriate_adult_name="Jo Bloggs", appropriate_adult_role="Aunt")
    assert consent.appropriate_adult_name == "Jo Bloggs"
    assert share(network, in_custody.episode).snapshot["basis"]["appropriate_adult"] == "Jo Bloggs"


def test_an_adult_in_custody_and_a_child_at_court_need_no_appropriate_adult(network):
    assert consent_to(network, screened(network, site=network.custody_a).episode).appropriate_adult_name == ""
    assert consent_to(network, screened(network, born=SEVENTEEN).episode).appropriate_adult_name == ""


def test_adult_treatment_requirements_cannot_be_recommended_for_under_18s(network):
    young = screened(network, born=SEVENTEEN)
    consent_to(network, young.episode)
    for requirement in ("mhtr", "drr", "atr"):
        with pytest.raises(Invalid) as e:
            share(network, young.episode, treatment_requirements=[requirement])
        assert "youth rehabilitation order" in e.value.errors["treatment_requirements"]
    s = share(network, young.episode, youth_requirements=["yro_mental_health", "yro_drug_treatment"])
    items = s.snapshot["recommendations"]["youth_requirements"]
    assert items == [
        "Youth rehabilitation order: mental health treatment requirement",
        "Youth rehabilitation order: drug treatment requirement",
    ]


def test_youth_requirements_are_for_under_18s_only(network, case):
    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, youth_requirements=["yro_mental_health"])
    assert "youth_requirements" in e.value.errors
    assert share(network, case.episode, treatment_requirements=["mhtr"]).snapshot["recommendations"][
        "treatment_requirements"
    ] == ["Mental health treatment requirement"]
