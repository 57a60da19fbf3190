"""The versioned model file, and the scorer at intake agreeing with Splink on the same pairs."""

from __future__ import annotations

import math

import pytest

from liaison.linkage import model
from liaison.linkage.records import record

_PAIRS = [
    (
        record(1, given_name="Jordan", family_name="Ashworth", date_of_birth="1990-05-17", sex="1", postcode="LS6 2AB"),
        record(2, given_name="Jordon", family_name="Ashworth", date_of_birth="1990-05-17", sex="1", postcode="LS6 2AD"),
    ),
    (
        record(3, given_name="Bob", family_name="Kowalski", date_of_birth="1979-08-04", nhs_number="9990000018"),
        record(4, given_name="Robert", family_name="Kowalsky", date_of_birth="1979-04-08", nhs_number="9990000018"),
    ),
    (
        record(5, given_name="Amina", family_name="Hassan", date_of_birth="2001-02-03", postcode="B12 9QT"),
        record(6, given_name="Hassan", family_name="Amina", date_of_birth="2001-02-13", postcode="B12 9QT"),
    ),
    (
        record(7, given_name="Wei", family_name="Zhang", date_of_birth="1988-12-01", sex="2", pnc_id="19/0012345Q"),
        record(8, given_name="Mei", family_name="Zhang", date_of_birth="1988-12-01", sex="1", pnc_id="2019/12345Q"),
    ),
]


def test_the_model_file_has_a_version_and_the_levels_this_code_defines() -> None:
    current = model.current()
    assert current.version.startswith("person.")
    assert 0 < current.prior < 1


def test_a_model_file_with_other_levels_is_refused() -> None:
    document = {"version": "x", "settings": {"probability_two_random_records_match": 0.1, "comparisons": []}}
    with pytest.raises(model.ModelMismatch):
        model.from_document(document)


def test_agreeing_on_more_gives_a_higher_probability() -> None:
    scorer = model.current()
    a = record(1, given_name="Jordan", family_name="Ashworth", date_of_birth="1990-05-17")
    same = scorer.score(a, record(2, given_name="Jordan", family_name="Ashworth", date_of_birth="1990-05-17"))
    other = scorer.score(a, record(3, given_name="Jordan", family_name="Ashworth", date_of_birth="1971-11-30"))
    assert same.probability > 0.9 > other.probability
    assert [g.field for g in same.agreements] == ["given_name", "family_name", "date_of_birth"]


def test_the_scorer_gives_the_match_weights_splink_predicts_with_the_same_file() -> None:
    from splink import DuckDBAPI, Linker

    from liaison.linkage.training import frame

    scorer = model.current()
    left, right = [p[0] for p in _PAIRS], [p[1] for p in _PAIRS]
    settings = {**scorer.settings, "link_type": "link_only", "blocking_rules_to_generate_predictions": []}
    linker = Linker([frame(left), frame(right)], settings, db_api=DuckDBAPI())
    predicted = linker.inference.predict().as_pandas_dataframe()
    splink = {(str(r.unique_id_l), str(r.unique_id_r)): r.match_weight for r in predicted.itertuples()}
    for a, b in _PAIRS:
        assert math.isclose(scorer.score(a, b).match_weight, splink[(a.unique_id, b.unique_id)], abs_tol=1e-6)
