"""The demo saves rows in bulk instead of calling the actions; replaying demo episodes through
the real actions must give the same projections, the same events and the same assessments and
referrals."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.assessment.actions import assessment_amend, assessment_complete, assessment_start, content_of
from liaison.assessment.models import Assessment
from liaison.demo import liaising
from liaison.pathway import actions
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import Projection, project
from liaison.people.actions import PersonDetails, person_create
from liaison.referrals.actions import referral_make
from liaison.referrals.models import Service
from liaison.screening.actions import FindingInput, finding_decide, screening_record
from liaison.screening.instruments.actions import instrument_record
from liaison.screening.instruments.answers import answers_of
from liaison.screening.instruments.catalogue import instrument_get
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from liaison.sharing.actions import ConsentDetails, ShareDetails, consent_record, consent_withdraw, share_create
from liaison.sharing.codes import TreatmentRequirement, YouthRequirement
from liaison.sharing.models import Consent, InformationShare

# Ids of rows the replay writes anew: compared by what they point at, not by value.
_ROW_IDS = (
    "assessment_id", "replaces_id", "referral_id", "consent_id", "response_id", "share_id", "finding_id",
    "finding_ids", "referral_event_ids",
)  # fmt: skip


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
    # The demo's consents by id, and the replay's copy of each.
    consents: dict[str, Consent] = {}
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
                consents[d["consent_id"]] = consent_record(**common, details=details, occurred_at=at)
                new = consents[d["consent_id"]].event
            case "consent:withdraw":
                withdrawn = consent_withdraw(by=by, consent=consents[d["consent_id"]], note=d["note"], occurred_at=at)
                assert withdrawn.withdraw_event is not None
                new = withdrawn.withdraw_event
            case "screening:instrument":
                response = InstrumentResponse.objects.get(pk=d["response_id"])
                answers = answers_of(instrument_get(d["instrument"]).definition, response.resource)
                # In UTC, as `share:make` below: the response keeps its time as text.
                recorded = instrument_record(
                    **common, instrument=d["instrument"], answers=answers, occurred_at=event.occurred_at
                )
                new = recorded.event
            case "finding:decide":
                copied = _copied(Finding.objects.get(pk=d["finding_id"]), made)
                new = finding_decide(
                    by=by, finding=copied, decision=d["decision"], status=d["status"], note=d["reason"],
                    occurred_at=at,
                )  # fmt: skip
            case "share:make":
                shared = _share_details(InformationShare.objects.get(pk=d["share_id"]), made)
                # In UTC, as a share recorded when it is made (`clock.now()`): its snapshot keeps the
                # time as text, offset and all.
                new = share_create(**common, details=shared, occurred_at=event.occurred_at).event
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


def _copied(demo: Finding, made: dict[int, PathwayEvent]) -> Finding:
    """The replay's copy of a demo finding: the same domain, on the copy of its event."""
    return Finding.objects.get(event=made[demo.event_id], domain=demo.domain)


def _codes(choices: Any, labels: list[str]) -> list[str]:
    return [next(value for value, label in choices.choices if label == text) for text in labels]


def _share_details(share: InformationShare, made: dict[int, PathwayEvent]) -> ShareDetails:
    """What the practitioner would have entered for the demo's share, naming the replay's rows."""
    snap, data = share.snapshot, share.event.data
    rec = snap["recommendations"]
    hearing = snap["court"]["hearing_date"]
    return ShareDetails(
        agency=share.agency, recipient_name=share.recipient_name, purpose=share.purpose,
        lawful_basis_6=share.lawful_basis_6, lawful_basis_9=share.lawful_basis_9, channel=share.channel,
        agency_name=share.agency_name, schedule1_condition=share.schedule1_condition,
        confidentiality_basis=share.confidentiality_basis,
        finding_ids=[_copied(Finding.objects.get(pk=i), made).pk for i in data["finding_ids"]],
        referral_event_ids=[made[i].pk for i in data["referral_event_ids"]],
        summary=snap["summary"], treatment_requirements=_codes(TreatmentRequirement, rec["treatment_requirements"]),
        youth_requirements=_codes(YouthRequirement, rec["youth_requirements"]),
        psychiatric_report=rec["psychiatric_report"], recommendations=rec["note"],
        override_kind=share.override_kind, override_reason=share.override_reason,
        override_approver=share.override_approved_by, override_statute=share.override_statute,
        caldicott_consulted=share.caldicott_consulted, caldicott_guardian=share.caldicott_guardian,
        caldicott_consulted_at=share.caldicott_consulted_at,
        caldicott_not_consulted_reason=share.caldicott_not_consulted_reason, person_informed=share.person_informed,
        person_not_informed_reason=share.person_not_informed_reason,
        court_case_number=snap["court"]["case_number"], hearing_date=date.fromisoformat(hearing) if hearing else None,
    )  # fmt: skip


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


