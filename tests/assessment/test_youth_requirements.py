"""A child's assessment cannot recommend an adult treatment requirement (MHTR, DRR, ATR)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from liaison.assessment.actions import AssessmentContent, assessment_start
from liaison.core.errors import Invalid
from liaison.screening.actions import FindingInput, screening_record
from tests import factories


def _screened(network, born: date):
    by = network.practitioner_a
    who = factories.person(by=by, scheme=network.scheme_a, date_of_birth=born)
    episode = factories.episode(by=by, site=network.court_a, who=who)
    screening_record(
        by=by,
        episode=episode,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="same_day",
        needs_assessment=True,
    )
    return episode


def test_a_childs_assessment_refuses_adult_treatment_requirements(network):
    episode = _screened(network, date.today() - timedelta(days=17 * 365))
    with pytest.raises(Invalid) as e:
        assessment_start(
            by=network.practitioner_a,
            episode=episode,
            content=AssessmentContent(treatment_requirements=["mental_health"]),
        )
    assert "not available under 18" in e.value.errors["treatment_requirements"]


def test_an_adults_assessment_may_recommend_them(network):
    episode = _screened(network, date(1990, 5, 17))
    draft = assessment_start(
        by=network.practitioner_a, episode=episode, content=AssessmentContent(treatment_requirements=["mental_health"])
    )
    assert draft.treatment_requirements == ["mental_health"]
