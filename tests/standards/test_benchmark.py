"""The benchmark puts a scheme beside its region and England, with small numbers suppressed
below England by the disclosure rule."""

from __future__ import annotations

from liaison.reporting.disclosure import SUPPRESSED, PublishedCount
from liaison.standards.benchmark import benchmark
from liaison.standards.models import RatingValue
from liaison.standards.periods import parse
from tests import factories
from tests.standards.conftest import NO_FIGURES, PERIOD


def _benchmark(standards, scheme):
    return benchmark(scheme=scheme, framework=standards.framework, period=parse(PERIOD), computed=NO_FIGURES, raw=False)


def test_a_region_of_few_schemes_shows_its_ratings_suppressed_and_england_as_they_are(standards):
    n = standards.network
    standards.submitted()
    standards.submitted(scheme=n.scheme_b, by=standards.manager_b, rating=RatingValue.PARTLY)
    b = _benchmark(standards, n.scheme_a)
    line = next(line for line in b.lines if line.criterion.code == "COV.1.1")
    assert line.scheme_rating == RatingValue.MET
    region = {s.rating: s for s in line.region.shares}
    england = {s.rating: s for s in line.england.shares}
    # Both test schemes share a region: 1 met and 1 partly met there, shown as `*`.
    assert region["met"].count is SUPPRESSED and region["met"].percent is SUPPRESSED
    assert region["not_met"].count == PublishedCount(0)
    assert england["met"].count == 1 and england["partly"].count == 1
    assert str(england["met"].percent) == "50.0"


def test_a_region_with_enough_schemes_shows_rounded_counts(standards):
    n = standards.network
    for _ in range(9):
        scheme = factories.scheme()
        scheme.region = n.scheme_a.region
        scheme.save(update_fields=["region"])
        lead = factories.staff(role="team_lead", scheme=scheme)
        standards.submitted(scheme=scheme, by=lead)
    line = next(line for line in _benchmark(standards, n.scheme_a).lines if line.criterion.code == "COV.1.1")
    region = {s.rating: s for s in line.region.shares}
    assert region["met"].count == PublishedCount(10)  # 9 schemes, rounded to the nearest 5


def test_measured_criteria_show_values_and_a_missing_measure_says_so(standards):
    b = _benchmark(standards, standards.network.scheme_a)
    measured = {line.criterion.code: line for line in b.lines if line.criterion.measured}
    assert measured["COV.1.3"].scheme_value is None and measured["COV.1.3"].england_value is None
    assert "No measure named feedback_responses" in measured["QS163.1.4"].missing


def test_a_scheme_that_has_not_submitted_shows_no_rating(standards):
    b = _benchmark(standards, standards.network.scheme_b)
    assert b.submitted is None
    assert all(line.scheme_rating == "" for line in b.lines)
