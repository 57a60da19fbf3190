"""Findings of the two retired domains (young person, woman in custody): voided by the data
migration with a reason, never deleted, and still read by their old names."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.urls import reverse

from liaison.pathway.models import PathwayEvent
from liaison.pathway.timeline import describe
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.models import Finding
from tests import factories
from tests.pathway.pages import html, row_with, signed_in

MIGRATION = importlib.import_module("liaison.screening.migrations.0005_void_young_person_and_woman_findings")


def findings_of(network, *domains):
    """Findings as stored before the domains were retired (the action refuses them now)."""
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput(d, "confirmed") for d in domains],
        urgency="routine",
        needs_assessment=False,
    )
    return episode


def stored_as(finding: Finding, domain: str) -> Finding:
    Finding.objects.filter(pk=finding.pk).update(domain=domain)
    return Finding.objects.get(pk=finding.pk)


def test_a_finding_of_a_retired_domain_is_voided_with_the_reason_not_deleted(network):
    episode = findings_of(network, "veteran")
    retired = stored_as(Finding.objects.get(episode=episode), "young_person")

    MIGRATION.forwards(apps, None)

    retired.refresh_from_db()
    assert retired.is_voided
    assert retired.void_reason == "Now a flag derived from date of birth and sex"
    assert Finding.objects.filter(episode=episode).count() == 1


def test_findings_of_current_domains_are_left_alone(network):
    episode = findings_of(network, "mental_health", "veteran")
    stored_as(Finding.objects.get(episode=episode, domain="veteran"), "woman")

    MIGRATION.forwards(apps, None)

    kept = Finding.objects.get(episode=episode, domain="mental_health")
    assert not kept.is_voided


def test_a_finding_already_voided_keeps_its_own_reason(network):
    episode = findings_of(network, "veteran")
    finding = Finding.objects.get(episode=episode)
    Finding.objects.filter(pk=finding.pk).update(
        domain="woman", voided_at=finding.recorded_at, void_reason="Wrong person"
    )

    MIGRATION.forwards(apps, None)

    assert Finding.objects.get(pk=finding.pk).void_reason == "Wrong person"


def test_a_voided_finding_of_a_retired_domain_still_reads_its_old_name_on_the_episode_page(client, network):
    episode = findings_of(network, "veteran")
    stored_as(Finding.objects.get(episode=episode), "woman")
    MIGRATION.forwards(apps, None)

    page = html(signed_in(client, network.practitioner_a).get(reverse("pathway:episode", args=[episode.pk])))
    row = row_with(page.split("<h2>Findings</h2>")[1].split("<h2>")[0], "Woman in custody")
    assert "Voided:</strong> Now a flag derived from date of birth and sex" in row


OLD_IDENTIFICATION = {
    "point_of_contact": "custody",
    "referral_source": "D1",
    "alerted_by": "School safeguarding lead",
    "concerns": ["mental_health", "young_person", "woman"],
    "concerns_note": "",
    "age_band": "10-17",
}


def test_an_old_identification_naming_a_retired_concern_still_reads_it():
    event = PathwayEvent(kind="episode:identify", schema_version=1, data=OLD_IDENTIFICATION)
    assert dict(describe(event))["Concerns raised"] == ["Mental health", "Young person in custody", "Woman in custody"]


def test_an_old_identifications_d1_reads_as_the_education_service_it_meant():
    event = PathwayEvent(kind="episode:identify", schema_version=1, data=OLD_IDENTIFICATION)
    assert dict(describe(event))["Referral source"] == ["Education service or educational establishment (C2)"]


def test_an_old_screening_finding_of_a_retired_domain_still_reads_it():
    event = PathwayEvent(kind="episode:screen", data={"findings": [{"domain": "woman", "status": "confirmed"}]})
    assert dict(describe(event))["Findings"] == ["Woman in custody: confirmed"]
