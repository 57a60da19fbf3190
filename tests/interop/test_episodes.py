from datetime import date, timedelta

import pytest

from liaison.audit.models import AccessAudit
from liaison.core import clock
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Step
from liaison.people.codes import Sex
from liaison.screening.actions import FindingInput, screening_record
from tests import factories
from tests.pathway.steps import take


def identify_body(person_id, site, **extra):
    return {
        "person_id": str(person_id),
        "site": site.code,
        "referral_source": "E1",
        "alerted_by": "Custody sergeant",
        "concerns": ["mental_health", "drugs"],
        **extra,
    }


def test_it_identifies_a_person_at_a_site(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    r = api_as(network.practitioner_a).post("/episodes", identify_body(p.id, network.custody_a))
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["stage"] == "identified"
    assert body["point_of_contact"] == "custody"
    assert body["concerns"] == ["drugs", "mental_health"]
    assert "screen" in body["next_steps"]
    kinds = list(PathwayEvent.objects.filter(episode_id=body["id"]).values_list("kind", flat=True))
    assert kinds == ["episode:identify"]


def test_it_takes_the_site_by_id_too(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    r = api_as(network.practitioner_a).post(
        "/episodes", {**identify_body(p.id, network.court_a), "site": network.court_a.pk}
    )
    assert r.status_code == 201
    assert r.json()["site"] == network.court_a.code


def test_identifying_twice_is_409_with_the_open_episode(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    api = api_as(network.practitioner_a)
    first = api.post("/episodes", identify_body(p.id, network.custody_a)).json()
    r = api.post("/episodes", identify_body(p.id, network.court_a))
    assert r.status_code == 409
    assert r.json()["code"] == "open_episode_exists"
    assert r.json()["episode_id"] == first["id"]
    assert Episode.objects.count() == 1


def test_it_refuses_a_site_of_another_scheme(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    r = api_as(network.practitioner_a).post("/episodes", identify_body(p.id, network.custody_b))
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"site"}
    assert not Episode.objects.exists()


def test_it_refuses_bad_codes_naming_each_field(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    body = identify_body(p.id, network.custody_a, referral_source="Z9", point_of_contact="moon", concerns=["x"])
    r = api_as(network.practitioner_a).post("/episodes", body)
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"referral_source", "point_of_contact", "concerns"}
    assert not Episode.objects.exists()


def test_a_time_without_a_zone_is_refused(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    r = api_as(network.practitioner_a).post(
        "/episodes", identify_body(p.id, network.custody_a, occurred_at="2024-01-01T10:00:00")
    )
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"occurred_at"}


def test_it_lists_visible_episodes_with_filters_and_pages(network, api_as):
    a1 = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=30)
    a2 = factories.episode(by=network.practitioner_a, site=network.court_a, minutes_ago=20)
    factories.episode(by=network.practitioner_b, site=network.custody_b)
    screening_record(
        by=network.practitioner_a,
        episode=a2,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="routine",
        needs_assessment=False,
    )
    api = api_as(network.practitioner_a)
    everything = api.get("/episodes").json()
    assert everything["count"] == 2
    assert [e["id"] for e in everything["items"]] == [str(a2.id), str(a1.id)]
    assert [e["id"] for e in api.get("/episodes", stage="screened").json()["items"]] == [str(a2.id)]
    assert [e["id"] for e in api.get("/episodes", site=network.custody_a.code).json()["items"]] == [str(a1.id)]
    assert api.get("/episodes", open="false").json()["count"] == 0
    page = api.get("/episodes", limit=1, offset=1).json()
    assert (page["count"], [e["id"] for e in page["items"]]) == (2, [str(a1.id)])


def test_listing_is_audited_for_each_person_shown(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    api_as(network.practitioner_a).get("/episodes")
    assert AccessAudit.objects.filter(person=e.person, channel="api", action="list").count() == 1


def test_a_limit_out_of_range_is_422(network, api_as):
    r = api_as(network.practitioner_a).get("/episodes", limit=0)
    assert r.status_code == 422
    assert "limit" in r.json()["errors"]


def test_a_long_timeline_comes_in_pages_linked_by_the_link_header(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    for _ in range(3):
        take(Step.NOTE, episode=e, by=network.practitioner_a)
    api = api_as(network.practitioner_a)
    whole = api.get(f"/episodes/{e.id}/events")
    assert whole.status_code == 200 and "Link" not in whole.headers
    assert len(whole.json()) == 5

    read, r = [], api.get(f"/episodes/{e.id}/events", limit=2)
    while True:
        assert r.status_code == 200
        read += r.json()
        if "Link" not in r.headers:
            break
        address, rel = r.headers["Link"].split("; ")
        assert rel == 'rel="next"' and address.startswith(f"</api/v1/episodes/{e.id}/events?after=")
        r = api.client.get(address.strip("<>"))
    assert read == whole.json()


@pytest.mark.parametrize("query", [{"after": "x"}, {"after": "999999"}, {"limit": 0}, {"limit": 501}])
def test_a_bad_page_of_the_timeline_is_refused_clearly(network, api_as, query):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    r = api_as(network.practitioner_a).get(f"/episodes/{e.id}/events", **query)
    assert r.status_code == (404 if "after" in query else 422)


def test_a_commissioner_sees_no_episodes(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    api = api_as(network.commissioner)
    assert api.get("/episodes").status_code == 403
    assert api.get(f"/episodes/{e.id}").status_code == 404
    assert api.get(f"/episodes/{e.id}/events").status_code == 404
    assert api.get(f"/people/{e.person_id}").status_code == 404


def test_it_shows_an_episode_with_breach_and_findings(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=180)
    r = api_as(network.practitioner_a).get(f"/episodes/{e.id}")
    assert r.status_code == 200
    body = r.json()
    assert body["breaches_target"] is True
    assert body["target_minutes"] == 120
    assert body["findings"] == []
    assert AccessAudit.objects.filter(episode=e, channel="api").exists()


def test_it_shows_the_timeline_of_events(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screening_record(
        by=network.practitioner_a,
        episode=e,
        findings=[FindingInput("alcohol", "confirmed")],
        urgency="routine",
        needs_assessment=True,
        occurred_at=clock.now() - timedelta(minutes=1),
    )
    r = api_as(network.practitioner_a).get(f"/episodes/{e.id}/events")
    assert r.status_code == 200
    assert [ev["kind"] for ev in r.json()] == ["episode:identify", "consent:record", "episode:screen"]
    assert r.json()[2]["data"]["findings"][0]["domain"] == "alcohol"
    assert r.json()[1]["actor"]["id"] == network.practitioner_a.pk


def test_an_episode_carries_the_young_person_and_woman_flags(network, api_as):
    year = date.today().year
    girl = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, sex=Sex.FEMALE, date_of_birth=date(year - 15, 1, 1)
    )
    woman = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, sex=Sex.FEMALE, date_of_birth=date(year - 40, 1, 1)
    )
    api = api_as(network.practitioner_a)
    for who, flags in ((girl, (True, False)), (woman, (False, True))):
        body = api.post("/episodes", identify_body(who.id, network.custody_a)).json()
        assert (body["young_person"], body["woman"]) == flags
        listed = next(e for e in api.get("/episodes").json()["items"] if e["id"] == body["id"])
        assert (listed["young_person"], listed["woman"]) == flags


def test_identifying_with_a_listed_role_counts_it_under_its_national_code(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    body = identify_body(
        p.id, network.custody_a, referral_source="", alerted_by="", alerted_by_code="custody_healthcare"
    )
    r = api_as(network.practitioner_a).post("/episodes", body)
    assert r.status_code == 201, r.json()
    episode = r.json()
    assert (episode["referral_source"], episode["alerted_by"], episode["alerted_by_code"]) == (
        "E1",
        "Custody healthcare professional",
        "custody_healthcare",
    )


def test_young_person_is_refused_as_a_concern(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    r = api_as(network.practitioner_a).post(
        "/episodes", identify_body(p.id, network.custody_a, concerns=["young_person"])
    )
    assert (r.status_code, set(r.json()["errors"])) == (422, {"concerns"})
