"""Measured criteria are filled from the reporting measures over the analytics store; a measure
the catalogue lacks is said to be missing, never given a number."""

from __future__ import annotations

from liaison.reporting.figures import all_rows
from liaison.reporting.freshness import refresh_in_turn
from liaison.standards.actions import self_assessment_submit
from liaison.standards.measured import figure, rating_from
from liaison.standards.models import Criterion
from liaison.standards.periods import parse
from tests import factories


def _quarter_of(month: str) -> str:
    year, m = month.split("-")
    return f"{year}-Q{(int(m) - 1) // 3 + 1}"


def test_a_submission_keeps_the_measured_figures_from_the_measures(standards):
    n = standards.network
    month = factories.episodes_last_month(by=n.practitioner_a, site=n.custody_a, count=9)
    a = standards.start(period=_quarter_of(month))
    standards.rate_all(a)
    submission = self_assessment_submit(assessment=a, by=standards.manager_a)
    screened = submission.line("COV.1.3")
    # Nine identified last month, none screened: 0 of 9, below the framework's 70% for partly met.
    assert screened["figure"]["numerator"] == 0 and screened["figure"]["denominator"] == 9
    assert screened["rating"] == screened["rating_from_data"] == "not_met"
    assert screened["figure"]["measure"] == "screened_of_identified" and screened["figure"]["measure_version"] == 1


def test_a_rate_of_what_is_missing_is_turned_into_what_is_recorded(standards):
    n = standards.network
    month = factories.episodes_last_month(by=n.practitioner_a, site=n.custody_a, count=8)
    refresh_in_turn()
    c = Criterion.objects.get(framework=standards.framework, code="DEM.2.2")  # ethnicity recorded
    f = figure(c, all_rows(), level="scheme", area=str(n.scheme_a.pk), period=parse(_quarter_of(month)))
    assert f.denominator == 8 and f.available
    unknown = figure(
        Criterion(measure={**c.measure, "invert": False}),
        all_rows(),
        level="scheme",
        area=str(n.scheme_a.pk),
        period=parse(_quarter_of(month)),
    )
    assert f.numerator == 8 - unknown.numerator


def test_a_measure_not_in_the_catalogue_is_said_to_be_missing(standards):
    c = Criterion.objects.get(framework=standards.framework, code="QS163.1.4")
    f = figure(c, all_rows(), level="scheme", area="1", period=parse("2025-Q1"))
    assert not f.available and "No measure named feedback_responses" in f.missing
    assert rating_from(c, f) == ""


def test_a_period_without_activity_has_no_figure_rather_than_a_zero(standards):
    c = Criterion.objects.get(framework=standards.framework, code="ACC.1.3")
    f = figure(c, all_rows(), level="england", area="England", period=parse("2019-Q1"))
    assert f.missing == "Nothing was counted in this period."
