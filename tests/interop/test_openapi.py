import json

EXPECTED = {
    "/api/v1/me": {"get"},
    "/api/v1/events/schema": {"get"},
    "/api/v1/network/coverage": {"get"},
    "/api/v1/feedback/results": {"get"},
    "/api/v1/standards/frameworks": {"get"},
    "/api/v1/standards/assessments": {"get"},
    "/api/v1/standards/assessments/{self_assessment_id}": {"get"},
    "/api/v1/workforce/{scheme_code}": {"get"},
    "/api/v1/workforce/{scheme_code}/training-needs": {"get"},
    "/api/v1/governance/commissioning": {"get"},
    "/api/v1/governance/comparison": {"get"},
    "/api/v1/governance/{scheme_code}/board": {"get"},
    "/api/v1/guidance": {"get"},
    "/api/v1/schemes/{scheme_id}/sites": {"get"},
    "/api/v1/schemes/{scheme_id}/support-workers": {"get"},
    "/api/v1/schemes/{scheme_id}/sharing-approvers": {"get"},
    "/api/v1/people": {"get", "post"},
    "/api/v1/people/{person_id}": {"get", "patch"},
    "/api/v1/people/{person_id}/aliases": {"post"},
    "/api/v1/people/matches": {"get"},
    "/api/v1/episodes": {"get", "post"},
    "/api/v1/episodes/{episode_id}": {"get"},
    "/api/v1/episodes/{episode_id}/events": {"get"},
    "/api/v1/episodes/{episode_id}/screen": {"post"},
    "/api/v1/episodes/{episode_id}/assess": {"post"},
    "/api/v1/episodes/{episode_id}/refer": {"post"},
    "/api/v1/episodes/{episode_id}/close": {"post"},
    "/api/v1/episodes/{episode_id}/reopen": {"post"},
    "/api/v1/episodes/{episode_id}/reenter": {"post"},
    "/api/v1/episodes/{episode_id}/notes": {"post"},
    "/api/v1/episodes/{episode_id}/events/{event_id}/void": {"post"},
    "/api/v1/episodes/{episode_id}/findings": {"get"},
    "/api/v1/episodes/{episode_id}/findings/{finding_id}/decision": {"post"},
    "/api/v1/episodes/{episode_id}/safety-plans": {"post"},
    "/api/v1/episodes/{episode_id}/assessments": {"get", "post"},
    "/api/v1/episodes/{episode_id}/assessments/{assessment_id}": {"get", "put"},
    "/api/v1/episodes/{episode_id}/assessments/{assessment_id}/complete": {"post"},
    "/api/v1/episodes/{episode_id}/assessments/{assessment_id}/amend": {"post"},
    "/api/v1/services": {"get", "post"},
    "/api/v1/services/{service_id}": {"get"},
    "/api/v1/episodes/{episode_id}/referrals": {"get", "post"},
    "/api/v1/referrals/{referral_id}": {"get"},
    "/api/v1/referrals/{referral_id}/transitions": {"post"},
    "/api/v1/referrals/{referral_id}/support": {"post"},
    "/api/v1/episodes/{episode_id}/support-contacts": {"get", "post"},
    "/api/v1/episodes/{episode_id}/consents": {"get", "post"},
    "/api/v1/consents/{consent_id}/withdraw": {"post"},
    "/api/v1/episodes/{episode_id}/shares": {"get", "post"},
    "/api/v1/shares/{share_id}": {"get"},
    "/api/v1/shares/{share_id}/report.pdf": {"get"},
    "/api/v1/instruments": {"get"},
    "/api/v1/instruments/{instrument}": {"get"},
    "/api/v1/episodes/{episode_id}/screenings": {"get", "post"},
    "/api/v1/episodes/{episode_id}/screenings/{response_id}": {"get"},
    "/api/v1/returns": {"get"},
    "/api/v1/cohorts": {"get"},
    "/api/v1/returns/{scheme_code}/{month}": {"get"},
    "/api/v1/returns/{scheme_code}/{month}.csv": {"get"},
}


def test_the_openapi_document_is_json_listing_every_path(client, db):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    doc = json.loads(r.content)
    assert doc["openapi"].startswith("3.")
    assert {path: set(ops) for path, ops in doc["paths"].items()} == EXPECTED


def test_it_documents_bearer_auth_and_coded_errors(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["components"]["securitySchemes"]["ApiToken"] == {"type": "http", "scheme": "bearer"}
    screen = doc["paths"]["/api/v1/episodes/{episode_id}/screen"]["post"]
    assert screen["responses"]["409"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


# Every id an operation takes, and the answer property that hands it out: a partner must never
# need the database to find one. An id input added later fails the test below until it is
# entered here, pointing at a schema some successful answer carries.
ID_SOURCES = {
    "person_id": ("PersonOut", "id"),
    "episode_id": ("EpisodeOut", "id"),
    "event_id": ("EventOut", "id"),
    "finding_id": ("FindingOut", "id"),
    "finding_ids": ("FindingOut", "id"),
    "assessment_id": ("AssessmentOut", "id"),
    "consent_id": ("ConsentOut", "id"),
    "share_id": ("ShareOut", "id"),
    "service_id": ("ServiceOut", "id"),
    "referral_id": ("ReferralOut", "id"),
    "referral_event_ids": ("ReferralOut", "event_id"),
    "response_id": ("ScreeningOut", "id"),
    "scheme_id": ("SchemeOut", "id"),
    "scheme": ("SchemeOut", "code"),
    "site": ("SiteOut", "code"),
    "worker_id": ("StaffOut", "id"),
    "override_approver": ("StaffOut", "username"),
    "instrument": ("InstrumentOut", "code"),
    "self_assessment_id": ("SelfAssessmentSummaryOut", "id"),
}
# Names that take an id or a code of a record, beside every `*_id` and `*_ids`; and names that
# look like one but are the person's own identifiers, given by the caller.
REFERENCES = {"site", "scheme", "instrument", "override_approver"}
NOT_REFERENCES = {"pnc_id"}


def _refs(node, found):
    """Names of the component schemas a schema node reaches."""
    if isinstance(node, dict):
        if "$ref" in node:
            found.add(node["$ref"].rsplit("/", 1)[-1])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)
    return found


def _reached(names, components):
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += _refs(components.get(name, {}), set())
    return seen


def _is_reference(name):
    return (name.endswith(("_id", "_ids")) or name in REFERENCES) and name not in NOT_REFERENCES


def test_every_id_an_operation_takes_is_returned_by_one(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    components = doc["components"]["schemas"]
    taken, answered = {}, set()
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            where = f"{method.upper()} {path}"
            for p in op.get("parameters", []):
                if _is_reference(p["name"]):
                    taken.setdefault(p["name"], where)
            for schema in _reached(_refs(op.get("requestBody", {}), set()), components):
                for name in components[schema].get("properties", {}):
                    if _is_reference(name):
                        taken.setdefault(name, where)
            ok = {status: r for status, r in op["responses"].items() if str(status).startswith("2")}
            answered |= _reached(_refs(ok, set()), components)
    unknown = {name: where for name, where in taken.items() if name not in ID_SOURCES}
    assert not unknown, f"say which answer hands these out, in ID_SOURCES: {unknown}"
    for name, (schema, prop) in ID_SOURCES.items():
        assert schema in answered, f"{name}: no successful answer carries {schema}"
        assert prop in components[schema]["properties"], f"{name}: {schema} has no {prop}"
