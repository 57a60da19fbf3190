"""The demo tells the truth: nothing in it contradicts itself, so every page a new user opens
shows content that could be real (issue 12)."""

from __future__ import annotations

import pytest
from django.db.models import Exists, OuterRef

from liaison.demo import casemix
from liaison.organisations.models import SiteKind
from liaison.pathway.models import Episode, PathwayEvent
from liaison.referrals.events import REFER
from liaison.referrals.models import Referral
from liaison.sharing.models import InformationShare
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


def test_every_share_rests_on_consent_or_an_approved_override(demo):
    for share in InformationShare.objects.all():
        assert share.consent_id or (share.override_reason and share.override_approved_by_id), share.pk


def test_every_scheme_says_how_to_reach_it_for_its_reports(demo):
    from liaison.organisations.models import Scheme

    for scheme in Scheme.objects.all():
        assert scheme.contact_phone.startswith("0300 000 ")
        assert scheme.contact_email.endswith("@example.nhs.uk")
        assert scheme.contact_address
