"""What of each tag's payload goes into the analytical store: codes, ids, booleans, counts, times.

Every declared tag needs a decision here (tests/reporting/test_whitelist.py fails otherwise), so
a new tag cannot reach the store with free text in it by default. A field is named with how it
is kept:

- `KEEP`: the value as it is (a code, an id, a boolean, a count, a time, or a list of codes);
- `KEYS`: only the names of a mapping (`changes` says which fields changed, never old or new);
- `PSEUDONYM`: a person's id, replaced by their keyed pseudonym;
- a tuple of names: a list of objects, each kept with those fields only.

A tag mapped to `None` is left out of the store altogether (a draft assessment's edits are
working notes, not reportable history).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

PseudonymFn = Callable[[str], str]

KEEP: Final = "keep"
KEYS: Final = "keys"
PSEUDONYM: Final = "pseudonym"

Rule = str | tuple[str, ...]

_ABOUT_REFERRAL: dict[str, Rule] = {
    "referral_id": KEEP,
    "service_id": KEEP,
    "service_type": KEEP,
    "team_type_code": KEEP,
    "status": KEEP,
}
_FINDINGS: tuple[str, ...] = ("domain", "status", "source")
_CHANGED: dict[str, Rule] = {"changes": KEYS}

WHITELIST: dict[str, dict[str, Rule] | None] = {
    # pathway
    "episode:identify": {
        "point_of_contact": KEEP,
        "referral_source": KEEP,
        "alerted_by_code": KEEP,  # the code only: `alerted_by` is words
        "concerns": KEEP,
        "age_band": KEEP,
    },
    "episode:reenter": {"point_of_contact": KEEP, "referral_source": KEEP, "alerted_by_code": KEEP, "concerns": KEEP},
    "episode:close": {"justice_outcome": KEEP, "sentence_type": KEEP, "ld_outcome": KEEP},
    "episode:reopen": {},
    "episode:note": {},
    "entry:void": {"voided_kind": KEEP},
    # screening
    "episode:screen": {"urgency": KEEP, "needs_assessment": KEEP, "findings": _FINDINGS},
    "screening:instrument": {
        "instrument": KEEP,
        "version": KEEP,
        "response_id": KEEP,
        "total": KEEP,
        "band": KEEP,
        "flags": KEEP,
        "safety_prompt": KEEP,
        "suggested": ("domain", "status"),
        "findings": _FINDINGS,
        "urgency": KEEP,
    },
    "finding:decide": {
        "finding_id": KEEP,
        "domain": KEEP,
        "decision": KEEP,
        "status_before": KEEP,
        "status": KEEP,
        "suggested_by": KEEP,
    },
    "screening:safety_plan": {"informed": ("role",), "informed_at": KEEP},
    # assessment
    "episode:assess": {
        "assessment_id": KEEP,
        "version": KEEP,
        "needs": KEEP,
        "court": KEEP,
        "treatment_requirements": KEEP,
    },
    "assessment:amend": {
        "assessment_id": KEEP,
        "version": KEEP,
        "needs": KEEP,
        "court": KEEP,
        "treatment_requirements": KEEP,
        "replaces_id": KEEP,
        "replaces_version": KEEP,
    },
    "assessment_draft:start": None,
    "assessment_draft:edit": None,
    "assessment_draft:complete": None,
    "assessment_draft:amend": None,
    # referrals
    "episode:refer": {**_ABOUT_REFERRAL, "urgency": KEEP},
    "referral:update": {
        **_ABOUT_REFERRAL,
        "transition": KEEP,
        "from_status": KEEP,
        "appointment_at": KEEP,
        "accompanied": KEEP,
        # `outcome` is the appointment's outcome in words
        "follow_up_due": KEEP,
    },
    "support:assign": {**_ABOUT_REFERRAL, "worker_id": KEEP, "follow_up_due": KEEP},
    "support:contact": {
        **_ABOUT_REFERRAL,
        "contact_id": KEEP,
        "contact_type": KEEP,
        "duration_minutes": KEEP,
        # `outcome` is the contact's outcome in words
        "worker_id": KEEP,
        "follow_up_due": KEEP,
    },
    "service:create": _CHANGED,
    "service:edit": _CHANGED,
    "service:deactivate": _CHANGED,
    "service:reactivate": _CHANGED,
    # sharing
    "consent:record": {
        "consent_id": KEEP,
        "scope": KEEP,
        "agency": KEEP,
        "purpose": KEEP,
        "decision": KEEP,
        "method": KEEP,
        "capacity_in_doubt": KEEP,
        "capacity_outcome": KEEP,
        "child_route": KEEP,
        "seek_consent_by": KEEP,
        # names (guardian, appropriate adult) are words: never kept
    },
    "consent:withdraw": {
        "consent_id": KEEP,
        "scope": KEEP,
        "agency": KEEP,
        "purpose": KEEP,
        "ended_consent_ids": KEEP,
    },
    "share:make": {
        "share_id": KEEP,
        "agency": KEEP,
        "purpose": KEEP,
        "channel": KEEP,
        "basis": KEEP,
        "consent_id": KEEP,
        "override_kind": KEEP,
        "override_approved_by": KEEP,
        "lawful_basis_6": KEEP,
        "lawful_basis_9": KEEP,
        "schedule1_condition": KEEP,
        "confidentiality_basis": KEEP,
        "caldicott_consulted": KEEP,
        "person_informed": KEEP,
        # `agency_name` and `override_statute` are words
        "finding_ids": KEEP,
        "referral_event_ids": KEEP,
    },
    # people: identifiers and demographics never go in as such (sex and ethnic group are
    # columns of the episode's rows; the date of birth only as the identification's age band)
    "person:create": {"scheme_id": KEEP, "aliases": KEEP, "local_identifiers": KEEP},
    "person:change": _CHANGED,
    # both pseudonymised, so the store can read two pseudonyms as one person (ADR 0033)
    "person:merge": {"merged_id": PSEUDONYM, "into_id": PSEUDONYM, "probability": KEEP},
    "person:unmerge": {"merged_id": PSEUDONYM, "into_id": PSEUDONYM},
    # organisations: no usernames
    "scheme:change": _CHANGED,
    "site:change": _CHANGED,
    "response_target:change": _CHANGED,
    # footprints name places and dates, never people
    "scheme:footprint:add": {"local_authority": KEEP, "name": KEEP, "effective_from": KEEP, "effective_to": KEEP},
    "scheme:footprint:change": {"local_authority": KEEP, "changes": KEEP},
    "scheme:footprint:remove": {"local_authority": KEEP, "effective_from": KEEP, "effective_to": KEEP},
    "membership:grant": {"user_id": KEEP, "role": KEEP, "scheme_id": KEEP, "site_id": KEEP},
    "membership:end": {"user_id": KEEP, "role": KEEP, "scheme_id": KEEP, "site_id": KEEP},
    # reporting: a submitted return is what the store's figures became, not activity to count
    "return:submit": None,
    # standards: schemes' judgements of their own service, read from their own tables, not activity
    "self_assessment:start": None,
    "self_assessment:rate": None,
    "self_assessment:submit": None,
    "peer_review:record": None,
    # feedback: staff's records about feedback and involvement, read from their own tables (the
    # anonymous responses are not events at all, ADR 30)
    "feedback:action:record": None,
    "feedback:action:withdraw": None,
    "involvement:group:add": None,
    "involvement:meeting:record": None,
    "involvement:decision:record": None,
    # workforce: staff, training and planning assumptions, read from their own tables; posts and
    # courses, not activity with people
    "staff:add": None,
    "staff:change": None,
    "staff:leave": None,
    "training:record": None,
    "training:withdraw": None,
    "plan:assumptions:change": None,
    # governance: boards and commissioning, read from their own tables (no person in them)
    "governance:board:establish": None,
    "governance:member:add": None,
    "governance:meeting:record": None,
    "governance:decision:record": None,
    "governance:action:record": None,
    "governance:action:close": None,
    "governance:arrangement:record": None,
    # records: disposing of a record past retention is housekeeping of the record, not activity
    "disposal:propose": None,
    "disposal:approve": None,
    "disposal:reject": None,
    "disposal:carry_out": None,
}


def reportable(tag: str, data: dict[str, object], pseudonym: PseudonymFn) -> dict[str, object]:
    """The whitelisted part of a payload (today's shape, as JSON types)."""
    rules = WHITELIST[tag]
    assert rules is not None
    out: dict[str, object] = {}
    for name, rule in rules.items():
        if name not in data:
            continue
        value = data[name]
        if rule == KEEP:
            out[name] = value
        elif rule == KEYS:
            out[name] = sorted(value) if isinstance(value, dict) else []
        elif rule == PSEUDONYM:
            out[name] = pseudonym(str(value)) if value else None
        elif isinstance(rule, tuple) and isinstance(value, list):
            out[name] = [{k: item.get(k) for k in rule} for item in value if isinstance(item, dict)]
    return out
