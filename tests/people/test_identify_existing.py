from __future__ import annotations

from django.urls import reverse

from liaison.pathway.actions import episode_close
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage
from tests import factories


def url(person_id):
    return reverse("people:identify-existing", args=[person_id])


def identification(site, **changes):
    data = {
        "site": str(site.pk),
        "point_of_contact": "",
        "referral_source": "E2",
        "alerted_by": "Usher",
        "concerns": ["drugs"],
        "concerns_note": "Appears withdrawn",
        "identified_date_0": "",
        "identified_date_1": "",
        "identified_date_2": "",
        "identified_time": "",
    }
    data.update(changes)
    return data


def counts():
    return Episode.objects.count(), PathwayEvent.objects.count()


def test_it_renders_the_identification_form_for_a_person_i_can_see(client, network, episode_a):
    client.force_login(network.practitioner_a)
    response = client.get(url(episode_a.person_id))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Identify Jordan Ashworth at my site</h1>" in html
    assert 'name="given_name"' not in html
    assert network.court_a.name in html


def test_it_refuses_another_schemes_person_with_404_and_writes_nothing(client, network, episode_a):
    client.force_login(network.practitioner_b)
    before = counts()
    assert client.get(url(episode_a.person_id)).status_code == 404
    assert client.post(url(episode_a.person_id), identification(network.custody_b)).status_code == 404
    join = identification(network.custody_b, join=str(episode_a.pk))
    assert client.post(url(episode_a.person_id), join).status_code == 404
    assert counts() == before


def test_it_opens_an_episode_for_a_person_with_none_open_in_the_scheme(client, network, episode_a):
    episode_close(
        by=network.practitioner_a,
        episode=episode_a,
        justice_outcome="no_further_action",
        ld_outcome="no_further_ld_action",
    )
    client.force_login(network.practitioner_a)
    response = client.post(url(episode_a.person_id), identification(network.court_a))
    new = Episode.objects.exclude(pk=episode_a.pk).get()
    assert response["Location"] == reverse("pathway:episode", args=[new.pk])
    assert (new.person_id, new.site, new.point_of_contact) == (
        episode_a.person_id,
        network.court_a,
        "magistrates_court",
    )


def test_an_open_episode_in_the_scheme_is_offered_to_join_instead(client, network, episode_a):
    client.force_login(network.practitioner_a)
    before = counts()
    response = client.post(url(episode_a.person_id), identification(network.court_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Jordan Ashworth already has an open episode in Scheme A</h1>" in html
    assert "Identified" in html and network.custody_a.name in html
    assert f'name="join" value="{episode_a.pk}"' in html
    assert '<input type="hidden" name="alerted_by" value="Usher">' in html
    assert '<input type="hidden" name="concerns" value="drugs">' in html
    assert counts() == before


def test_joining_the_open_episode_records_a_reentry_on_it(client, network, episode_a):
    client.force_login(network.practitioner_a)
    data = identification(network.court_a, join=str(episode_a.pk))
    response = client.post(url(episode_a.person_id), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("pathway:episode", args=[episode_a.pk])
    assert Episode.objects.count() == 1
    event = episode_a.events.latest("id")
    assert event.kind == "episode:reenter"
    assert event.data["alerted_by"] == "Usher"
    assert event.data["note"] == "Appears withdrawn"
    episode_a.refresh_from_db()
    assert (episode_a.stage, episode_a.current_site) == (Stage.IDENTIFIED, network.court_a)


def test_joining_an_episode_of_someone_else_is_refused(client, network, episode_a):
    other = factories.episode(by=network.practitioner_a, site=network.court_a)
    client.force_login(network.practitioner_a)
    before = counts()
    data = identification(network.court_a, join=str(other.pk))
    assert client.post(url(episode_a.person_id), data).status_code == 404
    assert client.post(url(episode_a.person_id), {**data, "join": "not-a-uuid"}).status_code == 404
    assert counts() == before


def test_bad_identification_re_renders_with_the_error_summary(client, network, episode_a):
    client.force_login(network.practitioner_a)
    before = counts()
    response = client.post(url(episode_a.person_id), identification(network.custody_b, alerted_by=""))
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select one of your sites" in html
    assert "Enter who alerted the L&amp;D team" in html
    assert counts() == before
