"""Fixtures for the standards tests: the shipped framework, scheme managers for A and B, and
self-assessments at each step of their life."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from liaison.accounts.models import User
from liaison.organisations.models import Role
from liaison.reporting.figures import Computed
from liaison.standards.actions import RatingInput, rating_record, self_assessment_start, self_assessment_submit
from liaison.standards.framework import load
from liaison.standards.models import Framework, RatingValue, SelfAssessment, Submission
from liaison.standards.selectors import criteria_of
from tests import factories
from tests.conftest import Network

PERIOD = "2025-Q1"
# Submissions in these tests read no store: an empty one, so nothing has to be refreshed.
NO_FIGURES = Computed(rows={}, store_version="empty", refreshed_at=None)


@dataclass
class Standards:
    network: Network
    framework: Framework
    manager_a: User
    manager_b: User

    def start(self, *, by: User | None = None, scheme=None, period: str = PERIOD) -> SelfAssessment:
        return self_assessment_start(
            scheme=scheme or self.network.scheme_a, framework=self.framework, period=period, by=by or self.manager_a
        )

    def rate_all(self, assessment: SelfAssessment, *, by: User | None = None, rating: str = RatingValue.MET) -> None:
        for c in criteria_of(self.framework):
            if c.measured:
                continue
            given = RatingInput(rating=rating, evidence=f"Evidence for {c.code}")
            if rating != RatingValue.MET:
                given = RatingInput(
                    rating=rating, evidence="Partly", action="Fix it", owner="Service manager", due=date(2025, 9, 30)
                )
            rating_record(assessment=assessment, criterion=c, given=given, by=by or self.manager_a)

    def submitted(self, *, scheme=None, by: User | None = None, rating: str = RatingValue.MET) -> Submission:
        a = self.start(scheme=scheme, by=by)
        self.rate_all(a, by=by, rating=rating)
        return self_assessment_submit(assessment=a, by=by or self.manager_a, computed=NO_FIGURES)


@pytest.fixture
def standards(network: Network) -> Standards:
    return Standards(
        network=network,
        framework=load().framework,
        manager_a=factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a),
        manager_b=factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_b),
    )
