"""Care and case-management purposes: a share with a GP is not forced to pick a justice purpose."""

from __future__ import annotations

import pytest

from liaison.sharing.codes import Purpose
from tests.sharing.conftest import consent_to, share


@pytest.mark.parametrize("purpose", ["direct_care", "care_coordination", "onward_referral"])
def test_a_share_with_a_gp_for_a_care_purpose(network, case, purpose):
    consent = consent_to(network, case.episode, agency="gp", purpose=purpose)
    s = share(network, case.episode, agency="gp", recipient_name="Dr Khan, Parkside Surgery", purpose=purpose)
    assert s.consent == consent
    assert s.snapshot["recipient"]["purpose_label"] == Purpose(purpose).label


def test_consent_for_direct_care_does_not_cover_a_justice_purpose(network, case):
    from liaison.sharing.actions import ConsentRequired

    consent_to(network, case.episode, agency="gp", purpose="direct_care")
    with pytest.raises(ConsentRequired):
        share(network, case.episode, agency="gp", purpose="sentencing")
