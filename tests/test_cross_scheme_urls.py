"""Every URL that takes a record's id refuses another scheme's record with 404, and every URL
that shows a person writes an audit row.

The whole URL configuration is enumerated, so a URL added later that takes a person, episode
or event id cannot slip past: a page route fails here until it is entered in `PAGES` with what
it must do, and an API route under /api/v1/ is probed generically (every method it serves,
Bearer token, a body built from its OpenAPI schema) and must answer with a 404 JSON response.
An id argument this file does not know fails too, until someone decides how to check it.

Then every route, page or API, with an id or without (the worklist, the caseload, a listing),
is asked again by someone who may see the records: whenever the answer shows the person, an
audit row for that person must have been written by that request.
"""

from __future__ import annotations

import enum
import json
import re
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from liaison.accounts.models import ApiToken, User
from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.audit.models import AccessAudit, BreakGlass
from liaison.core import clock
from liaison.feedback.models import Action as FeedbackAction
from liaison.feedback.models import Decision, InvolvementGroup, Meeting
from liaison.governance.models import Board, BoardAction, BoardMeeting, BoardMember, GovernanceEvent
from liaison.linkage.actions import people_merge
from liaison.linkage.models import DuplicateSuggestion, PersonMerge
from liaison.organisations.models import Role
from liaison.pathway.actions import episode_note
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.models import Person
from liaison.referrals.actions import support_assign
from liaison.referrals.models import Referral, Service, ServiceEvent
from liaison.screening.instruments.actions import instrument_record
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from liaison.sharing.models import InformationShare
from liaison.standards.actions import self_assessment_start
from liaison.standards.framework import load
from liaison.standards.models import PeerReview, SelfAssessment, StandardsEvent
from liaison.workforce.actions import staff_add, training_record
from liaison.workforce.models import PlanAssumption, StaffRecord, TrainingRecord, WorkforceEvent
from tests import factories
from tests.conftest import Network
from tests.interop.conftest import sharing_records
from tests.referrals import builders
from tests.screening.suggested import pending_finding
from tests.workforce.conftest import details as staff_details


class Expect(enum.Enum):
    NOT_FOUND = "404 for GET and POST (405 where the view does not take that method)"
    REFUSED = "403 or 404: the page exists for every user, but not for this scheme"
    BREAK_GLASS = "the break-glass page: the name only, and nothing opened without a reason"


