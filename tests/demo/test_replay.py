"""The demo saves rows in bulk instead of calling the actions; replaying demo episodes through
the real actions must give the same projections, the same events and the same assessments and
referrals."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.assessment.actions import assessment_amend, assessment_complete, assessment_start, content_of
from liaison.assessment.models import Assessment
from liaison.pathway import actions
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import Projection, project
from liaison.people.actions import PersonDetails, person_create
from liaison.referrals.actions import referral_make
from liaison.referrals.models import Service
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.models import Finding
from liaison.sharing.actions import ConsentDetails, consent_record
from liaison.sharing.models import Consent

# Ids of rows the replay writes anew: compared by what they point at, not by value.
_ROW_IDS = ("assessment_id", "replaces_id", "referral_id", "consent_id")


def _events(episode: Episode) -> list[PathwayEvent]:
    return list(episode.events.select_related("site").order_by("occurred_at", "id"))


def replay(episode: Episode, events: list[PathwayEvent], users: dict[int, User]) -> Episode:
    p, first = episode.person, events[0]
    by = users[first.actor_id]
    person = person_create(
        by=by,
        scheme=episode.scheme,
        details=PersonDetails(
            given_name=p.given_name, family_name=p.family_name, date_of_birth=p.date_of_birth, sex=p.sex,
            gender_identity=p.gender_identity, ethnicity=p.ethnicity, postcode=p.postcode, nhs_number=p.nhs_number,
            nhs_number_status=p.nhs_number_status, pnc_id=p.pnc_id,
        ),
    )  # fmt: skip
    d = first.data
    alert = actions.Alert(
        site=first.site, point_of_contact=d["point_of_contact"], referral_source=d["referral_source"],
        alerted_by=d["alerted_by"], concerns=d["concerns"], concerns_note=d["concerns_note"],
    )  # fmt: skip
    copy = actions.episode_identify(
        by=by, person=person, alert=alert, occurred_at=timezone.localtime(first.occurred_at)
    )
    made: dict[int, PathwayEvent] = {}
    # The demo's assessments by id, and the replay's copy of each.
    copies: dict[int, Assessment] = {}
    for event in events[1:]:
        by, d, at = users[event.actor_id], event.data, timezone.localtime(event.occurred_at)
        common: dict[str, Any] = {"by": by, "episode": copy}
        match event.kind:
            case "episode:reenter":
                alert = actions.Alert(
                    site=event.site, point_of_contact=d["point_of_contact"], referral_source=d["referral_source"],
                    alerted_by=d["alerted_by"], concerns=d["concerns"],
                )  # fmt: skip
                new = actions.episode_reenter(**common, alert=alert, note=d["note"], occurred_at=at)
            case "episode:screen":
                new = screening_record(
                    **common, findings=[FindingInput(**f) for f in d["findings"]], urgency=d["urgency"],
                    needs_assessment=d["needs_assessment"], note=d["note"], occurred_at=at,
                )  # fmt: skip
            case "episode:assess":
                demo = Assessment.objects.get(pk=d["assessment_id"])
                draft = assessment_start(**common, content=content_of(demo))
                new = assessment_complete(by=by, assessment=draft, occurred_at=at)
                copies[demo.pk] = draft
            case "assessment:amend":
                demo = Assessment.objects.get(pk=d["assessment_id"])
                amended = assessment_amend(
                    by=by, assessment=copies[d["replaces_id"]], reason=d["reason"], content=content_of(demo),
                    occurred_at=at,
                )  # fmt: skip
                assert amended.event is not None
                new, copies[demo.pk] = amended.event, amended
            case "episode:refer":
                referral = referral_make(
                    **common, service=Service.objects.get(pk=d["service_id"]), reason=d["reason"],
                    urgency=d["urgency"], occurred_at=at,
                )  # fmt: skip
                assert referral.event is not None
                new = referral.event
            case "episode:close":
                # The demo closes with referrals still active, as a practitioner confirming it may.
                new = actions.episode_close(
                    **common, justice_outcome=d["justice_outcome"], ld_outcome=d["ld_outcome"],
                    sentence_type=d["sentence_type"], note=d["note"], occurred_at=at, confirm_active_support=True,
                )  # fmt: skip
            case "episode:reopen":
                new = actions.episode_reopen(**common, reason=d["reason"], occurred_at=at)
            case "consent:record":
                consent = Consent.objects.get(pk=d["consent_id"])
                fields = {k: v for k, v in d.items() if k not in ("consent_id", "seek_consent_by")}
                details = ConsentDetails(**fields, child_route_reason=consent.child_route_reason)
                new = consent_record(**common, details=details, occurred_at=at).event
            case "episode:note":
                new = actions.episode_note(**common, text=d["text"], occurred_at=at)
            case "entry:void":
                assert event.voids_id is not None
                new = actions.entry_void(**common, event=made[event.voids_id], reason=d["reason"])
            case _:
                raise AssertionError(event.kind)
        made[event.pk] = new
    copy.refresh_from_db()
    return copy


def _shape(e: PathwayEvent) -> tuple[Any, ...]:
    data = {k: v for k, v in e.data.items() if k not in _ROW_IDS}
    return e.kind, e.schema_version, e.stage_after, e.site_id, data


def _assessments(episode: Episode) -> list[tuple[Any, ...]]:
    return [
        (a.version, a.status, a.completed_at, a.amend_reason, content_of(a), a.event.kind if a.event else None,
         [(x.kind, x.data) for x in a.edits.order_by("id")])
        for a in episode.assessments.select_related("event").order_by("version")
    ]  # fmt: skip


def _referrals(episode: Episode) -> list[tuple[Any, ...]]:
    return [
        (r.service_id, r.status, r.urgency, r.reason, r.made_at, r.status_changed_at, r.event and r.event.occurred_at)
        for r in episode.referrals.select_related("event").order_by("made_at")
    ]


def assert_replays(episode: Episode, users: dict[int, User]) -> None:
    events = _events(episode)
    copy = replay(episode, events, users)
    assert Projection.of(copy) == Projection.of(episode), episode.pk
    assert (copy.target_minutes, copy.scheme_id) == (episode.target_minutes, episode.scheme_id)
    # In the order written: the real void is dated when it is recorded, now.
    assert [_shape(e) for e in copy.events.order_by("id")] == [_shape(e) for e in events]
    assert _assessments(copy) == _assessments(episode)
    assert _referrals(copy) == _referrals(episode)
    assert Finding.objects.filter(episode=copy, voided_at__isnull=False).count() == (
        Finding.objects.filter(episode=episode, voided_at__isnull=False).count()
    )


def test_every_demo_episode_is_what_the_real_actions_would_have_made(build_demo):
    build_demo(size=80)
    users = {u.pk: u for u in User.objects.all()}
    demo = list(Episode.objects.select_related("person", "scheme"))
    assert len(demo) > 80
    kinds = set(PathwayEvent.objects.values_list("kind", flat=True))
    assert kinds >= {"episode:screen", "episode:assess", "episode:refer", "episode:close", "entry:void"}
    for episode in demo:
        assert_replays(episode, users)


def test_a_reopened_and_a_re_entered_demo_episode_are_what_the_real_actions_make(scripted):
    reopened, reentered = scripted("reopened", "reentered")
    assert [e.kind for e in _events(reopened)][-4:] == [
        "episode:close", "episode:reopen", "episode:refer", "episode:close"
    ]  # fmt: skip
    assert "assessment:amend" in [e.kind for e in _events(reentered)]
    users = {u.pk: u for u in User.objects.all()}
    for episode in Episode.objects.filter(pk__in=[reopened.pk, reentered.pk]).select_related("person", "scheme"):
        assert_replays(episode, users)


def test_reopening_or_re_entry_clears_the_outcomes_of_the_closure_before(scripted):
    for episode in scripted("reopened", "reentered"):
        events = _events(episode)
        back = next(
            i
            for i, e in enumerate(events)
            if e.kind in ("episode:reopen", "episode:reenter") and project(events[:i]).stage == "closed"
        )
        closed, again = project(events[:back]), project(events[: back + 1])
        assert closed.stage == "closed" and closed.justice_outcome and closed.ld_outcome
        assert again.stage != "closed"
        assert (again.closed_at, again.justice_outcome, again.sentence_type, again.ld_outcome) == (None, "", "", "")
        assert project(events) == Projection.of(episode)
