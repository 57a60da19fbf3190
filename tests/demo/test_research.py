"""The demo has research consents (some refused) and people met again, so the evaluation linkage
file and the outcomes by cohort have something to show."""

from __future__ import annotations

from django.db.models import Count

from liaison.pathway.models import Episode
from liaison.sharing.codes import ConsentDecision, ConsentScope
from liaison.sharing.models import Consent
from liaison.sharing.research import research_consented_people


def test_some_people_consent_to_research_and_some_refuse(build_demo):
    build_demo()

    asked = Consent.objects.filter(scope=ConsentScope.RESEARCH)
    assert asked.filter(decision=ConsentDecision.GIVEN).exists()
    assert asked.filter(decision=ConsentDecision.REFUSED).exists()
    assert 0 < research_consented_people().count() < Episode.objects.values("person").distinct().count()
    # Each research consent is recorded with its own event, like every consent.
    assert all(c.event.kind == "consent:record" for c in asked)


def test_some_people_are_met_again_in_a_new_episode(build_demo):
    build_demo()

    assert Episode.objects.values("person").annotate(n=Count("id")).filter(n__gt=1).exists()
