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
from django.db import connection

from liaison.core import clock
from liaison.pathway.actions import entry_void
from liaison.reporting.engines import run, run_all, spark_sql
from liaison.reporting.measures import COHORTS, REGISTRY
from liaison.reporting.store import LONDON, SCHEMA, month_bounds, month_of, month_path, refresh, with_facts
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
    # Engine against engine over the same store: the operational database only feeds the store
    # (whose refresh the store tests check on both databases), so this slow comparison runs once,
    # on the SQLite pass of `make test`; the small-store Spark tests still run on both.
    if connection.vendor == "postgresql":
        pytest.skip("the DuckDB-and-Spark comparison runs on the SQLite pass; the store is the same")
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("LIAISON_DEMO_PASSWORD", "demo password for tests")
    t0 = time.monotonic()
    call_command("demo", "--seed", "7", "--size", "40", "--today", DEMO_TODAY, verbosity=0, stdout=StringIO())
    refresh()
    t1 = time.monotonic()
    every = [*REGISTRY.values(), *COHORTS.values()]
    on_duckdb = run_all(every, store_dir=analytics)
    t2 = time.monotonic()
    on_spark = run_all(every, store_dir=analytics, engine="spark", spark=spark)
    print(f"demo+refresh {t1 - t0:.1f}s duckdb {t2 - t1:.2f}s spark {time.monotonic() - t2:.1f}s")

    assert set(on_duckdb) == set(REGISTRY) | set(COHORTS)
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
    pq.write_table(pa.Table.from_pylist([with_facts(r) for r in rows], schema=SCHEMA), path)


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
        pq.write_table(
            pa.Table.from_pylist([with_facts(e) for e in events], schema=SCHEMA), month_path(tmp_path, month)
        )

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


def write_events(root, rows):
    """A hand-made store from `event(...)` rows, each in the file of its month (London)."""
    months: dict[str, list] = {}
    for row in rows:
        months.setdefault(month_of(row["occurred_at"]), []).append(row)
    for month, events in months.items():
        month_path(root, month).parent.mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist([with_facts(e) for e in events], schema=SCHEMA), month_path(root, month))


def identify(n, when, episode, **columns):
    return event(n, "episode:identify", when, episode, point_of_contact="custody") | {"person": episode} | columns


def findings(**statuses):
    return [{"domain": d, "status": s, "source": "screening"} for d, s in statuses.items()]


JUNE = datetime(2026, 6, 10, 12, tzinfo=UTC)