# Every page route that takes a record id, and what a practitioner of scheme B must get when
# they ask for scheme A's record. A new route fails `test_every_url_taking_an_id_is_registered`
# until it is entered here.
PAGES: dict[str, Expect] = {
    "people:person": Expect.NOT_FOUND,
    "people:identify-existing": Expect.NOT_FOUND,
    "people:correct": Expect.NOT_FOUND,
    "people:break-glass": Expect.BREAK_GLASS,
    "pathway:scheme-open": Expect.REFUSED,
    "pathway:episode": Expect.NOT_FOUND,
    "pathway:screen": Expect.NOT_FOUND,
    "pathway:assess": Expect.NOT_FOUND,
    "pathway:refer": Expect.NOT_FOUND,
    "pathway:close": Expect.NOT_FOUND,
    "pathway:reopen": Expect.NOT_FOUND,
    "pathway:reenter": Expect.NOT_FOUND,
    "pathway:note": Expect.NOT_FOUND,
    "pathway:void": Expect.NOT_FOUND,
    "screening:decide-findings": Expect.NOT_FOUND,
    "screening:safety-plan": Expect.NOT_FOUND,
    "assessment:start": Expect.NOT_FOUND,
    "assessment:view": Expect.NOT_FOUND,
    "assessment:edit": Expect.NOT_FOUND,
    "assessment:complete": Expect.NOT_FOUND,
    "assessment:amend": Expect.NOT_FOUND,
    "sharing:consent-new": Expect.NOT_FOUND,
    "sharing:consent-withdraw": Expect.NOT_FOUND,
    "sharing:share-new": Expect.NOT_FOUND,
    "sharing:share": Expect.NOT_FOUND,
    "sharing:share-pdf": Expect.NOT_FOUND,
    "referrals:service": Expect.NOT_FOUND,
    "referrals:service-edit": Expect.NOT_FOUND,
    "referrals:service-active": Expect.NOT_FOUND,
    "referrals:referral": Expect.NOT_FOUND,
    "referrals:update": Expect.NOT_FOUND,
    "referrals:support": Expect.NOT_FOUND,
    "referrals:contact": Expect.NOT_FOUND,
    "instruments:choose": Expect.NOT_FOUND,
    "instruments:start": Expect.NOT_FOUND,
    "instruments:result": Expect.NOT_FOUND,
    "reporting:return": Expect.NOT_FOUND,
    "reporting:return-download": Expect.NOT_FOUND,
    "records:subject-access": Expect.NOT_FOUND,
    "feedback:scheme-results": Expect.NOT_FOUND,
    "feedback:action-new": Expect.NOT_FOUND,
    "feedback:poster": Expect.NOT_FOUND,
    "feedback:action-withdraw": Expect.NOT_FOUND,
    "feedback:group": Expect.NOT_FOUND,
    "feedback:meeting-new": Expect.NOT_FOUND,
    "feedback:decision-new": Expect.NOT_FOUND,
    "standards:framework": Expect.NOT_FOUND,
    "standards:assessment": Expect.NOT_FOUND,
    "standards:rate": Expect.NOT_FOUND,
    "standards:submit": Expect.NOT_FOUND,
    "standards:revise": Expect.NOT_FOUND,
    "standards:review": Expect.NOT_FOUND,
    "workforce:scheme": Expect.NOT_FOUND,
    "workforce:staff-new": Expect.NOT_FOUND,
    "workforce:assumptions": Expect.NOT_FOUND,
    "workforce:staff": Expect.NOT_FOUND,
    "workforce:staff-change": Expect.NOT_FOUND,
    "workforce:staff-leave": Expect.NOT_FOUND,
    "workforce:training-new": Expect.NOT_FOUND,
    "workforce:training-withdraw": Expect.NOT_FOUND,
    "governance:scheme": Expect.NOT_FOUND,
    "governance:board-new": Expect.NOT_FOUND,
    "governance:member-new": Expect.NOT_FOUND,
    "governance:meeting-new": Expect.NOT_FOUND,
    "governance:decision-new": Expect.NOT_FOUND,
    "governance:action-close": Expect.NOT_FOUND,
    "governance:arrangement-new": Expect.NOT_FOUND,
    # Guidance is no scheme's and open to all staff; none is loaded here, so it is 404.
    "governance:guidance-document": Expect.NOT_FOUND,
    "linkage:pair": Expect.NOT_FOUND,
    "linkage:unmerge": Expect.NOT_FOUND,
}

# The id arguments this file knows how to fill with scheme A's (or scheme B's own) records.
ID_ARGS = frozenset(
    {
        "person_id",
        "episode_id",
        "event_id",
        "scheme_id",
        "finding_id",
        "assessment_id",
        "consent_id",
        "share_id",
        "service_id",
        "referral_id",
        "response_id",
        "scheme_code",
        "action_id",
        "group_id",
        "self_assessment_id",
        "framework_id",
        "staff_id",
        "training_id",
        "board_action_id",
        "suggestion_id",
        "merge_id",
    }
)
# Arguments that name no record (an instrument's code, a month, a file's format): a fixed value.
PLAIN_ARGS = {"instrument": "phq9", "month": "2025-03", "fmt": "csv", "table": "events", "criterion_code": "COV.1.1",
              "guidance_code": "partnership-boards"}  # fmt: skip
# Namespaces with their own access rules, not scheme scope (the admin is for administrators).
SKIPPED_NAMESPACES = ("admin:",)
API_PREFIX = "api/v1/"
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Bodies for API operations whose schema the generic example cannot satisfy:
# {(route name, method): body}.
API_BODIES: dict[tuple[str, str], dict[str, Any]] = {}

_PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # with its namespaces, "people:person"
    route: str  # "people/<uuid:person_id>/"
    args: frozenset[str]
    buildable: bool  # built from path() routes only, so ids can be put in

    @property
    def is_api(self) -> bool:
        return self.route.startswith(API_PREFIX)

    def path(self, ids: dict[str, object]) -> str:
        return "/" + _PLACEHOLDER.sub(lambda m: str(ids[m["name"]]), self.route)

    @property
    def openapi_path(self) -> str:
        return "/" + _PLACEHOLDER.sub(lambda m: "{" + m["name"] + "}", self.route)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "", buildable: bool = True) -> Iterator[Route]:
    for p in patterns:
        pattern = p.pattern
        regex_only = not hasattr(pattern, "converters")  # re_path(): no route string to fill in
        args = set(pattern.regex.groupindex)
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            for inner in _walk(p.url_patterns, prefix + str(pattern), ns, buildable and not regex_only):
                yield Route(inner.name, inner.route, inner.args | args, inner.buildable)
        elif isinstance(p, URLPattern):
            yield Route(
                f"{namespace}{p.name or ''}", prefix + str(pattern), frozenset(args), buildable and not regex_only
            )


