"""The measures: one definition each, the same rows on DuckDB and on Spark, and right by hand."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from io import StringIO

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlglot
from django.core.management import call_command

from liaison.core import clock
from liaison.pathway.actions import entry_void
from liaison.reporting.engines import run, run_all, spark_sql
from liaison.reporting.measures import REGISTRY
from liaison.reporting.store import LONDON, SCHEMA, month_of, month_path, refresh
from liaison.screening.actions import FindingInput, screening_record
from tests import factories

DEMO_TODAY = "2025-03-14"
NOT_IN_THE_DEMO = {"shares_by_agency"}  # the demo shares nothing yet: see the hand-made store below


@pytest.fixture(autouse=True)
def analytics(settings, tmp_path, monkeypatch):
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    monkeypatch.setenv("LIAISON_PSEUDONYM_KEY", "a test key")
    return settings.ANALYTICS_DIR


def at(rows, **keys):
    return [r for r in rows if all(r[k] == v for k, v in keys.items())]


def test_every_measure_gives_the_same_rows_on_duckdb_and_on_spark(
    db, settings, tmp_path, monkeypatch, analytics, spark
):
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("LIAISON_DEMO_PASSWORD", "demo password for tests")
    t0 = time.monotonic()
    call_command("demo", "--seed", "7", "--size", "40", "--today", DEMO_TODAY, verbosity=0, stdout=StringIO())
    refresh()
    t1 = time.monotonic()
    on_duckdb = run_all(store_dir=analytics)
    t2 = time.monotonic()
    on_spark = run_all(store_dir=analytics, engine="spark", spark=spark)
    print(f"demo+refresh {t1 - t0:.1f}s duckdb {t2 - t1:.2f}s spark {time.monotonic() - t2:.1f}s")

    assert set(on_duckdb) == set(REGISTRY)
    for name, rows in on_duckdb.items():
        assert rows or name in NOT_IN_THE_DEMO, f"{name} has no rows on the demo: the comparison would prove nothing"
        assert on_spark[name] == rows, name


def previous_month_noon():
    first = clock.now().astimezone(LONDON).replace(day=1)
    return (first - timedelta(days=10)).replace(day=15, hour=12, minute=0, second=0, microsecond=0)


def screen(network, episode, when):
    return screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="routine",
        needs_assessment=False,
        occurred_at=when,
    )


@pytest.fixture
def three_episodes(network):
    """Three episodes a month ago: one screened after 30 minutes; one whose screening after 10
    minutes was voided and which was screened again after 50; one whose only screening was voided."""
    noon = previous_month_noon()
    by, site = network.practitioner_a, network.custody_a
    first, second, third = (
        factories.episode(by=by, site=site, occurred_at=noon + timedelta(hours=h)) for h in range(3)
    )
    screen(network, first, noon + timedelta(minutes=30))
    wrong = screen(network, second, noon + timedelta(hours=1, minutes=10))
    entry_void(by=by, episode=second, event=wrong, reason="Recorded against the wrong person")
    screen(network, second, noon + timedelta(hours=1, minutes=50))
    only = screen(network, third, noon + timedelta(hours=2, minutes=5))
    entry_void(by=by, episode=third, event=only, reason="Recorded against the wrong person")
    return month_of(noon)


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_three_episodes_count_by_hand_and_a_voided_screening_does_not_count(
    request, network, three_episodes, analytics, engine
):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    refresh()
    month, scheme = three_episodes, str(network.scheme_a.pk)

    checked = ["identified", "people", "identified_adults", "identified_children_young_people", "screened"]
    checked += ["screened_of_identified", "time_to_screening"]
    figures = run_all(checked, store_dir=analytics, engine=engine, spark=spark, months=[month])

    def of(name, level="scheme", area=scheme):
        (row,) = at(figures[name], level=level, area=area, month=month)
        return {k: v for k, v in row.items() if k not in ("level", "area", "month")}

    assert of("identified") == {"value": 3}
    assert of("people") == {"value": 3}
    assert of("identified_adults") == {"value": 3}
    assert at(figures["identified_children_young_people"], area=scheme) == []
    assert of("screened") == {"value": 2}
    assert of("screened_of_identified") == {"numerator": 2, "denominator": 3}
    # Waits of 30 and 50 minutes (the voided 10 does not count): median 40, 90th 30 + 0.9 * 20.
    assert of("time_to_screening") == {"episodes": 2, "median_minutes": 40.0, "p90_minutes": 48.0}
    assert of("identified", level="region", area=network.scheme_a.region.code) == {"value": 3}
    assert of("screened", level="england", area="England") == {"value": 2}
    assert {r["month"] for name in figures for r in figures[name]} == {month}


def write_store(root, month, waits_in_minutes, shares=()):
    """A hand-made store: per wait, an episode identified at noon and screened that many minutes
    later; per share (agency, basis, voided), a share made by the first episode."""
    noon = datetime.fromisoformat(f"{month}-15T12:00:00+00:00")
    rows = []
    for n, (agency, basis, voided) in enumerate(shares):
        rows.append(
            dict.fromkeys(SCHEMA.names)
            | {
                "stream": "episode",
                "event_id": 1000 + n,
                "kind": "share:make",
                "occurred_at": noon + timedelta(hours=1),
                "recorded_at": noon + timedelta(hours=1),
                "episode": "e0",
                "scheme_id": 1,
                "region": "Y56",
                "voided": voided,
                "data": json.dumps({"agency": agency, "purpose": "court_report", "basis": basis}),
            }
        )
    for n, wait in enumerate(waits_in_minutes):
        common = dict.fromkeys(SCHEMA.names) | {
            "stream": "episode",
            "episode": f"e{n}",
            "person": f"p{n}",
            "scheme_id": 1,
            "region": "Y56",
            "age_band": "25-34",
            "voided": False,
            "data": json.dumps({"point_of_contact": "custody", "referral_source": "E1"}),
        }
        for i, (kind, when) in enumerate(
            [("episode:identify", noon), ("episode:screen", noon + timedelta(minutes=wait))]
        ):
            rows.append(common | {"event_id": 2 * n + i, "kind": kind, "occurred_at": when, "recorded_at": when})
    path = month_path(root, month)
    path.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), path)


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
@pytest.mark.parametrize(
    ("waits", "median", "p90"),
    [([10, 20, 30, 40], 25.0, 37.0), ([7], 7.0, 7.0), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100], 6.0, 10.0)],
)
def test_percentiles_interpolate_between_closest_ranks(request, tmp_path, engine, waits, median, p90):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    write_store(tmp_path, "2026-06", waits)

    (england,) = at(run("time_to_screening", engine=engine, spark=spark, store_dir=tmp_path), level="england")

    assert (england["episodes"], england["median_minutes"], england["p90_minutes"]) == (len(waits), median, p90)


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_shares_are_counted_by_agency_purpose_and_consent_or_override(request, tmp_path, engine):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    shares = [("police", "consent", False), ("police", "consent", False), ("police", "override", False)]
    write_store(tmp_path, "2026-06", [5], shares=[*shares, ("court", "consent", True)])

    rows = at(run("shares_by_agency", engine=engine, spark=spark, store_dir=tmp_path), level="scheme")

    assert [(r["agency"], r["purpose"], r["basis"], r["value"]) for r in rows] == [
        ("police", "court_report", "consent", 2),
        ("police", "court_report", "override", 1),
    ]


def event(n, kind, when, episode, **data):
    return dict.fromkeys(SCHEMA.names) | {
        "stream": "episode",
        "event_id": n,
        "kind": kind,
        "occurred_at": when,
        "recorded_at": when,
        "episode": episode,
        "scheme_id": 1,
        "region": "Y56",
        "voided": False,
        "data": json.dumps(data),
    }


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_a_closure_counts_in_its_month_unless_the_episode_was_reopened_since(request, tmp_path, engine):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    june, july = datetime(2026, 6, 10, 12, tzinfo=UTC), datetime(2026, 7, 10, 12, tzinfo=UTC)
    rows = {
        "2026-06": [
            event(1, "episode:close", june, "kept", ld_outcome="diverted_out"),
            event(2, "episode:close", june, "reopened", ld_outcome="diverted_within"),
            event(3, "episode:close", june, "closed again", ld_outcome="diverted_within"),
            event(4, "episode:reopen", june + timedelta(hours=1), "reopened"),
            event(5, "episode:reopen", june + timedelta(hours=1), "closed again"),
        ],
        "2026-07": [event(6, "episode:close", july, "closed again", ld_outcome="")],
    }
    for month, events in rows.items():
        month_path(tmp_path, month).parent.mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(events, schema=SCHEMA), month_path(tmp_path, month))

    closed = at(run("closed_by_ld_outcome", engine=engine, spark=spark, store_dir=tmp_path), level="england")

    assert [(r["month"], r["ld_outcome"], r["value"]) for r in closed] == [
        ("2026-06", "diverted_out", 1),
        ("2026-07", "not recorded", 1),
    ]


def test_an_empty_store_gives_no_rows(tmp_path):
    assert run("identified", store_dir=tmp_path) == []


def test_every_measure_is_described_and_its_spark_sql_is_spark_sql():
    for measure in REGISTRY.values():
        assert measure.version >= 1 and measure.description and measure.reads, measure.name
        # SQLGlot reads back what it wrote for Spark, with DuckDB's own functions translated.
        sqlglot.parse_one(spark_sql(measure), read="spark")
        assert "ARG_M" not in spark_sql(measure).upper(), measure.name


def test_the_catalogue_lists_every_measure_with_its_version_and_the_events_it_reads():
    out = StringIO()
    call_command("reporting", "measures", stdout=out)

    for measure in REGISTRY.values():
        assert f"{measure.name} v{measure.version}" in out.getvalue()
    assert "episode:identify" in out.getvalue()
