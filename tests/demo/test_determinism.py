from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction

from liaison.accounts.models import User
from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.organisations.models import Footprint, Membership, OrganisationEvent, Region, ResponseTarget, Scheme, Site
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.models import Person, PersonEvent
from liaison.referrals.models import Referral, Service, ServiceEvent
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from liaison.sharing.models import Consent, InformationShare


class _Rollback(Exception):
    pass


def _natural_keys() -> dict[str, dict[int, object]]:
    """Each database id an event names, by what it names: sequences differ between builds."""
    assessments: dict[int, object] = {a.pk: (a.episode_id, a.version) for a in Assessment.objects.all()}
    findings: dict[int, object] = {
        f.pk: (f.episode_id, f.event.occurred_at, f.domain) for f in Finding.objects.select_related("event")
    }
    events: dict[int, object] = {
        e["id"]: (e["episode_id"], e["kind"], e["occurred_at"])
        for e in PathwayEvent.objects.values("id", "episode_id", "kind", "occurred_at")
    }
    return {
        "region_id": dict(Region.objects.values_list("id", "code")),
        "scheme_id": dict(Scheme.objects.values_list("id", "code")),
        "site_id": dict(Site.objects.values_list("id", "code")),
        "user_id": dict(User.objects.values_list("id", "username")),
        "service_id": {s.pk: (s.scheme.code, s.name) for s in Service.objects.select_related("scheme")},
        "assessment_id": assessments,
        "replaces_id": assessments,
        "referral_id": {r.pk: (r.episode_id, r.made_at) for r in Referral.objects.all()},
        "override_approved_by": dict(User.objects.values_list("id", "username")),
        "finding_id": findings,
        "finding_ids": findings,
        "referral_event_ids": events,
        "event_id": events,
    }