def _routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for r in _walk(get_resolver().url_patterns):
        if r.name.startswith(SKIPPED_NAMESPACES) or r.route.startswith("admin/"):
            continue
        # Django Ninja adds one pattern per operation on the same path; the first one answers.
        seen.setdefault(r.route, r)
    return list(seen.values())


ROUTES = _routes()
ID_ROUTES = [r for r in ROUTES if r.args & ID_ARGS]


def test_every_url_taking_an_id_is_registered():
    problems = []
    for r in ROUTES:
        unknown = r.args - ID_ARGS - set(PLAIN_ARGS)
        if unknown:
            problems.append(f"{r.route} takes {sorted(unknown)}: teach this test how to fill them")
        if not r.args & ID_ARGS:
            continue
        if not r.buildable:
            problems.append(f"{r.route} is a regular expression: use path() so the test can build it")
        if not r.is_api and r.name not in PAGES:
            problems.append(f"{r.route} ({r.name or 'unnamed'}) takes an id: add it to PAGES")
    stale = set(PAGES) - {r.name for r in ROUTES}
    problems += [f"PAGES names {name}, which no longer exists" for name in sorted(stale)]
    assert not problems, "\n".join(problems)


def test_the_registry_sees_the_routes_it_should():
    """Guards the walk itself: if it found nothing, every other test here would pass vacuously."""
    names = {r.name for r in ID_ROUTES}
    assert {"people:person", "people:break-glass", "pathway:episode", "pathway:void"} <= names


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """Argon2 is deliberately slow; these tests sign in with force_login and tokens."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Records:
    person: Person
    episode: Episode
    event: PathwayEvent
    finding: Finding
    assessment: Assessment
    share: InformationShare
    service: Service
    referral: Referral
    response: InstrumentResponse
    action: FeedbackAction
    group: InvolvementGroup
    self_assessment: SelfAssessment
    staff: StaffRecord
    training: TrainingRecord
    board_action: BoardAction
    suggestion: DuplicateSuggestion
    merge: PersonMerge

    def ids(self, scheme_id: int) -> dict[str, object]:
        return {
            "person_id": self.person.pk,
            "episode_id": self.episode.pk,
            "event_id": self.event.pk,
            "scheme_id": scheme_id,
            "scheme_code": self.episode.scheme.code,
            "finding_id": self.finding.pk,
            "assessment_id": self.assessment.pk,
            "consent_id": self.share.consent_id,
            "share_id": self.share.pk,
            "service_id": self.service.pk,
            "referral_id": self.referral.pk,
            "response_id": self.response.pk,
            "action_id": self.action.pk,
            "group_id": self.group.pk,
            "self_assessment_id": self.self_assessment.pk,
            "framework_id": self.self_assessment.framework_id,
            "staff_id": self.staff.pk,
            "training_id": self.training.pk,
            "board_action_id": self.board_action.pk,
            "suggestion_id": self.suggestion.pk,
            "merge_id": self.merge.pk,
            **PLAIN_ARGS,
        }


def _records(user: User, site: Any, name: str) -> Records:
    who = factories.person(
        by=user,
        scheme=site.scheme,
        given_name="Ottoline",
        family_name=name,
        date_of_birth=date(1985, 1, 2),
        nhs_number="9990000026",
    )
    episode = factories.episode(by=user, site=site, who=who)
    # A voidable entry, so a careless void view would really void it.
    event = episode_note(by=user, episode=episode, text="Seen in cell 4")
    # A suggestion to decide and a draft assessment, which a careless view would change.
    finding = pending_finding(episode=episode, by=user)
    now = clock.now()
    draft = Assessment.objects.create(
        episode=episode, author=user, history="Seen in cell 4", created_at=now, updated_at=now
    )
    # A consent (a careless withdraw view would withdraw it) and a share with its report.
    share = sharing_records(episode)
    # A directory service and a referral to it, which a careless view would move on or change.
    service = builders.service(scheme=site.scheme, name=f"{name} community mental health team")
    referral = builders.referral(episode=episode, by=user, to=service, reason="Seen in cell 4")
    answers = {str(n): "0" for n in range(1, 10)}
    response = instrument_record(by=user, episode=episode, instrument="phq9", answers=answers)
    # The scheme's "you said, we did" (a careless view would withdraw it) and a lived-experience
    # group with a meeting (a careless view would add to it).
    action = FeedbackAction.objects.create(
        scheme=site.scheme, you_said="Seen in cell 4", we_did="Moved", done_on=now.date(), recorded_by=user,
        recorded_at=now,
    )  # fmt: skip
    group = InvolvementGroup.objects.create(
        scheme=site.scheme, name=f"{name} panel", kind="panel", started_on=now.date()
    )
    Meeting.objects.create(group=group, held_on=now.date(), attended=5, with_lived_experience=3, summary="Met")
    # A scheme's draft self-assessment, which a careless view would show, rate or submit.
    lead = factories.staff(role=Role.TEAM_LEAD, scheme=site.scheme)
    standards = self_assessment_start(scheme=site.scheme, framework=load().framework, period="2025-Q1", by=lead)
    # A staff record, which a careless view would show by name, change, end or add training to.
    staff = staff_add(scheme=site.scheme, details=staff_details(family_name=name), by=lead)
    bls = staff.role.competencies.get(code="BLS")
    training = training_record(staff=staff, competency=bls, completed_on=now.date(), evidence="Certificate", by=lead)
    # The scheme's partnership board with an open action, which a careless view would close.
    board = Board.objects.create(scheme=site.scheme, name=f"{name} board", established_on=now.date())
    member = BoardMember.objects.create(board=board, name="Sam Reed", role_title="Inspector", agency="police",
                                        organisation="Constabulary", joined_on=now.date())  # fmt: skip
    meeting = BoardMeeting.objects.create(board=board, held_on=now.date(), minutes="Met", recorded_by=lead,
                                          recorded_at=now)  # fmt: skip
    board_action = BoardAction.objects.create(meeting=meeting, action="Seen in cell 4", owner=member,
                                              due_on=now.date(), recorded_by=lead, recorded_at=now)  # fmt: skip
    # A likely duplicate of the person to decide, and a merge to undo, which a careless view would.
    twin = factories.person(by=user, scheme=site.scheme, given_name="Ottoline", family_name=f"{name}e")
    first, second = sorted((who, twin), key=lambda p: str(p.pk))
    suggestion = DuplicateSuggestion.objects.create(
        person_a=first, person_b=second, probability=0.9, model_version="person.test", suggested_at=now
    )
    merged = [factories.person(by=user, scheme=site.scheme, family_name=f"{name}{n}") for n in (1, 2)]
    merge = people_merge(by=lead, keep=merged[0], absorb=merged[1], reason="Same person")
    return Records(
        who, episode, event, finding, draft, share, service, referral, response, action, group, standards, staff,
        training, board_action, suggestion, merge,
    )  # fmt: skip


@pytest.fixture
def records(network: Network) -> tuple[Records, Records]:
    """Scheme A's records, which B must not reach, and B's own, to mix into the same URL."""
    return (
        _records(network.practitioner_a, network.custody_a, "Ashcombe"),
        _records(network.practitioner_b, network.custody_b, "Bellamy"),
    )


def _variants(route: Route, a: Records, b: Records, network: Network) -> list[dict[str, object]]:
    """All of A's ids; then, for a URL taking several, each of A's ids among B's own, so that a
    view checking only the first id (B's episode, A's event) is caught."""
    mine, theirs = b.ids(network.scheme_b.pk), a.ids(network.scheme_a.pk)
    args = sorted(route.args & ID_ARGS)
    variants = [theirs]
    if len(args) > 1:
        variants += [{**mine, arg: theirs[arg]} for arg in args]
    return variants


def _written(a: Records) -> tuple[object, ...]:
    episode = Episode.objects.get(pk=a.episode.pk)
    finding = Finding.objects.get(pk=a.finding.pk)
    return (
        PathwayEvent.objects.count(),
        Episode.objects.count(),
        BreakGlass.objects.count(),
        episode.stage,
        finding.decision,
        Assessment.objects.count(),
        AssessmentEvent.objects.count(),
        Referral.objects.count(),
        ServiceEvent.objects.count(),
        Service.objects.filter(active=True).count(),
        Referral.objects.get(pk=a.referral.pk).status,
        InstrumentResponse.objects.count(),
        FeedbackAction.objects.filter(withdrawn_at__isnull=False).count(),
        FeedbackAction.objects.count(),
        Meeting.objects.count(),
        Decision.objects.count(),
        SelfAssessment.objects.filter(status="submitted").count(),
        StandardsEvent.objects.count(),
        PeerReview.objects.count(),
        StaffRecord.objects.filter(ended_on__isnull=False).count(),
        StaffRecord.objects.count(),
        TrainingRecord.objects.count(),
        TrainingRecord.objects.filter(withdrawn_at__isnull=False).count(),
        PlanAssumption.objects.count(),
        WorkforceEvent.objects.count(),
        GovernanceEvent.objects.count(),
        BoardMeeting.objects.count(),
        BoardAction.objects.filter(status="open").count(),
        DuplicateSuggestion.objects.filter(status="open").count(),
        PersonMerge.objects.filter(undone_at__isnull=True).count(),
    )


@pytest.mark.parametrize("route", [r for r in ID_ROUTES if not r.is_api], ids=lambda r: r.name)
def test_pages_refuse_another_schemes_records(client: Client, network: Network, records, route: Route):
    a, b = records
    client.force_login(network.practitioner_b)
    expect = PAGES.get(route.name)
    if expect is None or route.args - ID_ARGS - set(PLAIN_ARGS):
        pytest.fail(f"{route.route} is not registered: see test_every_url_taking_an_id_is_registered")
    before = _written(a)
    for ids in _variants(route, a, b, network):
        url = route.path(ids)
        responses = {method: getattr(client, method.lower())(url, {}) for method in ("GET", "POST")}
        statuses = {m: r.status_code for m, r in responses.items()}
        for response in responses.values():
            body = response.content.decode()
            assert "999 000 0026" not in body and "Seen in cell 4" not in body, url
        if expect is Expect.NOT_FOUND:
            assert set(statuses.values()) <= {404, 405} and 404 in statuses.values(), (url, statuses)
        elif expect is Expect.REFUSED:
            assert set(statuses.values()) <= {403, 404, 405} and statuses["GET"] != 405, (url, statuses)
        else:
            assert statuses == {"GET": 200, "POST": 200}, (url, statuses)
    assert _written(a) == before


def _example(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A small value that satisfies a JSON schema, so input validation lets the request through to
    the access check."""
    if depth > 8:
        return None
    if "$ref" in schema:
        return _example(components.get(schema["$ref"].rsplit("/", 1)[-1], {}), components, depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        options = [o for o in schema.get(key, []) if o.get("type") != "null"]
        if options:
            return _example(options[0], components, depth + 1)
    if "default" in schema:
        return schema["default"]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: _example(props[k], components, depth + 1) for k in schema.get("required", []) if k in props}
    if kind == "array":
        return [_example(schema.get("items", {}), components, depth + 1) for _ in range(schema.get("minItems", 0))]
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return False
    fmt = schema.get("format")
    if fmt == "date-time":
        return "2024-01-01T10:00:00+00:00"
    if fmt == "date":
        return "2000-01-01"
    if fmt == "uuid":
        return str(uuid.uuid4())
    return "A reason given in words" if schema.get("minLength", 0) < 24 else "x" * schema["minLength"]


