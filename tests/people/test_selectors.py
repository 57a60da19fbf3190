"""Reading people: deny by default, scoped to the user's schemes, audited, break glass."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from liaison.audit.actions import break_glass
from liaison.audit.models import AccessAction, AccessAudit, BreakGlass
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.organisations.models import Role
from liaison.pathway.selectors import break_glass_on_scheme
from liaison.pathway.stages import Step
from liaison.people.selectors import (
    can_see_access_log,
    person_access_log,
    person_get,
    person_known_elsewhere,
    person_search,
    visible_people,
)
from tests import factories
from tests.pathway.steps import take


@pytest.fixture
def person_a(network):
    """Known to scheme A only: registered there, with an episode there."""
    person = factories.person(
        by=network.practitioner_a,
        scheme=network.scheme_a,
        given_name="Jordan",
        family_name="Blackwood",
        date_of_birth=date(1988, 2, 29),
        nhs_number="9991234578",
        pnc_id="2019/12345G",
    )
    factories.episode(by=network.practitioner_a, site=network.custody_a, who=person)
    return person


def fresh(user):
    """The same user without the scope cached on the instance, as on the next request."""
    return type(user).objects.get(pk=user.pk)


# An id no row has (fixed, so parallel workers collect the same tests).
_NO_ROWS_ID = "0b7c6f3e-5d2a-4e1f-9a8b-7c6d5e4f3a2b"


@pytest.mark.parametrize("who", ["commissioner", "analyst", "nobody"])
def test_users_without_a_clinical_role_see_nobody(network, person_a, who):
    user = factories.User.objects.create_user(username="nobody") if who == "nobody" else getattr(network, who)

    assert not visible_people(user).exists()
    with pytest.raises(NotFound):
        person_get(user=user, person_id=person_a.pk)
    with pytest.raises(PermissionDenied):
        person_search(user=user, query="Blackwood")


def test_a_practitioner_sees_their_schemes_people_and_the_view_is_audited(network, person_a):
    assert person_get(user=network.practitioner_a, person_id=str(person_a.pk)) == person_a

    row = AccessAudit.objects.get(person=person_a, action=AccessAction.VIEW)
    assert (row.user, row.what, row.channel) == (network.practitioner_a, "person page", "web")


def test_a_site_member_sees_the_people_of_the_sites_scheme(network, person_a):
    assert person_get(user=network.support_worker_a, person_id=person_a.pk) == person_a


def test_a_person_registered_without_an_episode_is_seen_by_the_registering_scheme(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)

    assert list(visible_people(network.practitioner_a)) == [person]
    assert not visible_people(network.practitioner_b).exists()


@pytest.mark.parametrize("person_id", ["not-a-uuid", "", "1", None, "../admin", _NO_ROWS_ID])
def test_a_bad_or_unknown_id_is_not_found(network, person_id):
    with pytest.raises(NotFound):
        person_get(user=network.practitioner_a, person_id=person_id)


def test_another_schemes_person_is_not_found_and_nothing_is_audited(network, person_a):
    with pytest.raises(NotFound):
        person_get(user=network.practitioner_b, person_id=person_a.pk)

    assert not AccessAudit.objects.filter(user=network.practitioner_b).exists()


def test_a_person_is_seen_by_a_scheme_once_it_has_an_episode_there(network, person_a):
    factories.episode(by=network.practitioner_b, site=network.custody_b, who=person_a)

    assert person_get(user=fresh(network.practitioner_b), person_id=person_a.pk) == person_a


def test_search_shows_another_schemes_person_as_known_elsewhere_with_minimal_identity(network, person_a):
    # A close match: the full name and the date of birth (ADR 0021).
    results = person_search(user=network.practitioner_b, query="Jordan Blackwood", date_of_birth=date(1988, 2, 29))

    assert results.mine == []
    [known] = results.elsewhere
    assert (known.person_id, known.name, known.date_of_birth, known.schemes) == (
        person_a.pk,
        "Jordan Blackwood",
        date(1988, 2, 29),
        ("Scheme A",),
    )


def test_search_names_every_scheme_that_holds_the_person(network):
    scheme_c = factories.scheme(code="C", name="Scheme C")
    site_c = factories.site(scheme=scheme_c)
    practitioner_c = factories.staff(role=Role.PRACTITIONER, scheme=scheme_c)
    # Registered by A, seen since only in C.
    person = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, family_name="Quarrie", nhs_number="9990000018"
    )
    factories.episode(by=practitioner_c, site=site_c, who=person)

    [known] = person_search(user=network.practitioner_b, query="999 000 0018").elsewhere

    assert known.schemes == ("Scheme A", "Scheme C")


def test_search_shows_the_users_own_people_in_full(network, person_a):
    results = person_search(user=network.practitioner_a, query="Jordan Black")

    assert (results.mine, results.elsewhere) == ([person_a], [])


@pytest.mark.parametrize(
    "query", ["999 123 4578", "9991234578", "2019/0012345G", "2019/12345g", "19/0012345G", "Blackwood", "jor bla"]
)
def test_search_finds_a_person_by_identifier_or_name(network, person_a, query):
    assert person_search(user=network.practitioner_a, query=query).mine == [person_a]


def test_search_finds_a_person_by_an_alias(network):
    person = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, family_name="Smith", aliases=[("", "Okonkwo")]
    )

    assert person_search(user=network.practitioner_a, query="okonk").mine == [person]


def test_search_narrows_by_date_of_birth(network, person_a):
    assert person_search(user=network.practitioner_a, query="Blackwood", date_of_birth=date(1990, 1, 1)).empty
    found = person_search(user=network.practitioner_a, query="", date_of_birth=date(1988, 2, 29))
    assert found.mine == [person_a]


def test_search_writes_one_audit_row_per_person_shown(network, person_a):
    mine = factories.person(by=network.practitioner_b, scheme=network.scheme_b, family_name="Blackwell")

    # Scheme A's Blackwood is not shown on a partial name, so only the one shown is audited.
    person_search(user=network.practitioner_b, query="Black", date_of_birth=None)

    rows = AccessAudit.objects.filter(user=network.practitioner_b, action=AccessAction.SEARCH)
    assert sorted(r.person_id for r in rows) == [mine.pk]
    assert {r.what for r in rows} == {"search: Black"}


def test_an_empty_search_finds_nothing_and_audits_nothing(network, person_a):
    assert person_search(user=network.practitioner_a, query="   ").empty
    assert not AccessAudit.objects.filter(action=AccessAction.SEARCH).exists()


def test_breaking_glass_needs_a_reason_of_ten_characters(network, person_a):
    with pytest.raises(Invalid) as refused:
        break_glass(user=network.practitioner_b, person=person_a, scheme=network.scheme_a, reason="  too short ")

    assert refused.value.code == "reason_required"
    assert not BreakGlass.objects.exists()
    with pytest.raises(NotFound):
        person_get(user=network.practitioner_b, person_id=person_a.pk)


def test_breaking_glass_opens_the_record_for_the_set_hours_and_is_audited(network, person_a, settings):
    settings.BREAK_GLASS_HOURS = 3
    reason = "Person unconscious in custody, need history"

    grant = break_glass(user=network.practitioner_b, person=person_a, scheme=network.scheme_a, reason=reason)

    assert grant.expires_at - grant.at == timedelta(hours=3)
    assert person_get(user=network.practitioner_b, person_id=person_a.pk) == person_a
    row = AccessAudit.objects.get(user=network.practitioner_b, action=AccessAction.BREAK_GLASS)
    assert (row.person, row.reason) == (person_a, reason)


def test_an_expired_grant_no_longer_opens_the_record(network, person_a):
    now = clock.now()
    BreakGlass.objects.create(
        user=network.practitioner_b,
        person=person_a,
        scheme=network.scheme_a,
        reason="Needed yesterday for court",
        at=now - timedelta(hours=13),
        expires_at=now - timedelta(minutes=1),
    )

    with pytest.raises(NotFound):
        person_get(user=network.practitioner_b, person_id=person_a.pk)


def test_the_holding_schemes_team_lead_sees_the_break_glass(network, person_a):
    break_glass(user=network.practitioner_b, person=person_a, scheme=network.scheme_a, reason="Urgent risk query")

    [shown] = break_glass_on_scheme(user=network.team_lead_a, scheme_id=network.scheme_a.pk)

    assert (shown.user, shown.person, shown.reason) == (network.practitioner_b, person_a, "Urgent risk query")
    assert not break_glass_on_scheme(user=network.team_lead_b, scheme_id=network.scheme_b.pk)


@pytest.mark.parametrize("who", ["practitioner_a", "team_lead_b", "support_worker_a", "commissioner"])
def test_only_the_holding_schemes_team_leads_see_its_break_glass(network, who):
    with pytest.raises(PermissionDenied):
        break_glass_on_scheme(user=getattr(network, who), scheme_id=network.scheme_a.pk)


def test_glass_cannot_be_broken_into_a_scheme_that_does_not_hold_the_person(network, person_a):
    with pytest.raises(NotFound):
        break_glass(user=network.practitioner_a, person=person_a, scheme=network.scheme_b, reason="Looking around")

    assert not BreakGlass.objects.exists()


@pytest.mark.parametrize("who", ["commissioner", "analyst"])
def test_staff_without_clinical_access_cannot_break_glass(network, person_a, who):
    with pytest.raises(PermissionDenied):
        break_glass(user=getattr(network, who), person=person_a, scheme=network.scheme_a, reason="Just curious here")

    assert not BreakGlass.objects.exists()


def test_known_elsewhere_names_the_holding_schemes_for_break_glass(network, person_a):
    person, schemes = person_known_elsewhere(user=network.practitioner_b, person_id=person_a.pk)

    assert (person, schemes) == (person_a, [network.scheme_a])
    with pytest.raises(NotFound):
        person_known_elsewhere(user=network.practitioner_a, person_id=person_a.pk)
    with pytest.raises(NotFound):
        person_known_elsewhere(user=network.commissioner, person_id=person_a.pk)


def test_the_access_log_is_for_team_leads_of_a_holding_scheme(network, person_a):
    person_get(user=network.practitioner_a, person_id=person_a.pk)

    log = person_access_log(user=network.team_lead_a, person=person_a).entries

    assert [(r.user, r.action) for r in log] == [(network.practitioner_a, AccessAction.VIEW)]
    assert can_see_access_log(user=network.team_lead_a, person=person_a)


@pytest.mark.parametrize("who", ["practitioner_a", "support_worker_a", "team_lead_b", "commissioner", "analyst"])
def test_the_access_log_is_refused_to_everyone_else(network, person_a, who):
    with pytest.raises(PermissionDenied):
        person_access_log(user=getattr(network, who), person=person_a)
    assert not can_see_access_log(user=getattr(network, who), person=person_a)


def test_a_team_lead_sees_the_log_once_their_scheme_holds_the_person(network, person_a):
    factories.episode(by=network.practitioner_b, site=network.custody_b, who=person_a)

    assert can_see_access_log(user=network.team_lead_b, person=person_a)


def test_people_are_listed_once_however_many_episodes_they_have(network, person_a):
    take(Step.CLOSE, episode=person_a.episodes.get(), by=network.practitioner_a)
    factories.episode(by=network.practitioner_a, site=network.court_a, who=person_a)

    assert list(visible_people(network.practitioner_a)) == [person_a]


@pytest.fixture
def many_powells(network, monkeypatch):
    """Five people called Powell, where a search reads at most three candidates: a name as
    common at national scale as "Powell" is among a million."""
    monkeypatch.setattr("liaison.people.selectors._CANDIDATES", 3)
    born = [date(1970 + i, 1, 1) for i in range(5)]
    return [
        factories.person(
            by=network.practitioner_a,
            scheme=network.scheme_a,
            given_name=given,
            family_name="Powell",
            date_of_birth=dob,
        )
        for given, dob in zip(["Ann", "Bea", "Cal", "Dee", "Zed"], born, strict=True)
    ]


def test_a_name_more_people_share_than_a_search_reads_says_more_match(network, many_powells):
    found = person_search(user=network.practitioner_a, query="Powell")

    assert found.more
    assert len(found.mine) == 3
    assert set(found.mine) < set(many_powells)


def test_the_rarest_word_drives_the_search_so_a_common_surname_does_not_hide_anyone(network, many_powells):
    found = person_search(user=network.practitioner_a, query="Powell Zed")

    assert (found.mine, found.more) == ([many_powells[4]], False)


def test_a_date_of_birth_finds_one_of_many_with_a_common_name(network, many_powells):
    for person in many_powells:
        found = person_search(user=network.practitioner_a, query="Powell", date_of_birth=person.date_of_birth)
        assert (found.mine, found.more) == ([person], False)


def test_a_search_that_fits_does_not_say_more_match(network, person_a):
    assert not person_search(user=network.practitioner_a, query="Blackwood").more
