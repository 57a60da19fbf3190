"""The analytical store: pseudonymised by construction, written incrementally, never half-written."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from liaison.core import clock
from liaison.geography.models import LocalAuthority
from liaison.organisations.actions import footprint_add
from liaison.organisations.models import Footprint
from liaison.pathway.actions import entry_void, episode_note
from liaison.pathway.models import PathwayEvent
from liaison.people.actions import person_details_correct
from liaison.reporting import store
from liaison.reporting.store import month_of, month_path, read, refresh
from liaison.screening.actions import finding_decide
from tests import factories
from tests.people.test_correct_details import details_of
from tests.screening.suggested import pending_finding

NAME, FAMILY, NHS, POSTCODE = "Zebedee", "Quartermaine", "9990000026", "LS1 4AB"


@pytest.fixture(autouse=True)
def analytics(settings, tmp_path, monkeypatch):
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    monkeypatch.setenv("LIAISON_PSEUDONYM_KEY", "a test key")
    return settings.ANALYTICS_DIR


@pytest.fixture
def person(network):
    return factories.person(
        by=network.practitioner_a,
        scheme=network.scheme_a,
        given_name=NAME,
        family_name=FAMILY,
        nhs_number=NHS,
        nhs_number_status="verified",
        postcode=POSTCODE,
        date_of_birth=date(1990, 5, 17),
        sex="2",
        ethnicity="N",
    )


@pytest.fixture
def old(network, person):
    """An episode forty days ago (always another month than today's), with a note in words."""
    episode = factories.episode(
        by=network.practitioner_a,
        site=network.custody_a,
        who=person,
        minutes_ago=40 * 24 * 60,
        alerted_by="Sgt Smithers",
    )
    episode_note(
        by=network.practitioner_a,
        episode=episode,
        text=f"{NAME} {FAMILY} lives at {POSTCODE}",
        occurred_at=clock.now() - timedelta(days=40) + timedelta(minutes=5),
    )
    return episode


@pytest.fixture
def new(network, old):
    """Someone else's episode today."""
    return factories.episode(by=network.practitioner_a, site=network.court_a, minutes_ago=5)


def months(analytics):
    return sorted(p.parent.name.removeprefix("month=") for p in (analytics / "events").glob("month=*/events.parquet"))


def mtimes(analytics):
    return {p: p.stat().st_mtime_ns for p in (analytics / "events").glob("month=*/events.parquet")}


def test_the_store_holds_every_event_by_month_of_occurrence_in_london(network, old, new, analytics):
    result = refresh()

    rows = read().to_pylist()
    assert result.rebuilt
    assert {month_of(old.identified_at), month_of(new.identified_at)} <= set(months(analytics))
    assert {r["event_id"] for r in rows if r["stream"] == "episode"} == set(
        PathwayEvent.objects.values_list("id", flat=True)
    )
    for month in months(analytics):
        table = pq.read_table(month_path(analytics, month))
        assert {month_of(t) for t in table.column("occurred_at").to_pylist()} == {month}


def test_an_episode_row_carries_age_band_sex_ethnic_group_and_region_not_the_postcode(network, old):
    refresh()

    identified = next(r for r in read().to_pylist() if r["kind"] == "episode:identify")
    assert identified["age_band"] == old.events.get(kind="episode:identify").data["age_band"]
    assert (identified["sex"], identified["ethnic_group"]) == ("2", "Black or Black British")
    assert identified["region"] == network.scheme_a.region.code
    assert (identified["local_authority"], identified["police_force_area"]) == (None, None)  # no footprint yet
    assert identified["target_minutes"] == old.target_minutes
    assert identified["nhs_number_known"] is True  # whether there is one, never the number


def test_an_episode_row_carries_the_area_the_scheme_covered_that_day_never_the_home(network, old):
    leeds = LocalAuthority.objects.get(code="E08000035")
    bradford = LocalAuthority.objects.get(code="E08000032")
    day = old.identified_at.date()
    Footprint.objects.create(scheme=network.scheme_a, local_authority=leeds, effective_from=day - timedelta(days=9))
    refresh()
    identified = next(r for r in read().to_pylist() if r["kind"] == "episode:identify")
    assert (identified["local_authority"], identified["police_force_area"]) == ("E08000035", "E23000010")

    # A second authority of the same force area: the force area stays, the authority is not one.
    Footprint.objects.create(scheme=network.scheme_a, local_authority=bradford, effective_from=day - timedelta(days=9))
    refresh(full=True)
    identified = next(r for r in read().to_pylist() if r["kind"] == "episode:identify")
    assert (identified["local_authority"], identified["police_force_area"]) == (None, "E23000010")


def test_an_area_the_scheme_began_to_cover_after_the_event_is_not_the_events(network, old):
    leeds = LocalAuthority.objects.get(code="E08000035")
    Footprint.objects.create(
        scheme=network.scheme_a, local_authority=leeds, effective_from=old.identified_at.date() + timedelta(days=2)
    )
    refresh()
    identified = next(r for r in read().to_pylist() if r["kind"] == "episode:identify")
    assert identified["police_force_area"] is None


def test_a_footprint_recorded_later_with_an_earlier_start_rewrites_the_schemes_earlier_months(network, old):
    refresh()
    footprint_add(
        by=network.admin,
        scheme=network.scheme_a,
        local_authority=LocalAuthority.objects.get(code="E08000035"),
        effective_from=old.identified_at.date() - timedelta(days=30),
    )

    result = refresh()

    assert month_of(old.identified_at) in result.rewritten
    identified = next(r for r in read().to_pylist() if r["kind"] == "episode:identify")
    assert identified["police_force_area"] == "E23000010"


def test_a_correction_of_the_nhs_number_changes_whether_it_is_known_on_earlier_episodes(network, person, old):
    person_details_correct(
        by=network.practitioner_a,
        person=person,
        details=replace(details_of(person), nhs_number="", nhs_number_status="not_given"),
        reason="The number was another person's",
    )
    refresh()

    assert {r["nhs_number_known"] for r in read().to_pylist() if r["stream"] == "episode"} == {False}


def test_a_decision_names_the_screening_event_that_wrote_the_finding_it_decides(network, old):
    suggestion = pending_finding(episode=old, by=network.practitioner_a)
    decision = finding_decide(by=network.practitioner_a, finding=suggestion, decision="confirmed")
    refresh()

    (row,) = [r for r in read().to_pylist() if r["event_id"] == decision.pk and r["stream"] == "episode"]
    assert row["decides_event_id"] == suggestion.event_id


def test_nothing_identifying_is_in_any_string_column(network, person, old, new):
    refresh()

    table = read()
    forbidden = [NAME, FAMILY, NHS, POSTCODE, POSTCODE.split()[0], "Smithers", "1990-05-17", str(person.pk)]
    for name in table.column_names:
        if pa.types.is_string(table.schema.field(name).type):
            for value in table.column(name).to_pylist():
                for word in forbidden:
                    assert word.lower() not in (value or "").lower(), (name, word)


def test_the_same_person_has_one_pseudonym_and_another_key_rebuilds_with_another(
    network, person, old, new, monkeypatch
):
    refresh()
    first = {r["event_id"]: r["person"] for r in read().to_pylist() if r["stream"] == "episode"}

    monkeypatch.setenv("LIAISON_PSEUDONYM_KEY", "the rotated key")
    result = refresh()

    second = {r["event_id"]: r["person"] for r in read().to_pylist() if r["stream"] == "episode"}
    assert len({first[e.pk] for e in old.events.all()}) == 1
    assert len(set(first.values())) == len(set(second.values())) == 2
    assert all(first[e] != second[e] for e in first)
    assert result.rebuilt


def test_a_second_refresh_with_nothing_new_rewrites_nothing(network, old, new, analytics):
    refresh()
    before, manifest = mtimes(analytics), (analytics / "manifest.json").read_bytes()

    result = refresh()

    assert (result.rewritten, mtimes(analytics)) == ([], before)
    assert json.loads((analytics / "manifest.json").read_bytes())["months"] == json.loads(manifest)["months"]


def test_a_full_rebuild_with_the_same_key_gives_the_same_bytes(network, old, new, analytics):
    refresh()
    before = mtimes(analytics)

    result = refresh(full=True)

    assert result.rebuilt
    assert (result.rewritten, mtimes(analytics)) == ([], before)


def test_a_late_recorded_event_rewrites_only_its_own_month(network, old, new, analytics):
    refresh()
    before = mtimes(analytics)

    episode_note(
        by=network.practitioner_a, episode=old, text="Recorded late", occurred_at=old.identified_at + timedelta(hours=1)
    )
    result = refresh()

    assert result.rewritten == [month_of(old.identified_at)]
    changed = {p for p, t in mtimes(analytics).items() if before.get(p) != t}
    assert changed == {month_path(store.analytics_dir(), month_of(old.identified_at))}


def test_a_void_rewrites_the_month_of_the_entry_it_strikes_out(network, old, new):
    refresh()
    note = old.events.get(kind="episode:note")

    void = entry_void(by=network.practitioner_a, episode=old, event=note, reason="Wrong person")
    result = refresh()

    assert set(result.rewritten) == {month_of(note.occurred_at), month_of(void.occurred_at)}
    rows = {r["event_id"]: r for r in read().to_pylist() if r["stream"] == "episode"}
    assert rows[note.pk]["voided"] is True
    assert rows[void.pk]["voids_event_id"] == note.pk


def test_a_run_killed_half_way_leaves_the_last_good_store_readable(network, old, new, analytics, monkeypatch):
    refresh()
    good_rows, manifest = read().num_rows, (analytics / "manifest.json").read_bytes()
    episode_note(
        by=network.practitioner_a, episode=old, text="Late", occurred_at=old.identified_at + timedelta(hours=1)
    )
    episode_note(by=network.practitioner_a, episode=new, text="Now", occurred_at=clock.now())
    real_write, written = store._write_month, []

    def dies_after_one(root, month, content):
        if written:
            raise KeyboardInterrupt("killed")
        real_write(root, month, content)
        written.append(month)

    monkeypatch.setattr(store, "_write_month", dies_after_one)
    with pytest.raises(KeyboardInterrupt):
        refresh()

    assert (analytics / "manifest.json").read_bytes() == manifest
    assert read().num_rows == good_rows + 1  # every file whole: one month new, the other as it was
    assert not list(analytics.rglob(".tmp-*"))
    monkeypatch.setattr(store, "_write_month", real_write)
    assert len(refresh().rewritten) == 1  # the next run finishes the job
    assert read().num_rows == good_rows + 2


def test_a_correction_of_the_persons_ethnicity_rewrites_their_episodes_months(network, person, old, new):
    refresh()

    details = replace(details_of(person), ethnicity="H")
    person_details_correct(by=network.practitioner_a, person=person, details=details, reason="Misrecorded")
    result = refresh()

    assert month_of(old.identified_at) in result.rewritten
    groups = {r["ethnic_group"] for r in read().to_pylist() if r["episode"] and r["event_id"] in ids(old)}
    assert groups == {"Asian or Asian British"}


def ids(episode):
    return set(episode.events.values_list("id", flat=True))


def test_the_command_refreshes_and_says_what_it_wrote(network, old, capsys):
    call_command("reporting", "refresh")

    assert "months written" in capsys.readouterr().out


def test_a_store_of_an_older_format_is_rebuilt_with_the_new_columns(network, old, analytics):
    refresh()
    path = month_path(analytics, month_of(old.identified_at))
    pq.write_table(pq.read_table(path).drop_columns(["target_minutes", "nhs_number_known", "decides_event_id"]), path)
    manifest = json.loads((analytics / "manifest.json").read_text())
    (analytics / "manifest.json").write_text(json.dumps(manifest | {"format": 1}))

    result = refresh()

    assert result.rebuilt and month_of(old.identified_at) in result.rewritten
    assert "target_minutes" in pq.read_table(path).column_names
