"""A subject-access export holds everything the team lead's schemes hold about the person, names
the other schemes that hold a record, and is itself recorded in who has looked."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from liaison.audit.models import AccessAction, AccessAudit
from liaison.core.errors import Invalid, NotFound
from liaison.pathway.actions import episode_note
from liaison.pathway.models import Episode
from liaison.records.subject_access import episode_record_types, identity_record_types, subject_access_export
from tests import factories


@pytest.fixture
def episode(network: Any) -> Episode:
    who = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, given_name="Zoë", family_name="Ó Súilleabháin"
    )
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, who=who)
    episode_note(by=network.practitioner_a, episode=e, text="Asked for their sister to be told")
    return e


def url(episode: Episode) -> str:
    return reverse("records:subject-access", args=[episode.person_id])


def test_every_record_type_that_points_at_an_episode_or_a_person_is_exported() -> None:
    assert {
        "pathway.PathwayEvent",
        "screening.Finding",
        "screening.InstrumentResponse",
        "assessment.Assessment",
        "referrals.Referral",
        "referrals.SupportContact",
        "sharing.Consent",
        "sharing.InformationShare",
    } <= set(episode_record_types())
    assert {"people.Alias", "people.LocalIdentifier", "people.PersonEvent"} <= set(identity_record_types())


def test_the_export_holds_the_person_their_episode_its_events_and_who_has_looked(network, episode) -> None:
    AccessAudit.objects.create(
        at=episode.identified_at,
        user=network.practitioner_a,
        person=episode.person,
        action=AccessAction.VIEW,
        what="person page",
    )
    export = subject_access_export(user=network.team_lead_a, person_id=episode.person_id, reference="SAR-2026-0412")
    data = export.as_json()

    assert data["person"]["given name"] == "Zoë"
    [held] = data["episodes"]
    assert held["id"] == str(episode.pk)
    events = next(r for r in held["records"] if r["record_type"] == "pathway.PathwayEvent")["rows"]
    assert any("Asked for their sister to be told" in json.dumps(row, ensure_ascii=False) for row in events)
    assert any(a["where"] == "person page" for a in data["who_has_looked"])
    assert data["held_by_other_schemes"] == []
    json.dumps(data)  # every value is plain JSON


def test_making_the_export_is_recorded_with_its_reference(network, episode) -> None:
    subject_access_export(user=network.team_lead_a, person_id=episode.person_id, reference="SAR-2026-0412")
    row = AccessAudit.objects.get(action=AccessAction.EXPORT, person=episode.person)
    assert row.user == network.team_lead_a
    assert row.reason == "Subject access request SAR-2026-0412"


def test_another_schemes_record_is_named_not_shown(network, episode) -> None:
    elsewhere = factories.episode(by=network.practitioner_b, site=network.custody_b, who=episode.person)
    data = subject_access_export(user=network.team_lead_a, person_id=episode.person_id, reference="SAR-1").as_json()
    assert [e["id"] for e in data["episodes"]] == [str(episode.pk)]
    assert str(elsewhere.pk) not in json.dumps(data)
    assert data["held_by_other_schemes"] == [str(network.scheme_b)]


@pytest.mark.parametrize("who", ["practitioner_a", "commissioner", "team_lead_b", "admin"])
def test_only_a_team_lead_or_manager_of_a_holding_scheme_can_export(network, episode, who) -> None:
    with pytest.raises(NotFound):
        subject_access_export(user=getattr(network, who), person_id=episode.person_id, reference="SAR-1")
    assert not AccessAudit.objects.filter(action=AccessAction.EXPORT).exists()


def test_a_reference_is_required(network, episode) -> None:
    with pytest.raises(Invalid, match="reference"):
        subject_access_export(user=network.team_lead_a, person_id=episode.person_id, reference="  ")
    assert not AccessAudit.objects.filter(action=AccessAction.EXPORT).exists()


def test_the_team_lead_reads_the_export_as_a_page(client, network, episode) -> None:
    client.force_login(network.team_lead_a)
    person_page = client.get(reverse("people:person", args=[episode.person_id])).content.decode()
    assert url(episode) in person_page
    response = client.post(url(episode), {"reference": "SAR-2026-0412", "format": "html"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Everything held about Zoë Ó Súilleabháin" in html
    assert "Asked for their sister to be told" in html


def test_the_export_downloads_as_json(client, network, episode) -> None:
    client.force_login(network.team_lead_a)
    response = client.post(url(episode), {"reference": "SAR-2026-0412", "format": "json"})
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["person"]["family name"] == "Ó Súilleabháin"


def test_a_missing_reference_comes_back_on_the_form(client, network, episode) -> None:
    client.force_login(network.team_lead_a)
    response = client.post(url(episode), {"reference": "", "format": "json"})
    assert response.status_code == 200
    assert "Enter the reference" in response.content.decode()


def test_a_practitioner_is_refused_the_page_and_sees_no_link(client, network, episode) -> None:
    client.force_login(network.practitioner_a)
    assert url(episode) not in client.get(reverse("people:person", args=[episode.person_id])).content.decode()
    assert client.get(url(episode)).status_code == 403


def test_the_export_downloads_as_a_pdf_from_the_same_page_with_names_as_given(client, network, episode) -> None:
    import io

    from pypdf import PdfReader

    client.force_login(network.team_lead_a)
    response = client.post(url(episode), {"reference": "SAR-2026-0412", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Zoë Ó Súilleabháin" in text
    assert "Asked for their sister to be told" in " ".join(text.split())
    assert "SAR-2026-0412" in text