_OPENAPI: dict[str, Any] = {}


def _openapi_document(client: Client, auth: dict[str, str]) -> dict[str, Any]:
    """The API's own description, fetched once: it is the same for every route and user, and
    building it is most of the time of a request."""
    if not _OPENAPI:
        response = client.get(f"/{API_PREFIX}openapi.json", **auth)  # type: ignore[arg-type]
        assert response.status_code == 200, response.status_code
        _OPENAPI.update(response.json())
    return _OPENAPI


def _api_body(client: Client, auth: dict[str, str], route: Route, method: str) -> dict[str, Any]:
    if (route.name, method) in API_BODIES:
        return API_BODIES[(route.name, method)]
    document = _openapi_document(client, auth)
    operation = document.get("paths", {}).get(route.openapi_path, {}).get(method.lower(), {})
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if not schema:
        return {}
    return _example(schema, document.get("components", {}).get("schemas", {})) or {}


def _bearer(user: User) -> dict[str, str]:
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name="cross-scheme test", prefix=token[:8], digest=ApiToken.digest_of(token))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.parametrize("route", [r for r in ID_ROUTES if r.is_api], ids=lambda r: r.name or r.route)
def test_the_api_refuses_another_schemes_records(client: Client, network: Network, records, route: Route):
    a, b = records
    if route.args - ID_ARGS - set(PLAIN_ARGS):
        pytest.fail(f"{route.route} takes an id this test cannot fill: see test_every_url_taking_an_id_is_registered")
    auth = _bearer(network.practitioner_b)
    allowed = {404, 403} if route.args & ID_ARGS == {"scheme_id"} else {404}
    before = _written(a)
    served = 0
    for ids in _variants(route, a, b, network):
        url = route.path(ids)
        for method in API_METHODS:
            body = json.dumps(_api_body(client, auth, route, method))
            response = client.generic(method, url, body, content_type="application/json", **auth)  # type: ignore[arg-type]
            if response.status_code == 405:
                continue
            served += 1
            assert response.status_code in allowed, (
                f"{method} {url} gave {response.status_code}: {response.content[:300]!r}. "
                "A 422 means the generated body was refused: add one to API_BODIES."
            )
            assert response["Content-Type"].startswith("application/json"), (method, url)
            assert "Ashcombe" not in response.content.decode(), (method, url)
    assert served, f"{route.route} answered no method"
    assert _written(a) == before


