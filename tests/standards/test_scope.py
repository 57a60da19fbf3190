"""Who sees which self-assessments: a scheme's own staff see its drafts; every reporting role
sees every scheme's submissions; another scheme's draft is not found."""

from __future__ import annotations

import pytest

from liaison.core.errors import NotFound
from liaison.standards.selectors import assessment_for, assessments_for


def test_another_schemes_draft_is_not_found(standards):
    draft = standards.start()
    for outsider in (standards.manager_b, standards.network.team_lead_b, standards.network.commissioner):
        with pytest.raises(NotFound):
            assessment_for(user=outsider, assessment_id=draft.pk)


def test_the_schemes_own_team_lead_sees_its_draft(standards):
    draft = standards.start()
    assert assessment_for(user=standards.network.team_lead_a, assessment_id=draft.pk) == draft


def test_every_reporting_role_sees_every_schemes_submission(standards):
    submission = standards.submitted()
    n = standards.network
    for user in (standards.manager_b, n.team_lead_b, n.commissioner, n.analyst):
        assert assessment_for(user=user, assessment_id=submission.assessment_id) == submission.assessment


def test_practitioners_and_support_workers_see_no_assessment(standards):
    submission = standards.submitted()
    n = standards.network
    for user in (n.practitioner_a, n.support_worker_a):
        with pytest.raises(NotFound):
            assessment_for(user=user, assessment_id=submission.assessment_id)
        with pytest.raises(NotFound):
            assessments_for(user=user)


def test_the_list_holds_own_drafts_and_others_submissions_only(standards):
    mine = standards.start()
    theirs = standards.start(by=standards.manager_b, scheme=standards.network.scheme_b)
    seen = assessments_for(user=standards.manager_a)
    assert mine in seen and theirs not in seen