def _findings(episode: Episode) -> list[tuple[Any, ...]]:
    return sorted(
        (f.domain, f.status, f.source, f.note, f.decision, f.suggested_by, f.decided_at, f.voided_at is not None)
        for f in episode.findings.all()
    )


def _without_ids(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A share's snapshot without the ids of the rows it names (the replay's are new)."""
    return {
        **snapshot,
        "findings": [{k: v for k, v in f.items() if k != "id"} for f in snapshot["findings"]],
        "referrals": [{k: v for k, v in r.items() if k != "event_id"} for r in snapshot["referrals"]],
        "basis": {k: v for k, v in snapshot["basis"].items() if k != "consent_id"},
    }


def _shares(episode: Episode) -> list[tuple[Any, ...]]:
    return [
        (s.agency, s.purpose, s.basis, s.channel, s.shared_at, s.shared_by_id, s.report_kind, s.report_version,
         s.consent.given_at if s.consent else None, s.override_kind, s.override_approved_by_id,
         s.caldicott_consulted, s.person_informed, s.confidentiality_basis, _without_ids(s.snapshot))
        for s in episode.information_shares.select_related("consent").order_by("shared_at")
    ]  # fmt: skip


def _consents(episode: Episode) -> list[tuple[Any, ...]]:
    return [
        (c.scope, c.agency, c.purpose, c.decision, c.method, c.given_at, c.withdrawn_at, c.withdrawal_note,
         c.age_at_episode, c.child_route, c.appropriate_adult_name)
        for c in episode.consents.order_by("given_at")
    ]  # fmt: skip


def _responses(episode: Episode) -> list[tuple[Any, ...]]:
    return [
        (r.instrument, r.version, r.total, r.band, r.flags, r.result, r.safety_prompt, r.recorded_by_id,
         {k: v for k, v in r.resource.items() if k not in ("id", "subject")})
        for r in episode.instrument_responses.order_by("event__occurred_at")
    ]  # fmt: skip


def assert_replays(episode: Episode, users: dict[int, User]) -> None:
    events = _events(episode)
    copy = replay(episode, events, users)
    assert Projection.of(copy) == Projection.of(episode), episode.pk
    assert (copy.target_minutes, copy.scheme_id) == (episode.target_minutes, episode.scheme_id)
    # In the order written: the real void is dated when it is recorded, now.
    assert [_shape(e) for e in copy.events.order_by("id")] == [_shape(e) for e in events]
    assert _assessments(copy) == _assessments(episode)
    assert _referrals(copy) == _referrals(episode)
    assert _findings(copy) == _findings(episode)
    assert _consents(copy) == _consents(episode)
    assert _responses(copy) == _responses(episode)
    assert _shares(copy) == _shares(episode)


def test_every_demo_episode_is_what_the_real_actions_would_have_made(build_demo):
    build_demo(size=80)
    users = {u.pk: u for u in User.objects.all()}
    demo = list(Episode.objects.select_related("person", "scheme"))
    assert len(demo) > 80
    kinds = set(PathwayEvent.objects.values_list("kind", flat=True))
    assert kinds >= {
        "episode:screen", "episode:assess", "episode:refer", "episode:close", "entry:void", "consent:record",
        "screening:instrument", "finding:decide", "share:make",
    }  # fmt: skip
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


def test_demo_overrides_and_withdrawals_are_what_the_real_actions_make(build_demo, monkeypatch):
    monkeypatch.setattr(liaising, "REFUSAL_CHANCE", 0.5)
    monkeypatch.setattr(liaising, "OVERRIDE_CHANCE", 1.0)
    monkeypatch.setattr(liaising, "WITHDRAWAL_CHANCE", 1.0)
    build_demo(size=60)
    overridden = set(InformationShare.objects.filter(basis="override").values_list("episode_id", flat=True))
    withdrawn = set(Consent.objects.filter(withdrawn_at__isnull=False).values_list("episode_id", flat=True))
    assert overridden and withdrawn
    users = {u.pk: u for u in User.objects.all()}
    for episode in Episode.objects.filter(pk__in=overridden | withdrawn).select_related("person", "scheme"):
        assert_replays(episode, users)