# ---- every route that shows a person audits it

# What only the person's record holds (not what the user typed: the search below asks for the
# family name, and the identify form echoes it back).
IDENTIFYING = ("Ottoline", "9990000026", "999 000 0026")
# Routes the walk must find showing the person, so that it cannot pass by seeing nobody anywhere.
SHOW_THE_PERSON = {
    "pathway:worklist",
    "pathway:scheme-open",
    "referrals:caseload",
    "people:find",
    "people:person",
    "pathway:episode",
    "sharing:share-pdf",
    "api-v1:search",
    "api-v1:identify",  # the same path lists episodes on GET
    "api-v1:share_pdf",
}


def _shows_the_person(response: Any) -> bool:
    # A share's report is the person's data whatever the PDF's text encoding makes of the name.
    if response.get("Content-Type", "").startswith("application/pdf"):
        return True
    return any(s in response.content.decode(errors="replace") for s in IDENTIFYING)


@pytest.fixture
def seen(network: Network) -> Records:
    """Scheme A's records, with the referral in its support worker's caseload."""
    a = _records(network.practitioner_a, network.custody_a, "Ashcombe")
    support_assign(by=network.practitioner_a, referral=a.referral, worker=network.support_worker_a)
    return a


@pytest.mark.parametrize("route", [r for r in ROUTES if r.buildable], ids=lambda r: r.name or r.route)
def test_every_route_that_shows_a_person_audits_it(client: Client, network: Network, seen: Records, route: Route):
    # Scheme A's team lead may open every page: the worklist of its sites, the whole scheme, a
    # worker's caseload and every record.
    lead = network.team_lead_a
    url = route.path(seen.ids(network.scheme_a.pk))
    query = urlencode({"q": "Ashcombe", "worker": network.support_worker_a.pk})
    methods: tuple[str, ...]
    if route.is_api:
        auth = _bearer(lead)
        methods = API_METHODS
    else:
        client.force_login(lead)
        auth, methods = {}, ("GET", "POST")
    shown = False
    for method in methods:
        audited = AccessAudit.objects.filter(user=lead, person=seen.person).count()
        if route.is_api:
            body = json.dumps(_api_body(client, auth, route, method))
            target = f"{url}?{query}" if method == "GET" else url
            response = client.generic(method, target, body, content_type="application/json", **auth)  # type: ignore[arg-type]
        else:
            response = client.get(f"{url}?{query}") if method == "GET" else client.post(url, {})
        if not _shows_the_person(response):
            continue
        shown = True
        assert AccessAudit.objects.filter(user=lead, person=seen.person).count() > audited, (
            f"{method} {url} shows the person but writes no audit row: read through a selector that "
            "calls liaison.audit.actions.access_record with the people it returns"
        )
    if route.name in SHOW_THE_PERSON:
        assert shown, f"{route.route} showed no one: the walk is not seeing what it should"
