"""Who may open and post to each episode page. Every URL taking an episode id is covered."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, reverse

from liaison.audit.actions import break_glass
from liaison.pathway import urls as pathway_urls
from liaison.pathway.actions import episode_note
from liaison.pathway.models import Episode, PathwayEvent
from tests import factories
from tests.pathway.pages import events_of, signed_in

EPISODE_URL_NAMES = sorted(
    p.name for p in pathway_urls.urlpatterns if isinstance(p, URLPattern) and "episode_id" in str(p.pattern) and p.name
)
# Forms that record a step; the episode page itself only reads.
STEP_URL_NAMES = [n for n in EPISODE_URL_NAMES if n != "episode"]

# Something plausible for each form, so a refusal is about who posts, not what they post.
VALID = {
    "screen": {"status_mental_health": "suspected", "urgency": "routine", "needs_assessment": "no"},
    "assess": {"summary": "Crafted"},
    "refer": {"service": "Crafted"},
    "close": {"justice_outcome": "no_further_action", "ld_outcome": "declined"},
    "reopen": {"reason": "Crafted"},
    "reenter": {"point_of_contact": "custody", "referral_source": "E1", "alerted_by": "Crafted"},
    "note": {"text": "Crafted"},
    "void": {"reason": "Crafted"},
    "episode": {},
}


@pytest.fixture
def episode_a(network) -> Episode:
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


@pytest.fixture
def note_a(network, episode_a) -> PathwayEvent:
    return episode_note(by=network.practitioner_a, episode=episode_a, text="Scheme A's note")


def url_for(name: str, episode: Episode, note: PathwayEvent) -> str:
    args: list[object] = [episode.pk]
    if name == "void":
        args.append(note.pk)
    return reverse(f"pathway:{name}", args=args)


def test_the_list_of_episode_urls_is_complete():
    assert set(EPISODE_URL_NAMES) == set(VALID)
    assert "void" in EPISODE_URL_NAMES


@pytest.mark.parametrize("name", EPISODE_URL_NAMES)
def test_a_practitioner_of_another_scheme_gets_404_on_every_episode_url(client, network, episode_a, note_a, name):
    before = events_of(episode_a)
    c = signed_in(client, network.practitioner_b)
    data = dict(VALID[name])
    if name == "reenter":
        data["site"] = network.custody_a.pk
    assert c.get(url_for(name, episode_a, note_a)).status_code == 404
    # The read-only episode page refuses every POST (405) before looking anything up.
    assert c.post(url_for(name, episode_a, note_a), data).status_code == (405 if name == "episode" else 404)
    assert events_of(episode_a) == before


@pytest.mark.parametrize("name", EPISODE_URL_NAMES)
def test_another_schemes_team_lead_gets_404_on_every_episode_url(client, network, episode_a, note_a, name):
    c = signed_in(client, network.team_lead_b)
    assert c.get(url_for(name, episode_a, note_a)).status_code == 404


@pytest.mark.parametrize("name", STEP_URL_NAMES)
def test_a_support_worker_cannot_post_a_step(client, network, episode_a, note_a, name):
    before = events_of(episode_a)
    c = signed_in(client, network.support_worker_a)
    data = dict(VALID[name])
    if name == "reenter":
        data["site"] = network.custody_a.pk
    assert c.get(url_for(name, episode_a, note_a)).status_code == 403
    assert c.post(url_for(name, episode_a, note_a), data).status_code == 403
    assert events_of(episode_a) == before


@pytest.mark.parametrize("name", STEP_URL_NAMES)
def test_commissioners_and_analysts_cannot_post_a_step(client, network, episode_a, note_a, name):
    before = events_of(episode_a)
    for user in (network.commissioner, network.analyst):
        c = signed_in(client, user)
        assert c.post(url_for(name, episode_a, note_a), VALID[name]).status_code in (403, 404)
    assert events_of(episode_a) == before


def test_someone_who_broke_glass_can_read_the_episode_but_not_record(client, network, episode_a):
    break_glass(user=network.practitioner_b, person=episode_a.person, scheme=network.scheme_a, reason="Arrested here")
    before = events_of(episode_a)
    c = signed_in(client, network.practitioner_b)
    response = c.get(reverse("pathway:episode", args=[episode_a.pk]))
    assert response.status_code == 200
    assert "What to do next" not in response.content.decode()
    assert c.post(reverse("pathway:note", args=[episode_a.pk]), {"text": "Crafted"}).status_code == 403
    assert events_of(episode_a) == before


def test_signed_out_visitors_are_sent_to_sign_in(client, episode_a):
    response = client.get(reverse("pathway:episode", args=[episode_a.pk]))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_an_entry_id_out_of_range_is_not_found(client, network, episode_a):
    c = signed_in(client, network.practitioner_a)
    response = c.get(f"/episodes/{episode_a.pk}/events/{2**70}/void/")
    assert response.status_code == 404