def hours(n):
    return JUNE + timedelta(hours=n)


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_needs_count_the_latest_statement_per_domain_not_voided_and_not_rejected(request, tmp_path, engine):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    instrument = "screening:instrument"
    rows = [identify(n, JUNE, e) for n, e in enumerate("abcdefgh")]
    rows += [
        # a: suspected mental health, drugs ruled out: one need
        event(10, "episode:screen", hours(1), "a", findings=findings(mental_health="suspected", drugs="ruled_out")),
        # b: its only screening voided: none
        event(11, "episode:screen", hours(1), "b", findings=findings(alcohol="confirmed")) | {"voided": True},
        event(12, "entry:void", hours(2), "b", voided_kind="episode:screen") | {"voids_event_id": 11},
        # c: an instrument's suggestion confirmed, and a finding it recorded itself
        event(13, instrument, hours(1), "c", suggested=[{"domain": "self_harm", "status": "suspected"}])
        | {"data": json.dumps({"suggested": [{"domain": "self_harm"}], "findings": findings(trauma="confirmed")})},
        event(14, "finding:decide", hours(2), "c", domain="self_harm", decision="confirmed", status="suspected")
        | {"decides_event_id": 13},
        # d: a suggestion confirmed, then its instrument voided: none
        event(15, instrument, hours(1), "d", findings=[]) | {"voided": True},
        event(16, "finding:decide", hours(2), "d", domain="drugs", decision="confirmed", status="suspected")
        | {"decides_event_id": 15},
        # e: suspected, then ruled out by a later screening: none
        event(17, "episode:screen", hours(1), "e", findings=findings(mental_health="suspected")),
        event(18, "episode:screen", hours(3), "e", findings=findings(mental_health="ruled_out")),
        # f: a suggestion rejected (its status stays the suggested one), another changed to ruled out
        event(19, instrument, hours(1), "f", findings=[]),
        event(20, "finding:decide", hours(2), "f", domain="drugs", decision="rejected", status="suspected")
        | {"decides_event_id": 19},
        event(21, "finding:decide", hours(2), "f", domain="alcohol", decision="changed", status="ruled_out")
        | {"decides_event_id": 19},
        # g: ruled out at first, confirmed a month later: counts in the month it was identified
        event(22, "episode:screen", hours(1), "g", findings=findings(housing="ruled_out")),
        event(23, "episode:screen", JUNE + timedelta(days=30), "g", findings=findings(housing="confirmed")),
        # h: only a retired code, a fact about the person and not a need
        event(24, "episode:screen", hours(1), "h", findings=findings(woman="confirmed")),
    ]
    write_events(tmp_path, rows)

    figures = run_all(
        ["identified_with_a_need", "identified_by_vulnerability"], store_dir=tmp_path, engine=engine, spark=spark
    )

    assert [
        (r["month"], r["numerator"], r["denominator"]) for r in at(figures["identified_with_a_need"], level="scheme")
    ] == [("2026-06", 3, 8)]
    by_domain = at(figures["identified_by_vulnerability"], level="england")
    assert [(r["domain"], r["value"]) for r in by_domain] == [
        ("housing", 1),
        ("mental_health", 1),
        ("self_harm", 1),
        ("trauma", 1),
    ]


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_a_screening_finding_every_domain_counts_each_and_leaves_out_the_retired_ones(request, tmp_path, engine):
    from liaison.core.vocabulary import RETIRED_VULNERABILITIES, Vulnerability
    from liaison.reporting.measures import RETIRED_DOMAINS

    spark = request.getfixturevalue("spark") if engine == "spark" else None
    every = {v.value: "suspected" for v in Vulnerability} | dict.fromkeys(RETIRED_VULNERABILITIES, "confirmed")
    write_events(
        tmp_path, [identify(1, JUNE, "a"), event(2, "episode:screen", hours(1), "a", findings=findings(**every))]
    )

    by_domain = at(run("identified_by_vulnerability", store_dir=tmp_path, engine=engine, spark=spark), level="england")

    assert set(RETIRED_DOMAINS) == set(RETIRED_VULNERABILITIES)
    assert sorted((r["domain"], r["value"]) for r in by_domain) == sorted((v.value, 1) for v in Vulnerability)


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_within_target_is_from_identification_to_the_first_screening_not_voided(request, tmp_path, engine):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    rows = []
    for n, (target, waits, voided) in enumerate(
        [(60, [60], ()), (60, [61], ()), (60, [30, 90], (0,)), (240, [200], ())]
    ):
        rows.append(identify(10 * n, JUNE, f"e{n}", target_minutes=target))
        for i, wait in enumerate(waits):
            screened = event(10 * n + 1 + i, "episode:screen", JUNE + timedelta(minutes=wait), f"e{n}", findings=[])
            rows.append(screened | {"voided": i in voided})
    write_events(tmp_path, rows)

    (row,) = at(run("screened_within_target", store_dir=tmp_path, engine=engine, spark=spark), level="region")

    assert (row["area"], row["numerator"], row["denominator"]) == ("Y56", 2, 4)


