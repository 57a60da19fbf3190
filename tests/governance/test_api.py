"""The governance API: read only, scoped as the pages are."""

from __future__ import annotations

from datetime import date

from liaison.governance.actions import arrangement_record
from liaison.governance.guidance import load
from liaison.standards.framework import load as load_framework
from tests.governance.conftest import Governance, bearer


def test_the_board_for_its_manager_with_members_meetings_and_attendees(client, governance: Governance):
    meeting = governance.meeting()
    body = client.get("/api/v1/governance/A/board", **bearer(governance.manager_a)).json()
    assert body["name"] == "Scheme A partnership board"
    assert {m["agency"] for m in body["members"]} == {"health", "police", "voluntary_sector"}
    [shown] = body["meetings"]
    assert shown["id"] == meeting.pk and shown["attendee_ids"] == sorted([governance.health.pk, governance.police.pk])


def test_another_schemes_manager_gets_404_for_the_board(client, governance: Governance):
    response = client.get("/api/v1/governance/A/board", **bearer(governance.manager_b))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_commissioning_lists_each_schemes_current_arrangement_for_the_programme(client, governance: Governance):
    n = governance.network
    arrangement_record(
        scheme=n.scheme_a,
        commissioner="NHS England",
        lead_provider="Trust",
        model="standalone",
        contract_start=date(2020, 4, 1),
        contract_end=None,
        by=n.commissioner,
    )
    body = client.get("/api/v1/governance/commissioning?on=2025-01-01", **bearer(n.commissioner)).json()
    assert body["schemes"] == [
        {
            "scheme_code": "A",
            "scheme_name": "Scheme A",
            "arrangement": {
                "commissioner": "NHS England",
                "lead_provider": "Trust",
                "model": "standalone",
                "contract_start": "2020-04-01",
                "contract_end": None,
                "subcontractors": [],
            },
        }
    ]
    assert client.get("/api/v1/governance/commissioning", **bearer(governance.manager_a)).status_code == 404


def test_the_comparison_refuses_a_bad_period_and_scheme_staff(client, governance: Governance):
    n = governance.network
    ok = client.get("/api/v1/governance/comparison?period=2025-Q1", **bearer(n.analyst))
    assert ok.status_code == 200 and ok.json()["disclosure"] == "published"
    assert client.get("/api/v1/governance/comparison?period=nope", **bearer(n.analyst)).status_code == 422
    assert client.get("/api/v1/governance/comparison", **bearer(governance.manager_a)).status_code == 404


def test_guidance_for_every_token_and_current_only_on_request(client, governance: Governance):
    load_framework()
    load()
    auth = bearer(governance.network.practitioner_a)
    every = client.get("/api/v1/guidance", **auth).json()
    current = client.get("/api/v1/guidance?current=true", **auth).json()
    assert len(every) == len(current) + 1
    old = next(d for d in every if d["code"] == "partnership-boards" and d["version"] == 1)
    assert old["superseded_by"] == "partnership-boards v2" and "ld-quality:INT.1.2" in old["supports"]
