"""`liaison linkage train | dedupe | index`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from liaison.linkage import model
from liaison.linkage.models import MatchKey
from liaison.people.models import Person

_ROWS = [
    "record_id,given_name,family_name,date_of_birth,sex,postcode,nhs_number,pnc_id",
    "a1,Jordan,Ashworth,1990-05-17,1,LS6 2AB,9990000018,",
    "a2,Jordon,Ashworth,1990-05-17,1,LS6 2AB,,",
    "a3,Ashworth,Jordan,1990-05-17,,,9990000018,",
    "b1,Amina,Hassan,2001-02-03,2,B12 9QT,,2019/0012345Q",
    "b2,Amina,Hasan,2001-03-02,2,,,19/0012345Q",
    "c1,Wei,Zhang,1988-12-01,1,,,",
    "d1,,,,,,,",
]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _clusters(path: Path) -> dict[str, str]:
    with path.open() as f:
        return {row["record_id"]: row["person_key"] for row in csv.DictReader(f)}


def test_dedupe_writes_one_row_per_input_record_and_groups_the_same_person(tmp_path: Path) -> None:
    out = tmp_path / "clusters.csv"
    call_command("linkage", "dedupe", "--input", str(_write(tmp_path, _ROWS)), "--output", str(out))
    keys = _clusters(out)
    assert list(keys) == ["a1", "a2", "a3", "b1", "b2", "c1", "d1"]
    assert keys["a1"] == keys["a2"] == keys["a3"]
    assert keys["b1"] == keys["b2"] != keys["a1"]
    assert len({keys["c1"], keys["d1"], keys["a1"], keys["b1"]}) == 4


def test_dedupe_names_a_missing_column(tmp_path: Path) -> None:
    path = _write(tmp_path, ["record_id,given_name", "1,Jo"])
    with pytest.raises(CommandError, match="no column family_name"):
        call_command("linkage", "dedupe", "--input", str(path), "--output", str(tmp_path / "out.csv"))


def test_dedupe_refuses_a_record_id_given_twice(tmp_path: Path) -> None:
    path = _write(tmp_path, [*_ROWS[:2], _ROWS[1]])
    with pytest.raises(CommandError, match="appears twice"):
        call_command("linkage", "dedupe", "--input", str(path), "--output", str(tmp_path / "out.csv"))


def test_dedupe_says_when_the_input_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("linkage", "dedupe", "--input", str(tmp_path / "none.csv"), "--output", str(tmp_path / "o.csv"))


@pytest.mark.django_db
def test_train_refuses_a_register_too_small_to_learn_from(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="too few to train on"):
        call_command("linkage", "train", "--output", str(tmp_path / "model.json"))


def test_train_on_the_synthetic_set_writes_a_model_the_scorer_reads(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    call_command("linkage", "train", "--synthetic", "1500", "--output", str(out))
    document = json.loads(out.read_text())
    assert document["trained_on"] == "synthetic labelled set: 1,500 records (seed 7)"
    assert model.from_document(document).version == f"person.{int(model.current().version.split('.')[1]) + 1}"


def test_index_rebuilds_the_keys_of_people_loaded_without_them(register: dict[str, Person]) -> None:
    MatchKey.objects.all().delete()
    call_command("linkage", "index")
    assert MatchKey.objects.filter(person=register["jordan"], key="dn:1990-05-17:A263").exists()
