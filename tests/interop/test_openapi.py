import json

EXPECTED = {
    "/api/v1/me": {"get"},
    "/api/v1/people": {"get", "post"},
    "/api/v1/people/{person_id}": {"get"},
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
    "/api/v1/episodes/{episode_id}/screenings": {"post"},
    "/api/v1/episodes/{episode_id}/screenings/{response_id}": {"get"},
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
