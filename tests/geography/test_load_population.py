"""`liaison geography load-population FILE --year YYYY` loads a newer estimate whole, or names
every problem in the file and writes nothing."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.geography.models import PopulationEstimate, PopulationRelease
from liaison.geography.reference import POPULATION, POPULATION_BY_AGE


def shipped_rows() -> list[dict[str, str]]:
    with POPULATION.open() as f:
        return list(csv.DictReader(f))


def write(tmp_path: Path, rows: list[dict[str, str]], *, header: list[str] | None = None) -> Path:
    path = tmp_path / "estimates.csv"
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header or list(rows[0]), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return path


def load(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("geography", "load-population", str(path), *args, stdout=out)
    return out.getvalue()


def refused(path: Path, *args: str) -> str:
    before = (PopulationRelease.objects.count(), PopulationEstimate.objects.count())
    with pytest.raises(CommandError) as e:
        load(path, *args)
    assert (PopulationRelease.objects.count(), PopulationEstimate.objects.count()) == before, "something was written"
    return str(e.value)


def grown(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{**r, "population": str(int(r["population"]) + 100)} for r in rows]


def test_it_loads_a_newer_year_and_says_what_it_loaded(reference, tmp_path):
    out = load(write(tmp_path, grown(shipped_rows())), "--year", "2024", "--source", "ONS mid-2024")
    assert "Loaded mid-2024: 296 figures for 296 local authorities; England 57,719,923" in out
    release = PopulationRelease.objects.get(year=2024)
    assert (release.source, release.rows, len(release.sha256)) == ("ONS mid-2024", 296, 64)
    liverpool = PopulationEstimate.objects.get(release=release, local_authority__code="E08000012")
    assert liverpool.population == 503_740 + 100


def test_it_takes_breakdowns_by_sex_and_age_beside_the_totals(reference, tmp_path):
    rows = [{**r, "sex": "persons", "age": "all"} for r in shipped_rows()]
    rows += [
        {"code": "E08000012", "sex": "female", "age": "all", "population": "253,000"},
        {"code": "E08000012", "sex": "male", "age": "all", "population": "250740"},
        {"code": "E08000012", "sex": "female", "age": "18-24", "population": "40000"},
        {"code": "E08000012", "sex": "male", "age": "90+", "population": "1200"},
    ]
    load(write(tmp_path, rows, header=["code", "name", "sex", "age", "population"]), "--year", "2024")
    release = PopulationRelease.objects.get(year=2024)
    assert release.rows == 300
    assert PopulationEstimate.objects.get(release=release, sex="female", age="all").population == 253_000


def test_a_years_totals_and_its_age_bands_load_together_from_two_files(reference, tmp_path):
    totals = write(tmp_path, grown(shipped_rows()))
    bands = tmp_path / "bands.csv"
    bands.write_text(POPULATION_BY_AGE.read_text())
    out = load(totals, str(bands), "--year", "2024")
    assert "Loaded mid-2024: 2,368 figures for 296 local authorities; England 57,719,923" in out
    release = PopulationRelease.objects.get(year=2024)
    assert release.source == "estimates.csv and bands.csv"
    hartlepool = PopulationEstimate.objects.get(release=release, local_authority__code="E06000001", age="10-17")
    assert hartlepool.population == 9750


def test_age_bands_without_their_totals_are_refused(reference, tmp_path):
    bands = tmp_path / "bands.csv"
    bands.write_text(POPULATION_BY_AGE.read_text())
    assert "296 local authorities have no persons, all-ages total" in refused(bands, "--year", "2024")


def test_ages_that_overlap_or_outnumber_the_total_are_refused(reference, tmp_path):
    bands = tmp_path / "bands.csv"
    bands.write_text(
        "code,age_band,population\nE06000053,10-17,100\nE06000053,17,5\nE06000001,65+,95367\nE06000001,24-18,1\n"
    )
    message = refused(write(tmp_path, shipped_rows()), str(bands), "--year", "2024")
    assert "E06000053 persons: ages 10-17 and 17 overlap" in message
    assert "E06000001 persons: the ages given add up to 95,367, more than all ages (95,366)" in message
    assert "bands.csv line 5: age band '24-18' ends before it starts" in message


def test_a_cell_given_in_two_files_is_refused(reference, tmp_path):
    again = tmp_path / "again.csv"
    again.write_text("code,population\nE06000001,95366\n")
    message = refused(write(tmp_path, shipped_rows()), str(again), "--year", "2024")
    assert "again.csv line 2: E06000001 persons all is given twice (first on estimates.csv line 2)" in message


def test_a_year_already_loaded_is_replaced_only_when_asked(reference, tmp_path):
    path = write(tmp_path, grown(shipped_rows()))
    assert "already loaded; give --replace" in refused(path, "--year", "2023")
    load(path, "--year", "2023", "--replace")
    assert PopulationRelease.objects.filter(year=2023).count() == 1
    assert PopulationEstimate.objects.get(release__year=2023, local_authority__code="E06000053").population == 2329


def test_it_names_each_bad_line_and_writes_nothing(reference, tmp_path):
    rows = shipped_rows()
    rows[0]["code"] = "E99999999"
    rows[1]["population"] = "lots"
    rows[2]["population"] = "-5"
    rows.append(dict(rows[3]))
    message = refused(write(tmp_path, rows), "--year", "2024")
    assert "line 2: E99999999 is not one of England's local authorities" in message
    assert "line 3: population 'lots' is not a whole number of people" in message
    assert "line 4: population '-5' is not a whole number of people" in message
    assert "is given twice (first on line 5)" in message
    # The lines refused leave their local authorities without a total.
    assert "3 local authorities have no persons, all-ages total: E06000001, E06000002, E06000003" in message


def test_a_file_missing_local_authorities_is_refused_whole(reference, tmp_path):
    message = refused(write(tmp_path, shipped_rows()[:10]), "--year", "2024")
    assert "286 local authorities have no persons, all-ages total" in message


def test_sexes_that_do_not_add_up_to_persons_are_refused(reference, tmp_path):
    rows = [
        *shipped_rows(),
        {"code": "E08000012", "sex": "female", "population": "1"},
        {"code": "E08000012", "sex": "male", "population": "2"},
    ]
    message = refused(write(tmp_path, rows, header=["code", "sex", "population"]), "--year", "2024")
    assert "E08000012: females (1) and males (2) do not add up to persons (503,740)" in message


def test_unknown_sexes_and_ages_are_refused(reference, tmp_path):
    rows = [*shipped_rows(), {"code": "E08000012", "sex": "both", "age": "old", "population": "3"}]
    message = refused(write(tmp_path, rows, header=["code", "sex", "age", "population"]), "--year", "2024")
    assert "sex 'both' is not persons, female or male" in message
    assert "age 'old' is not all, a year (17) or a band (18-24, 90+)" in message


def test_a_file_without_the_needed_columns_is_refused(reference, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("area,people\nE08000012,1\n")
    assert "the header has no code or population column" in refused(path, "--year", "2024")


def test_a_long_list_of_problems_is_cut_short(reference, tmp_path):
    rows = [{**r, "population": "x"} for r in shipped_rows()]
    message = refused(write(tmp_path, rows), "--year", "2024")
    assert "... and 277 more" in message


@pytest.mark.parametrize("year", ["1990", "2999"])
def test_a_year_outside_the_estimates_is_refused(reference, tmp_path, year):
    assert "--year must be a mid-year from 1991" in refused(write(tmp_path, shipped_rows()), "--year", year)


def test_a_missing_or_binary_file_is_refused_plainly(reference, tmp_path):
    assert "Cannot read" in refused(tmp_path / "absent.csv", "--year", "2024")
    binary = tmp_path / "estimates.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")
    assert "is not UTF-8 text" in refused(binary, "--year", "2024")


def test_the_summary_says_what_is_loaded(reference):
    out = StringIO()
    call_command("geography", "summary", stdout=out)
    assert "9 regions, 39 police force areas, 296 local authorities" in out.getvalue()
    assert "mid-2023: England 57,690,323 (2,368 figures, with age bands)" in out.getvalue()
