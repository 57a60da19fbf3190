"""Only UK GDPR Article 6 and 9 pairs that L&D, a public authority, can rest on; the common-law
duty of confidentiality basis recorded apart from them, on the share and the report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.core.errors import Invalid
from liaison.sharing.codes import ARTICLE_9_FOR_6, LawfulBasis6, LawfulBasis9
from liaison.sharing.reports import report_of
from tests.pathway.pages import html, signed_in
from tests.sharing.conftest import TOLD, consent_to, share


def _rows(s) -> dict[str, str]:
    basis = next(sec for sec in report_of(s.snapshot).sections if sec.heading == "Basis for sharing")
    return dict(basis.rows)


def test_the_default_pair_is_public_task_with_health_and_social_care(client, network, case):
    page = html(signed_in(client, network.practitioner_a).get(reverse("sharing:share-new", args=[case.episode.pk])))
    assert '<option value="6_1_e" selected>' in page
    assert '<option value="9_2_h" selected>' in page


def test_legitimate_interests_is_refused_for_a_public_authoritys_tasks(network, case):
    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, lawful_basis_6="6_1_f")
    assert "public authority" in e.value.errors["lawful_basis_6"]


@pytest.mark.parametrize(
    ("article_6", "article_9"),
    [("6_1_e", "9_2_a"), ("6_1_e", "9_2_c"), ("6_1_d", "9_2_h"), ("6_1_a", "9_2_h"), ("6_1_c", "9_2_a")],
)
def test_a_pair_that_does_not_go_together_is_refused(network, case, article_6, article_9):
    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, lawful_basis_6=article_6, lawful_basis_9=article_9)
    assert "does not pair" in e.value.errors["lawful_basis_9"]


def test_every_listed_pair_is_accepted_with_consent(network, case):
    consent_to(network, case.episode)
    for article_6, conditions in ARTICLE_9_FOR_6.items():
        for article_9 in conditions:
            extra = {"schedule1_condition": "sch1_p7"} if article_9 == LawfulBasis9.SUBSTANTIAL_PUBLIC_INTEREST else {}
            s = share(network, case.episode, lawful_basis_6=article_6, lawful_basis_9=article_9, **extra)
            assert (s.lawful_basis_6, s.lawful_basis_9) == (article_6, article_9)
    assert not ARTICLE_9_FOR_6[LawfulBasis6.LEGITIMATE_INTERESTS]


def test_substantial_public_interest_names_its_schedule_1_condition(network, case):
    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, lawful_basis_9="9_2_g")
    assert "Schedule 1" in e.value.errors["schedule1_condition"]
    with pytest.raises(Invalid) as e:
        share(network, case.episode, schedule1_condition="sch1_p7")
    assert "schedule1_condition" in e.value.errors
    s = share(network, case.episode, lawful_basis_9="9_2_g", schedule1_condition="sch1_p7")
    assert s.schedule1_condition == "sch1_p7"
    assert _rows(s)["Data Protection Act 2018"] == "Schedule 1 paragraph 7: administration of justice"


def test_an_override_may_not_cite_consent(network, case):
    with pytest.raises(Invalid) as e:
        share(
            network,
            case.episode,
            override_kind="safeguarding",
            override_reason="Risk to a child",
            override_approver=network.team_lead_a,
            lawful_basis_6="6_1_a",
            lawful_basis_9="9_2_a",
            **TOLD,
        )
    assert "cannot rest on consent" in e.value.errors["lawful_basis_6"]
    assert not case.episode.information_shares.exists()


def test_the_common_law_basis_is_recorded_apart_and_shown_on_the_share_and_the_report(client, network, case):
    consent_to(network, case.episode)
    with_consent = share(network, case.episode)
    assert with_consent.confidentiality_basis == "consent"
    assert _rows(with_consent)["Common-law duty of confidentiality"] == "The person's consent"
    assert _rows(with_consent)["UK GDPR Article 6"] == "Article 6(1)(e): public task"
    without = share(
        network,
        case.episode,
        purpose="bail_remand",
        override_kind="court_order",
        override_reason="Order of Liverpool Crown Court, 1 December",
        override_approver=network.team_lead_a,
        lawful_basis_6="6_1_c",
        lawful_basis_9="9_2_f",
        **TOLD,
    )
    assert without.confidentiality_basis == "required_by_law"
    assert without.event.payload().confidentiality_basis == "required_by_law"
    page = html(signed_in(client, network.practitioner_a).get(reverse("sharing:share", args=[without.pk])))
    assert "Common-law duty of confidentiality" in page and "Required by law or by a court order" in page


def test_a_common_law_basis_that_does_not_fit_is_refused(network, case):
    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, confidentiality_basis="public_interest")
    assert "confidentiality_basis" in e.value.errors
    with pytest.raises(Invalid) as e:
        share(
            network,
            case.episode,
            purpose="charging",
            override_kind="court_order",
            override_reason="Order",
            override_approver=network.team_lead_a,
            confidentiality_basis="consent",
            **TOLD,
        )
    assert "confidentiality_basis" in e.value.errors
