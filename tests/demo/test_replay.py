"""The demo saves rows in bulk instead of calling the actions; replaying every demo episode
through the real actions must give the same projections and the same events."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.pathway import actions
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.actions import PersonDetails, person_create
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.models import Finding

PROJECTION = (
    "stage", "stage_before_closure", "screened_at", "assessed_at", "referred_at", "closed_at", "current_site_id",
    "justice_outcome", "sentence_type", "ld_outcome", "age_band", "target_minutes", "concerns", "point_of_contact",
    "referral_source", "alerted_by", "site_id", "scheme_id",
)  # fmt: skip


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
    copy = actions.episode_identify(
        by=by, person=person, site=first.site, point_of_contact=d["point_of_contact"],
        referral_source=d["referral_source"], alerted_by=d["alerted_by"], concerns=d["concerns"],
        concerns_note=d["concerns_note"], occurred_at=timezone.localtime(first.occurred_at),
    )  # fmt: skip
    made: dict[int, PathwayEvent] = {}
    for event in events[1:]:
        by, d, at = users[event.actor_id], event.data, timezone.localtime(event.occurred_at)
        common: dict[str, Any] = {"by": by, "episode": copy}
        match event.kind:
            case "episode:reenter":
                new = actions.episode_reenter(
                    **common, site=event.site, point_of_contact=d["point_of_contact"],
                    referral_source=d["referral_source"], alerted_by=d["alerted_by"], concerns=d["concerns"],
                    note=d["note"], occurred_at=at,
                )  # fmt: skip
            case "episode:screen":
                new = screening_record(
                    **common, findings=[FindingInput(**f) for f in d["findings"]], urgency=d["urgency"],
                    needs_assessment=d["needs_assessment"], note=d["note"], occurred_at=at,
                )  # fmt: skip
            case "episode:assess":
                new = actions.assessment_record(
                    **common, summary=d["summary"], recommendations=d["recommendations"], occurred_at=at
                )
            case "episode:refer":
                new = actions.referral_record(**common, service=d["service"], reason=d["reason"], occurred_at=at)
            case "episode:close":
                new = actions.episode_close(
                    **common, justice_outcome=d["justice_outcome"], ld_outcome=d["ld_outcome"],
                    sentence_type=d["sentence_type"], note=d["note"], occurred_at=at,
                )  # fmt: skip
            case "episode:reopen":
                new = actions.episode_reopen(**common, reason=d["reason"], occurred_at=at)
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


def test_every_demo_episode_is_what_the_real_actions_would_have_made(build_demo):
    build_demo(size=80)
    users = {u.pk: u for u in User.objects.all()}
    demo = list(Episode.objects.select_related("person", "scheme"))
    assert len(demo) > 80
    for episode in demo:
        events = list(episode.events.select_related("site").order_by("occurred_at", "id"))
        copy = replay(episode, events, users)
        for name in PROJECTION:
            assert getattr(copy, name) == getattr(episode, name), (name, episode.pk)
        again = list(copy.events.order_by("id"))
        assert [(e.kind, e.stage_after, e.site_id, e.data) for e in again] == [
            (e.kind, e.stage_after, e.site_id, e.data) for e in events
        ]
        assert Finding.objects.filter(episode=copy, voided_at__isnull=False).count() == (
            Finding.objects.filter(episode=episode, voided_at__isnull=False).count()
        )
