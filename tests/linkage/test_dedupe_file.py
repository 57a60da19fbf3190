"""`liaison linkage dedupe` over a file: the same normal forms as intake, the same clusters as
the in-memory path, bad files refused with a reason and no output left behind."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from liaison.linkage.dedupe import BadInput, clusters, read_records
from liaison.linkage.dedupe_file import dedupe_file, features_of_file
from liaison.linkage.synthetic import labelled_records

HEADER = ["record_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "nhs_number", "pnc_id"]
AWKWARD = [
    ["a1", "  Zoë ", "O'Brien-Smith", "1990-05-17", "F", "ls6 2ab", "999 000 0018", "19/12345A"],
    ["a2", "Łukasz", "Ødegård", "1990-17-05", "male", "", "", "2019/0012345Q"],
    ["a3", "", "", "", "", "", "", ""],
    ["a4", "Æsa", "ßtraße", "2001-02-03", "9", "SW1A 1AA", "12345", "not a pnc"],
    ["a5", "Bob", "Smith", "1985-03-04", "1", "M1 1AE", "9990000026", ""],
    [" a6 ", "Robert", "Smyth", "1985-04-03", "1", "M11AE", "", ""],
]


def write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_every_record_has_the_normal_forms_intake_gives_it(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", AWKWARD)
    assert features_of_file(source) == [r.values() for r in read_records(source)]


def test_a_synthetic_file_clusters_as_the_in_memory_path_does(tmp_path: Path) -> None:
    rows = labelled_records(600, seed=5)
    source = write(tmp_path / "in.csv", [[r[c] for c in HEADER] for r in rows])
    target = tmp_path / "out.csv"
    records, people = dedupe_file(source, target)
    with target.open(newline="") as f:
        written = list(csv.DictReader(f))
    assert [w["record_id"] for w in written] == [r["record_id"] for r in rows]
    expected = clusters(read_records(source))
    # The same partition: the key chosen for a cluster may differ, its members may not.
    by_key: dict[str, set[str]] = {}
    for w in written:
        by_key.setdefault(w["person_key"], set()).add(w["record_id"])
    by_expected: dict[str, set[str]] = {}
    for rid, key in expected.items():
        by_expected.setdefault(key, set()).add(rid)
    assert sorted(map(sorted, by_key.values())) == sorted(map(sorted, by_expected.values()))
    assert (records, people) == (600, len(by_key))
    assert people < records  # the set holds repeat records of the same people


def test_an_empty_file_gives_the_header_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert dedupe_file(write(tmp_path / "in.csv", []), target) == (0, 0)
    assert target.read_text().strip() == "record_id,person_key"


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ([["a", "b"]], ["record_id", "given_name"], "has no column family_name"),
        ([["r1", *[""] * 7], ["", *[""] * 7]], HEADER, "Line 3 has no record_id"),
        ([["r1", *[""] * 7], ["r2", *[""] * 7], ["r1", *[""] * 7]], HEADER, "Line 4: record_id r1 appears twice"),
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_written(tmp_path, rows, header, message) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(BadInput, match=message):
        dedupe_file(write(tmp_path / "in.csv", rows, header), target)
    assert list(tmp_path.iterdir()) == [tmp_path / "in.csv"]


def test_a_file_that_is_not_csv_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b'record_id,given_name\n"unclosed,\x00\xff\n')
    with pytest.raises(BadInput):
        dedupe_file(source, tmp_path / "out.csv")


def test_twins_are_two_people_unless_a_number_says_otherwise(tmp_path: Path) -> None:
    rows = [
        ["t1", "Aaron", "Turner", "1995-03-10", "1", "S12 5SN", "", ""],
        ["t2", "Martyn", "Turner", "1995-03-10", "1", "S12 5SN", "", ""],
        ["t3", "Martyn", "Turner", "1995-03-10", "1", "S12 5SN", "", ""],
        ["t4", "Marty", "Turner", "1995-03-10", "1", "", "", ""],
        # Recorded under a name they do not usually give, with their NHS number.
        ["t5", "Dean", "Turner", "1995-03-10", "1", "S12 5SN", "9990000018", ""],
        ["t6", "Aaron", "Turner", "1995-03-10", "1", "S12 5SN", "9990000018", ""],
    ]
    target = tmp_path / "out.csv"
    dedupe_file(write(tmp_path / "in.csv", rows), target)
    with target.open(newline="") as f:
        key = {row["record_id"]: row["person_key"] for row in csv.DictReader(f)}
    assert key["t2"] == key["t3"] == key["t4"]
    assert key["t1"] != key["t2"]
    assert key["t5"] == key["t6"] == key["t1"]


def test_the_prior_falls_as_the_file_grows() -> None:
    from liaison.linkage import model
    from liaison.linkage.dedupe import file_settings

    trained = model.current()
    assert trained.trained_records
    prior = "probability_two_random_records_match"
    at_training_size = file_settings(trained.trained_records)[prior]
    assert at_training_size == pytest.approx(trained.prior)
    assert file_settings(trained.trained_records * 10)[prior] == pytest.approx(trained.prior / 10)
    # Never raised: a small file is no likelier to hold repeats than the training set.
    assert file_settings(2)[prior] == pytest.approx(trained.prior)
