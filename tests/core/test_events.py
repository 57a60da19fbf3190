"""The event contract: declared tags, validated writes, readable old versions, the catalogue."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from liaison.core.events import EVENTS, PayloadInvalid, UnknownTag
from liaison.core.models import AppendOnlyModel
from liaison.pathway.models import Episode, PathwayEvent
from tests import factories

# The subjects reporting, linkage and the programme module read, beyond episodes; and the
# disposal of records past retention (ADR 0027).
SUBJECTS = {
    "episode", "person", "organisation", "service", "assessment", "return", "feedback", "standards", "disposal",
    "workforce",
    "governance",
}  # fmt: skip


def test_every_tag_is_subject_action_with_a_schema_and_a_version():
    tags = EVENTS.all()
    assert len(tags) >= 30
    for t in tags:
        assert ":" in t.tag and t.version >= 1
        assert t.payload.model_json_schema()["type"] == "object", t.tag


def test_every_stream_the_capabilities_need_has_events():
    assert {t.stream for t in EVENTS.all()} == SUBJECTS
    tags = {t.tag for t in EVENTS.all()}
    for needed in ("person:create", "person:change", "person:merge", "membership:grant", "membership:end"):
        assert needed in tags
    for needed in (
        "scheme:change",
        "site:change",
        "response_target:change",
        "service:edit",
        "assessment_draft:edit",
        "return:submit",
    ):
        assert needed in tags


def _event(network, episode, kind, data, *, stage_after):
    """An unsaved event on the episode, at its identification, by scheme A's practitioner."""
    at = episode.identified_at
    return PathwayEvent(
        episode=episode,
        kind=kind,
        occurred_at=at,
        recorded_at=at,
        actor=network.practitioner_a,
        site=network.custody_a,
        stage_after=stage_after,
        data=data,
    )


def test_a_payload_with_an_unknown_key_is_refused_before_anything_is_stored(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    before = PathwayEvent.objects.count()
    with pytest.raises(PayloadInvalid):
        _event(network, episode, "episode:note", {"text": "Seen", "txet": "typo"}, stage_after="identified").save()
    assert PathwayEvent.objects.count() == before


def test_bulk_create_validates_every_row_too(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    row = _event(network, episode, "episode:close", {"note": "no outcomes"}, stage_after="closed")
    with pytest.raises(PayloadInvalid):
        PathwayEvent.objects.bulk_create([row])


def test_an_undeclared_tag_cannot_be_written(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    with pytest.raises(UnknownTag, match="no event type"):
        _event(network, episode, "episode:teleport", {}, stage_after="identified").save()


def test_a_tag_goes_only_in_its_own_stream(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    with pytest.raises(PayloadInvalid, match="person stream"):
        _event(network, episode, "person:change", {"changes": {}, "reason": "x"}, stage_after="identified").save()


def test_a_version_1_identification_reads_with_the_corrected_referral_source():
    identify = EVENTS.get("episode:identify")
    old = {"point_of_contact": "custody", "referral_source": "D1", "alerted_by": "Sergeant", "age_band": "25-34"}
    assert identify.version == 2
    assert identify.check_stored(old, 1) is None
    assert identify.read(old, 1).referral_source == "C2"  # D1 meant an education service in v1
    assert identify.read({**old, "referral_source": "D1"}, 2).referral_source == "D1"  # Employer today


def test_identification_writes_the_current_version(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    first = episode.events.get(kind="episode:identify")
    assert (first.kind, first.schema_version) == ("episode:identify", 2)
    assert first.payload().referral_source == episode.referral_source


def test_the_catalogue_command_prints_every_tag_as_json(capsys):
    call_command("events", "catalogue", "--json")
    document = json.loads(capsys.readouterr().out)
    tags = {e["tag"]: e for e in document["events"]}
    assert set(tags) == {t.tag for t in EVENTS.all()}
    assert tags["episode:identify"]["older_versions"][0]["version"] == 1
    assert "finding_ids" in tags["share:make"]["schema"]["properties"]


def test_the_api_serves_the_same_catalogue_without_a_token(client, capsys):
    call_command("events", "catalogue", "--json")
    printed = json.loads(capsys.readouterr().out)
    response = client.get("/api/v1/events/schema")
    assert response.status_code == 200
    assert response.json() == printed


def _stored_before_the_contract(row: PathwayEvent) -> PathwayEvent:
    """Save as a row written before the contract: no validation, schema version 1."""
    row.schema_version = 1
    AppendOnlyModel.save(row)
    return row


def test_an_outline_referral_from_before_the_directory_still_verifies_and_reads(network, capsys):
    from liaison.pathway.stages import Step
    from liaison.pathway.timeline import describe
    from tests.pathway.steps import take

    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    take(Step.SCREEN, episode=episode, by=network.practitioner_a)
    screened_at = episode.events.order_by("-id").first().occurred_at
    outline = _stored_before_the_contract(
        PathwayEvent(
            episode=episode,
            kind="episode:refer",
            occurred_at=screened_at,
            recorded_at=screened_at,
            actor=network.practitioner_a,
            site=network.custody_a,
            stage_after="referred",
            data={"service": "GP", "reason": "Low mood"},
        )
    )
    Episode.objects.filter(pk=episode.pk).update(stage="referred", referred_at=screened_at)
    refer = EVENTS.get("episode:refer")
    assert refer.version == 2 and refer.check_stored(outline.data, 1) is None
    assert dict(describe(outline))["Referred to"] == ["GP"]
    call_command("events", "verify")
    assert "0 invalid" in capsys.readouterr().out
