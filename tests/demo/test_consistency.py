"""The demo tells the truth: nothing in it contradicts itself, so every page a new user opens
shows content that could be real (issue 12)."""

from __future__ import annotations

import pytest
from django.db.models import Exists, OuterRef

from liaison.demo import casemix
from liaison.organisations.models import Membership, Role, SiteKind
from liaison.pathway.models import Episode, PathwayEvent
from liaison.referrals.events import REFER
from liaison.referrals.models import Referral
from liaison.screening.instruments.answers import answers_of
from liaison.screening.instruments.catalogue import bundled
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from liaison.screening.scorers import score_for
from liaison.sharing.models import Consent, InformationShare
from tests.demo.conftest import Build


@pytest.fixture
def demo(build_demo: Build) -> None:
    build_demo(size=150)


def test_each_point_of_contact_is_one_the_site_serves(demo):
    wrong = [
        (e.site.name, e.site.kind, e.point_of_contact)
        for e in Episode.objects.select_related("site")
        if e.point_of_contact not in casemix.SITE_CONTACTS[SiteKind(e.site.kind)]
    ]
    assert not wrong


def test_no_court_sees_people_in_a_police_custody_suite(demo):
    courts = [SiteKind.MAGISTRATES_COURT, SiteKind.CROWN_COURT, SiteKind.YOUTH_COURT]
    assert not Episode.objects.filter(site__kind__in=courts, point_of_contact="custody").exists()


def test_every_referred_episode_has_a_referral(demo):
    referred = Episode.objects.filter(
        Exists(PathwayEvent.objects.filter(episode=OuterRef("pk"), kind=REFER.tag, voided_by__isnull=True))
    )
    assert referred.exists()
    assert not referred.exclude(Exists(Referral.objects.filter(episode=OuterRef("pk")))).exists()
    assert (
        not Episode.objects.filter(stage="referred")
        .exclude(Exists(Referral.objects.filter(episode=OuterRef("pk"))))
        .exists()
    )


def test_the_demo_shares_information_with_justice_agencies(demo):
    shares = InformationShare.objects.all()
    assert shares.filter(basis="consent").count() > 10
    assert {"police_custody", "magistrates_court"} <= set(shares.values_list("agency", flat=True))


def test_every_share_rests_on_consent_in_force_or_an_approved_override(demo):
    seniors = {
        (m.user_id, m.scheme_id) for m in Membership.objects.filter(role__in=[Role.TEAM_LEAD, Role.SCHEME_MANAGER])
    }
    for share in InformationShare.objects.select_related("consent", "episode"):
        if share.basis == "consent":
            c = share.consent
            assert c is not None and c.decision == "given" and c.episode_id == share.episode_id, share.pk
            assert (c.scope, c.agency, c.purpose) == ("share", share.agency, share.purpose), share.pk
            assert c.given_at <= share.shared_at, share.pk
            assert c.withdrawn_at is None or c.withdrawn_at > share.shared_at, share.pk
        else:
            assert share.override_kind and share.override_reason, share.pk
            assert (share.override_approved_by_id, share.episode.scheme_id) in seniors, share.pk
            assert share.caldicott_consulted is not None and share.person_informed is not None, share.pk


def test_no_share_follows_a_withdrawal_of_its_consent(demo):
    for c in Consent.objects.filter(withdrawn_at__isnull=False):
        later = InformationShare.objects.filter(
            episode=c.episode, agency=c.agency, purpose=c.purpose, shared_at__gte=c.withdrawn_at
        )
        assert not later.exists(), c.pk


def test_instrument_responses_exist_and_score_as_their_scorers_do(demo):
    responses = list(InstrumentResponse.objects.select_related("episode"))
    assert len(responses) > 10
    assert {r.instrument for r in responses} <= {"phq9", "gad7", "bjmhs", "audit", "auditc", "dast10", "helps"}
    for r in responses:
        definition = bundled(r.instrument)
        score = score_for(r.instrument)(answers_of(definition, r.resource))
        assert (r.total, r.band, r.safety_prompt) == (score.total, score.band.code if score.band else "", False)
        suggested = Finding.objects.filter(event=r.event, suggested_by=r.instrument)
        assert sorted(suggested.values_list("domain", flat=True)) == sorted(s.domain for s in score.suggestions)
        # Each suggestion on a closed episode has been decided: it shows history, not a to-do.
        if r.episode.stage == "closed":
            assert not suggested.filter(decision="pending").exists(), r.pk


def test_every_scheme_says_how_to_reach_it_for_its_reports(demo):
    from liaison.organisations.models import Scheme

    for scheme in Scheme.objects.all():
        assert scheme.contact_phone.startswith("0300 000 ")
        assert scheme.contact_email.endswith("@example.nhs.uk")
        assert scheme.contact_address