def update(n, when, referral, transition, **data):
    return event(n, "referral:update", when, "e", referral_id=referral, transition=transition, **data)


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_referral_steps_count_in_the_month_of_each_step(request, tmp_path, engine):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    july, august = JUNE + timedelta(days=30), JUNE + timedelta(days=61)
    rows = [
        event(1, "episode:refer", JUNE, "e", referral_id=1),
        update(2, JUNE, 1, "accept"),
        update(3, july, 1, "attend", accompanied=True),
        update(4, july, 1, "engage"),
        update(5, july + timedelta(days=1), 1, "disengage"),
        update(6, july + timedelta(days=2), 1, "engage"),  # re-engaged: the first engagement counts
        event(7, "episode:refer", JUNE, "e", referral_id=2),
        update(8, july, 2, "accept"),
        update(9, july, 2, "did_not_attend"),
        update(10, august, 2, "attend", accompanied=True),  # not the first appointment
        event(11, "episode:refer", JUNE, "e", referral_id=3) | {"voided": True},
        update(12, JUNE, 3, "accept"),  # of a voided referral: nothing
        event(13, "episode:refer", JUNE, "e", referral_id=4),
        update(14, JUNE, 4, "decline"),
        update(15, JUNE, 4, "resubmit"),
        update(16, july, 4, "accept"),
        event(17, "episode:refer", july, "e", referral_id=5),
        update(18, july, 5, "accept"),
        update(19, july, 5, "attend", accompanied=False),
    ]
    write_events(tmp_path, rows)

    progress = at(run("referral_progress", store_dir=tmp_path, engine=engine, spark=spark), level="scheme")

    columns = ("made", "accepted", "first_appointment_attended", "engaged", "accompanied_to_first_appointment")
    assert [(r["month"], *(r[c] for c in columns)) for r in progress] == [
        ("2026-06", 3, 1, 0, 0, 0),
        ("2026-07", 1, 3, 2, 1, 1),
    ]


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_data_quality_shares_nhs_number_and_ethnicity(request, tmp_path, engine):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    people = [(True, "White"), (False, "Not stated"), (None, "Not known"), (True, None), (True, "Mixed")]
    write_events(
        tmp_path,
        [identify(n, JUNE, f"e{n}", nhs_number_known=k, ethnic_group=g) for n, (k, g) in enumerate(people)],
    )

    figures = run_all(["nhs_number_unknown", "ethnicity_not_stated"], store_dir=tmp_path, engine=engine, spark=spark)

    (nhs,) = at(figures["nhs_number_unknown"], level="england")
    (ethnicity,) = at(figures["ethnicity_not_stated"], level="england")
    assert (nhs["numerator"], nhs["denominator"]) == (2, 5)
    assert (ethnicity["numerator"], ethnicity["denominator"]) == (3, 5)


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_open_over_90_days_at_the_end_of_each_month_closed_and_reopened(request, tmp_path, engine):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    # The end of June is 1 July 00:00 BST, 30 June 23:00 UTC: 90 days before is 1 April 23:00 UTC.
    ninety_days_before_june_ends = datetime(2026, 4, 1, 23, tzinfo=UTC)
    utc = lambda month, day: datetime(2026, month, day, 12, tzinfo=UTC)  # noqa: E731
    write_events(
        tmp_path,
        [
            identify(1, utc(3, 1), "a"),
            identify(2, utc(3, 2), "b"),
            event(3, "episode:close", utc(5, 20), "b"),
            event(4, "episode:reopen", utc(6, 5), "b"),
            identify(5, utc(3, 3), "c"),
            event(6, "episode:close", utc(6, 10), "c"),
            event(7, "episode:reenter", utc(6, 20), "c"),
            event(8, "episode:close", utc(7, 1), "c"),
            identify(9, ninety_days_before_june_ends, "exactly 90 days"),
            identify(10, ninety_days_before_june_ends - timedelta(seconds=1), "a second more"),
        ],
    )

    rows = at(run("open_over_90_days", store_dir=tmp_path, engine=engine, spark=spark), level="scheme")

    assert [(r["month"], r["numerator"], r["denominator"]) for r in rows] == [
        ("2026-03", 0, 3),
        ("2026-04", 0, 5),
        ("2026-05", 1, 4),
        ("2026-06", 4, 5),
        ("2026-07", 4, 4),
    ]


def test_the_end_of_a_month_is_london_midnight_in_every_month_of_a_century():
    import duckdb

    from liaison.reporting.measures import MONTH_END

    months = [f"{y}-{m:02d}" for y in range(2000, 2100) for m in range(1, 13)]
    values = ", ".join(f"('{m}')" for m in months)
    got = duckdb.sql(f"SELECT c.month, {MONTH_END} AS e FROM (VALUES {values}) AS c(month) ORDER BY 1").fetchall()  # noqa: S608

    assert [(m, e.astimezone(UTC)) for m, e in got] == [(m, month_bounds(m)[1].astimezone(UTC)) for m in months]


def test_a_refresh_keeps_the_relations_and_runs_read_them_only_while_they_match_the_store(
    network, analytics, monkeypatch
):
    from dataclasses import replace

    from liaison.reporting import engines
    from liaison.reporting.measures import RELATIONS

    month = factories.episodes_last_month(by=network.practitioner_a, site=network.custody_a, count=3)
    refresh()
    assert engines.facts_current(analytics)
    kept = run_all(store_dir=analytics, months=[month])

    # A new version of a relation: the kept one is stale, and the run computes it instead.
    needs = RELATIONS["needs"]
    monkeypatch.setitem(RELATIONS, "needs", replace(needs, version=needs.version + 1))
    assert not engines.facts_current(analytics)
    assert run_all(store_dir=analytics, months=[month]) == kept
    monkeypatch.setitem(RELATIONS, "needs", needs)

    # A changed store: the next refresh keeps relations of the store as it is now.
    factories.episodes_last_month(by=network.practitioner_a, site=network.custody_a, count=2)
    refresh()
    assert engines.facts_current(analytics)
    (row,) = at(run("identified", store_dir=analytics, months=[month]), level="scheme")
    assert row["value"] == 5
