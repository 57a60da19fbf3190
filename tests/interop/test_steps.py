import pytest

from liaison.pathway.actions import episode_close, episode_note
from liaison.pathway.models import Episode, PathwayEvent
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.models import Finding
from tests import factories

SCREEN = {
    "findings": [
        {"domain": "mental_health", "status": "suspected"},
        {"domain": "alcohol", "status": "confirmed", "source": "self_report", "note": "Daily"},
    ],
    "urgency": "same_day",
    "needs_assessment": True,
}
CLOSE = {"justice_outcome": "no_further_action", "ld_outcome": "no_further_ld_action"}


def _screened(network, e):
    screening_record(
        by=network.practitioner_a,
        episode=e,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="routine",
        needs_assessment=False,
    )


def _closed(network, e):
    episode_close(by=network.practitioner_a, episode=e, **CLOSE)


# step path, body, how to get the episode to a stage that allows the step, kind written, stage after.
# Referral (a directory service) is covered in tests/interop/test_referrals.py.
STEPS = [
    ("screen", SCREEN, None, "episode:screen", "screened"),
    ("assess", {"summary": "Low mood, no plan"}, _screened, "episode:assess", "assessed"),
    ("close", CLOSE, None, "episode:close", "closed"),
    ("reopen", {"reason": "Closed in error"}, _closed, "episode:reopen", "identified"),
    ("notes", {"text": "Solicitor informed"}, None, "episode:note", "identified"),
]


@pytest.mark.parametrize(("step", "body", "prepare", "kind", "stage"), STEPS, ids=[s[0] for s in STEPS])
def test_each_transition_writes_exactly_one_event(network, api_as, step, body, prepare, kind, stage):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    if prepare:
        prepare(network, e)
    before = PathwayEvent.objects.filter(episode=e).count()
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/{step}", body)
    assert r.status_code == 201, r.json()
    assert PathwayEvent.objects.filter(episode=e).count() == before + 1
    assert (r.json()["kind"], r.json()["stage_after"]) == (kind, stage)
    e.refresh_from_db()
    assert e.stage == stage


def test_screening_writes_its_findings(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    api_as(network.practitioner_a).post(f"/episodes/{e.id}/screen", SCREEN)
    assert sorted(Finding.objects.filter(episode=e).values_list("domain", "status", "source")) == [
        ("alcohol", "confirmed", "self_report"),
        ("mental_health", "suspected", "screening"),
    ]


def test_reentry_at_court_moves_the_episode_to_the_court(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    body = {"site": network.court_a.code, "referral_source": "E2", "alerted_by": "Court usher"}
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/reenter", body)
    assert r.status_code == 201, r.json()
    assert r.json()["kind"] == "episode:reenter"
    e.refresh_from_db()
    assert e.current_site == network.court_a
    assert PathwayEvent.objects.filter(episode=e).count() == 3


def test_voiding_an_entry_writes_one_void_event(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    note = episode_note(by=network.practitioner_a, episode=e, text="Wrong person")
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/events/{note.pk}/void", {"reason": "Entered in error"})
    assert r.status_code == 201, r.json()
    assert r.json()["voids"] == note.pk
    assert PathwayEvent.objects.filter(episode=e).count() == 4
    events = api_as(network.practitioner_a).get(f"/episodes/{e.id}/events").json()
    assert next(ev for ev in events if ev["id"] == note.pk)["voided_by"] == r.json()["id"]


def test_voiding_twice_is_409(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    note = episode_note(by=network.practitioner_a, episode=e, text="Wrong person")
    api = api_as(network.practitioner_a)
    api.post(f"/episodes/{e.id}/events/{note.pk}/void", {"reason": "Entered in error"})
    r = api.post(f"/episodes/{e.id}/events/{note.pk}/void", {"reason": "Again"})
    assert (r.status_code, r.json()["code"]) == (409, "already_voided")


def test_an_identification_cannot_be_voided(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    identify = PathwayEvent.objects.get(episode=e, kind="episode:identify")
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/events/{identify.pk}/void", {"reason": "No"})
    assert (r.status_code, r.json()["code"]) == (422, "not_voidable")


def test_an_entry_of_another_episode_is_not_found(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    other = factories.episode(by=network.practitioner_a, site=network.court_a)
    note = episode_note(by=network.practitioner_a, episode=other, text="Elsewhere")
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/events/{note.pk}/void", {"reason": "Entered in error"})
    assert (r.status_code, r.json()["code"]) == (404, "not_found")
    assert not PathwayEvent.objects.filter(voids=note).exists()


def test_a_step_the_stage_does_not_allow_is_409_and_changes_nothing(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/assess", {"summary": "Too early"})
    assert r.status_code == 409
    assert r.json()["code"] == "stage_not_allowed"
    assert r.json()["stage"] == "identified"
    e.refresh_from_db()
    assert e.stage == "identified"
    assert e.assessed_at is None
    assert PathwayEvent.objects.filter(episode=e).count() == 2


def test_reopening_an_open_episode_is_409(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/reopen", {"reason": "Why not"})
    assert (r.status_code, r.json()["code"]) == (409, "stage_not_allowed")


def test_invalid_findings_are_422_per_field_and_change_nothing(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    body = {"findings": [{"domain": "telepathy", "status": "suspected"}], "urgency": "soon"}
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/screen", body)
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"findings.telepathy", "urgency"}
    assert Episode.objects.get(pk=e.pk).stage == "identified"
    assert not Finding.objects.exists()


def test_a_sentenced_closure_needs_a_sentence_type(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    body = {"justice_outcome": "sentenced", "ld_outcome": "diverted_within"}
    r = api_as(network.practitioner_a).post(f"/episodes/{e.id}/close", body)
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"sentence_type"}


def test_a_support_worker_cannot_record_steps(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    r = api_as(network.support_worker_a).post(f"/episodes/{e.id}/notes", {"text": "Hello"})
    assert r.status_code == 403
    assert PathwayEvent.objects.filter(episode=e).count() == 2
