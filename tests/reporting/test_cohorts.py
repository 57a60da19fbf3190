"""Outcomes by cohort: each measure on a small hand-built store, worked out by hand, on both engines."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from liaison.reporting.engines import run_all, spark_sql
from liaison.reporting.measures import COHORTS, REGISTRY
from tests.reporting.test_measures import event, findings, identify, write_events


def day(month, d, hour=12):
    return datetime(2026, month, d, hour, tzinfo=UTC)


def person_event(n, kind, when, person, merged, into=None):
    return event(n, kind, when, None) | {
        "stream": "person",
        "person": person,
        "data": json.dumps({"merged_id": merged} | ({"into_id": into} if into else {})),
    }


def contact(n, when, episode, person, band):
    return identify(n, when, episode, person=person, age_band=band)


def closure(n, when, episode, justice_outcome, sentence_type=""):
    return event(n, "episode:close", when, episode, justice_outcome=justice_outcome, sentence_type=sentence_type)


# January: a, b, c, d and e are first met. a is met again 50 days later, b 151 days later; record d2
# (met 30 days after d) was merged into d; e2 was merged into e and the merge undone, so e2 is a
# person of their own, first met in February. The latest event is on 15 August.
STORE = [
    contact(1, day(1, 10), "a1", "a", "25-34"),
    contact(2, day(3, 1), "a2", "a", "25-34"),
    contact(3, day(1, 20), "b1", "b", "25-34"),
    contact(4, day(6, 20), "b2", "b", "25-34"),
    contact(5, day(1, 5), "c1", "c", "25-34"),
    contact(6, day(1, 15), "d1", "d", "18-24"),
    contact(7, day(2, 14), "d2", "d2", "18-24"),
    contact(8, day(1, 25), "e1", "e", "18-24"),
    contact(9, day(2, 1), "e2", "e2", "18-24"),
    # As people_merge writes them: on both records, the absorbed record's copy last. d's merge is
    # also given as an older event would have it, on the kept record without `into_id`.
    person_event(10, "person:merge", day(3, 1), "d", "d2"),
    person_event(15, "person:merge", day(3, 1), "d2", "d2", into="d"),
    person_event(11, "person:merge", day(3, 1), "e", "e2", into="e"),
    person_event(16, "person:merge", day(3, 1), "e2", "e2", into="e"),
    person_event(12, "person:unmerge", day(3, 2), "e", "e2", into="e"),
    person_event(17, "person:unmerge", day(3, 2), "e2", "e2", into="e"),
    event(13, "episode:screen", day(1, 10, 13), "a1", findings=findings(mental_health="suspected")),
    event(14, "episode:screen", day(1, 20, 13), "b1", findings=findings(mental_health="confirmed", drugs="suspected")),
    # a1's first appointment missed (then one attended) and engaged; b1's attended, not engaged;
    # c1's referral was voided.
    event(20, "episode:refer", day(1, 11), "a1", referral_id=1),
    event(21, "referral:update", day(1, 12), "a1", referral_id=1, transition="did_not_attend"),
    event(22, "referral:update", day(1, 19), "a1", referral_id=1, transition="attend"),
    event(23, "referral:update", day(1, 26), "a1", referral_id=1, transition="engage"),
    event(24, "episode:refer", day(1, 21), "b1", referral_id=2),
    event(25, "referral:update", day(1, 28), "b1", referral_id=2, transition="attend"),
    event(26, "episode:refer", day(1, 6), "c1", referral_id=3) | {"voided": True},
    event(27, "referral:update", day(1, 7), "c1", referral_id=3, transition="attend"),
    # Disposals 10, 20, 3 and 7 days after identification; c1's was reopened; e2's outcome is not known.
    closure(30, day(1, 20), "a1", "sentenced", "custodial"),
    closure(31, day(2, 9), "b1", "sentenced", "community_order"),
    closure(32, day(1, 18), "d1", "sentenced", "suspended"),
    closure(33, day(2, 1), "e1", "no_further_action"),
    closure(34, day(1, 6), "c1", "sentenced", "fine"),
    event(35, "episode:reopen", day(1, 7), "c1"),
    closure(36, day(2, 3), "e2", "not_known"),
    event(40, "episode:note", day(8, 15), "a2"),
]


@pytest.fixture
def figures(request, tmp_path):
    def run(engine):
        spark = request.getfixturevalue("spark") if engine == "spark" else None
        write_events(tmp_path, STORE)
        return run_all(COHORTS.values(), store_dir=tmp_path, engine=engine, spark=spark)

    return run


def of(rows, month, breakdown="all", category="all", level="scheme"):
    found = [
        {k: v for k, v in r.items() if k not in ("level", "area", "month", "breakdown", "category")}
        for r in rows
        if (r["level"], r["month"], r["breakdown"], r["category"]) == (level, month, breakdown, category)
    ]
    return found[0] if len(found) == 1 else found


ENGINES = pytest.mark.parametrize("engine", ["duckdb", "spark"])


@ENGINES
def test_recontact_counts_a_new_episode_of_the_linked_person_within_each_window(figures, engine):
    rows = figures(engine)["cohort_recontact"]

    # January closed on 1 February: 195 days before the latest event, so 3 and 6 months are known.
    assert of(rows, "2026-01") == {
        "people": 5,
        "recontact_3_months": 2,  # a (50 days) and d (its merged record, 30 days)
        "recontact_6_months": 3,  # and b (151 days)
        "recontact_12_months": None,  # not known yet: not 0
    }
    # d2 is d's; e2, unmerged, is first met in February, whose 6-month window has not closed.
    assert of(rows, "2026-02") == {
        "people": 1,
        "recontact_3_months": 0,
        "recontact_6_months": None,
        "recontact_12_months": None,
    }
    assert of(rows, "2026-01", "age_band", "18-24") == {
        "people": 2,
        "recontact_3_months": 1,
        "recontact_6_months": 1,
        "recontact_12_months": None,
    }
    assert of(rows, "2026-01", "need", "mental_health")["recontact_6_months"] == 2
    assert of(rows, "2026-01", "need", "drugs")["people"] == 1
    assert of(rows, "2026-01", "need", "none recorded")["people"] == 3
    assert {r["month"] for r in rows} == {"2026-01", "2026-02"}
    assert of(rows, "2026-01", level="region") == of(rows, "2026-01")


@ENGINES
def test_engagement_is_among_the_referred_of_the_cohort(figures, engine):
    rows = figures(engine)["cohort_referral_engagement"]

    assert of(rows, "2026-01") == {"people": 5, "referred": 2, "attended_first_appointment": 1, "engaged": 1}


@ENGINES
def test_sentenced_index_episodes_are_custodial_or_in_the_community(figures, engine):
    rows = figures(engine)["cohort_sentences"]

    # a custodial; b a community order, d a suspended sentence; c's closure was reopened.
    assert of(rows, "2026-01") == {"sentenced": 3, "custodial": 1, "community": 2}
    assert of(rows, "2026-02") == []


@ENGINES
def test_time_to_disposal_is_the_median_days_to_a_closure_with_a_justice_outcome(figures, engine):
    rows = figures(engine)["cohort_time_to_disposal"]

    # 3, 7, 10 and 20 days: the median is 8.5; e2's outcome is not known, so February has none.
    assert of(rows, "2026-01") == {"disposed": 4, "median_days": 8.5}
    assert of(rows, "2026-01", "age_band", "18-24") == {"disposed": 2, "median_days": 5.0}
    assert of(rows, "2026-02") == []


def test_cohort_measures_are_described_and_are_not_part_of_the_monthly_return():
    for measure in COHORTS.values():
        assert measure.version >= 1 and measure.description and measure.by == ("breakdown", "category")
        assert spark_sql(measure)  # SQLGlot writes it for Spark
        assert measure.name not in REGISTRY
    recontact = COHORTS["cohort_recontact"].description
    assert "re-contact with liaison and diversion, not reoffending" in recontact


MERGED = [
    contact(1, day(1, 10), "x1", "x", "25-34"),
    contact(2, day(1, 20), "y1", "y", "25-34"),
    contact(3, day(1, 21), "z1", "z", "25-34"),
    contact(4, day(1, 22), "w1", "w", "25-34"),
    person_event(5, "person:merge", day(2, 1), "x", "y", into="x"),
    person_event(6, "person:merge", day(2, 1), "y", "y", into="x"),
    person_event(7, "person:merge", day(2, 1), "z", "w", into="z"),
    person_event(8, "person:unmerge", day(2, 2), "z", "w", into="z"),
]


@ENGINES
def test_distinct_people_count_a_merged_record_as_the_one_it_was_merged_into(request, tmp_path, engine):
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    write_events(tmp_path, MERGED)
    rows = run_all([REGISTRY["people"], REGISTRY["identified"]], store_dir=tmp_path, engine=engine, spark=spark)
    # x and y are one person; w was merged into z and the merge undone, so they are two.
    january = {
        name: [r["value"] for r in rows[name] if (r["level"], r["month"]) == ("scheme", "2026-01")]
        for name in ("people", "identified")
    }
    assert january == {"people": [3], "identified": [4]}