def _plain(value: Any, keys: dict[str, dict[int, object]], name: str = "") -> Any:
    """A payload with its ids swapped for natural keys (`changes` lists too: [null, id])."""
    if isinstance(value, dict):
        return {k: _plain(v, keys, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_plain(v, keys, name) for v in value]
    if name in keys and isinstance(value, int) and not isinstance(value, bool):
        return keys[name][value]
    return value


def _subjects() -> dict[str, dict[int, object]]:
    return {
        "scheme": dict(Scheme.objects.values_list("id", "code")),
        "site": dict(Site.objects.values_list("id", "code")),
        "response_target": {
            t.pk: (t.site.code, t.point_of_contact) for t in ResponseTarget.objects.select_related("site")
        },
        "membership": {
            m.pk: (m.user.username, m.role, m.scheme.code if m.scheme else "", m.site.code if m.site else "")
            for m in Membership.objects.select_related("user", "scheme", "site")
        },
        "footprint": {
            f.pk: (f.scheme.code, f.local_authority.code, f.effective_from)
            for f in Footprint.objects.select_related("scheme", "local_authority")
        },
    }


def digest() -> str:
    """What a user of the demo sees, without database ids (sequences differ between builds)."""
    keys, subjects = _natural_keys(), _subjects()
    rows: list[object] = []
    rows += Person.objects.order_by("id").values_list(
        "id", "given_name", "family_name", "date_of_birth", "sex", "ethnicity", "postcode", "nhs_number",
        "nhs_number_status", "pnc_id", "registered_by_scheme__code", "created_by__username", "created_at",
    )  # fmt: skip
    rows += Episode.objects.order_by("id").values_list(
        "id", "person_id", "site__code", "current_site__code", "point_of_contact", "referral_source", "stage",
        "identified_at", "screened_at", "closed_at", "justice_outcome", "ld_outcome", "target_minutes", "age_band",
    )  # fmt: skip
    # Events at the same moment (a service and a research consent) have no order of their own: by content.
    rows += sorted(
        (
            (*row[:-1], _plain(row[-1], keys))
            for row in PathwayEvent.objects.values_list(
            "episode_id", "kind", "occurred_at", "recorded_at", "actor__username", "site__code", "stage_after",
            "voids__kind", "data",
            )
        ),
        key=repr,
    )  # fmt: skip
    rows += Finding.objects.order_by("episode_id", "recorded_at", "domain").values_list(
        "episode_id", "domain", "status", "voided_at"
    )
    rows += Assessment.objects.order_by("episode_id", "version").values_list(
        "episode_id", "version", "replaces__version", "author__username", "status", "formulation", "needs", "court",
        "completed_at", "event__kind", "event__occurred_at",
    )  # fmt: skip
    rows += AssessmentEvent.objects.order_by("assessment__episode_id", "occurred_at", "kind").values_list(
        "assessment__episode_id", "assessment__version", "kind", "occurred_at", "data"
    )
    rows += Referral.objects.order_by("episode_id", "made_at").values_list(
        "episode_id", "service__name", "status", "urgency", "reason", "made_at", "made_by__username", "event__kind",
        "event__occurred_at",
    )  # fmt: skip
    rows += sorted(
        (
            (*row[:-1], _plain(row[-1], keys))
            for row in PersonEvent.objects.values_list("person_id", "kind", "occurred_at", "actor__username", "data")
        ),
        key=repr,
    )
    rows += [
        (*row[:-1], _plain(row[-1], keys))
        for row in ServiceEvent.objects.order_by("service__scheme__code", "service__name").values_list(
            "service__scheme__code", "service__name", "kind", "occurred_at", "actor__username", "data"
        )
    ]
    rows += sorted(
        (e.kind, e.subject, repr(subjects[e.subject][e.subject_id]), e.scheme.code if e.scheme else "",
         e.occurred_at, e.actor.username, repr(_plain(e.data, keys)))
        for e in OrganisationEvent.objects.select_related("scheme", "actor")
    )  # fmt: skip
    rows += Finding.objects.order_by("episode_id", "recorded_at", "domain").values_list(
        "episode_id", "domain", "source", "note", "decision", "decided_at", "suggested_by", "decided_by__username"
    )
    rows += Consent.objects.order_by("id").values_list(
        "id", "episode_id", "event__kind", "scope", "agency", "purpose", "decision", "method", "given_at",
        "recorded_at", "recorded_by__username", "withdrawn_at", "withdrawal_note", "withdraw_event__occurred_at",
    )  # fmt: skip
    # A response names its author by database id ("Practitioner/12"): by name here.
    rows += [
        (*row[:-1], {**row[-1], "author": row[-1]["author"]["display"]})
        for row in InstrumentResponse.objects.order_by("id").values_list(
            "id", "episode_id", "event__occurred_at", "instrument", "version", "total", "band", "flags",
            "safety_prompt", "recorded_by__username", "recorded_at", "result", "resource",
        )
    ]  # fmt: skip
    # A snapshot's findings name their ids as "id".
    rows += [
        (*row[:-1], _plain(row[-1], {**keys, "id": keys["finding_ids"]}))
        for row in InformationShare.objects.order_by("id").values_list(
            "id", "episode_id", "event__occurred_at", "agency", "purpose", "basis", "consent_id", "shared_at",
            "shared_by__username", "override_kind", "override_approved_by__username", "snapshot",
        )
    ]  # fmt: skip
    rows += User.objects.order_by("username").values_list("username", "first_name", "last_name", "job_title")
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def built_digest(build_demo, seed: int) -> str:
    try:
        with transaction.atomic():
            build_demo(seed=seed)
            value = digest()
            raise _Rollback
    except _Rollback:
        pass
    assert not Episode.objects.exists()
    return value


def test_the_same_seed_and_date_give_the_same_data(build_demo):
    assert built_digest(build_demo, 7) == built_digest(build_demo, 7)


def test_another_seed_gives_other_data(build_demo):
    assert built_digest(build_demo, 7) != built_digest(build_demo, 8)
