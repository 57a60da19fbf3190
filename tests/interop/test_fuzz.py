"""Junk at every endpoint: whatever arrives, the answer is coded JSON and never a 500."""

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.interop.api import api as ninja_api
from tests.interop.conftest import Api, valid_body

DOC = ninja_api.get_openapi_schema(path_prefix="/api/v1")
OPERATIONS = sorted((method.upper(), path) for path, ops in DOC["paths"].items() for method in ops)
# Every field name the API knows, so generated objects reach past "field required".
FIELDS = sorted(
    {name for schema in DOC["components"]["schemas"].values() for name in schema.get("properties", {})}
    | {"person_id", "site", "findings", "domain", "status", "instrument", "answers"}
)
QUERY = ["q", "dob", "stage", "site", "open", "limit", "offset", "service_type", "age", "scheme", "include_inactive"]
QUERY += ["month", "version", "draft"]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.builds(lambda d, zone: d.isoformat() + zone, st.datetimes(), st.sampled_from(["", "Z", "+14:00", "-12:00"]))
    | st.sampled_from(
        ["", "A", "E1", "custody", "mental_health", "suspected", "1990-01-01", "0001-01-01T00:00:00+14:00"]
    )
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4),
    max_leaves=12,
)
bodies = (
    st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), values, max_size=8).map(json.dumps)
    | values.map(json.dumps)
    | st.binary(max_size=64)
    | st.sampled_from(["", "{", "null", "[]", '{"a": 1e999}', '"\\ud800"', "{}" * 3, "[" * 5000])
)


def _path_id(real: list[str]):
    return st.sampled_from(real) | st.uuids().map(str) | st.text(min_size=1, max_size=40) | st.integers().map(str)


def assert_coded(r) -> None:
    assert r.status_code < 500, r.content[:500]
    if r.status_code == 200 and r["Content-Type"].split(";")[0] in ("application/pdf", "text/csv"):
        return  # a share's report, a return as CSV
    assert r["Content-Type"].startswith("application/json")
    body = r.json()
    if r.status_code >= 400:
        assert isinstance(body["code"], str)
        assert isinstance(body["message"], str)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_it_never_answers_junk_with_a_server_error(network, api_as, ids, method, path, data):
    # The practitioner for records; the team lead reaches the returns, which practitioners do not see.
    who = network.team_lead_a if "/returns" in path else network.practitioner_a
    client = api_as(who).client
    url = path
    for name, real in ids.items():
        if "{" + name + "}" in url:
            url = url.replace("{" + name + "}", quote(data.draw(_path_id(real), label=name), safe=""))
    if method == "GET":
        params = data.draw(st.dictionaries(st.sampled_from(QUERY), st.text(max_size=20), max_size=4), label="query")
        r = client.get(url, params)
    else:
        valid = valid_body(network, method, path, person_id=ids["person_id"][2])
        # Junk throughout, or a valid body with a few fields made junk, to reach the actions too.
        near_valid = st.dictionaries(st.sampled_from(sorted(valid) + FIELDS), values, min_size=1, max_size=3).map(
            lambda junk: json.dumps({**valid, **junk})
        )
        body = data.draw(bodies | near_valid, label="body")
        r = client.generic(method, url, data=body, content_type="application/json")
    assert_coded(r)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=60))
def test_it_never_answers_a_junk_token_with_a_server_error(network, token):
    r = Api(token).get("/me")
    # Past API_BAD_TOKEN_LIMIT junk tokens from one address, the address is throttled (ADR 0021).
    assert r.status_code in (401, 429)
    assert_coded(r)
