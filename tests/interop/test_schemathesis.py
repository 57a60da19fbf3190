"""Schemathesis over the OpenAPI document (issue 11): every operation, with requests generated
from the document itself (its boundary and negative cases, then random ones), sent in-process to
the Django app through WSGI with a real token. No answer is a server error, every status code is
one the operation documents, and every body is of the documented type and matches its schema.

Bounded for CI: the coverage phase plus `FUZZ_EXAMPLES` random cases per operation, about 3,700
calls in all (`SCHEMATHESIS_CALLS` below counts them), derandomized so every run sends the same.
"""

from __future__ import annotations

import copy
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from liaison.accounts.actions import api_token_create
from liaison.interop.api import api as ninja_api

FUZZ_EXAMPLES = 15
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SCHEMATHESIS_CALLS: list[str] = []

_config = SchemathesisConfig.from_dict(
    {"seed": 11, "generation": {"deterministic": True, "database": "none", "max-examples": FUZZ_EXAMPLES}}
)
schema = schemathesis.openapi.from_dict(
    copy.deepcopy(ninja_api.get_openapi_schema(path_prefix="/api/v1")), config=_config
)
schema.app = get_wsgi_application()


@pytest.fixture
def wsgi_in_the_test_transaction() -> Iterator[None]:
    """Django closes the database connection as each request starts and finishes: through WSGI
    that would end the test's transaction (PostgreSQL), so, as Django's own test client does,
    the run's requests keep it open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(network: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    # The run makes thousands of calls with one token: the throttle is not what it tests.
    assert isinstance(ninja_api.throttle, list)
    for throttle in ninja_api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 1_000_000)
    # The practitioner holds records; the team lead reaches the returns, which practitioners do not see.
    return {
        "practitioner": api_token_create(user=network.practitioner_a, name="schemathesis")[1],
        "team lead": api_token_create(user=network.team_lead_a, name="schemathesis")[1],
    }


def _real_ids(case: Any, ids: dict[str, list[str]]) -> None:
    """Two thirds of the generated ids become ids of real records, so cases reach past 404 into
    the actions; chosen from the generated value, so the run stays deterministic."""
    for name, value in (case.path_parameters or {}).items():
        pick = zlib.crc32(str(value).encode())
        if name in ids and pick % 3:
            case.path_parameters[name] = ids[name][pick % len(ids[name])]


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_document_says(case, network, tokens, ids, wsgi_in_the_test_transaction):
    _real_ids(case, ids)
    token = tokens["team lead" if "/returns" in case.operation.path else "practitioner"]
    SCHEMATHESIS_CALLS.append(case.operation.label)
    # Each case starts from the same records: whatever it writes is rolled back.
    with transaction.atomic():
        response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
        transaction.set_rollback(True)
    # The API's own rule beside the document's: every error is coded JSON, whatever was sent.
    if response.status_code >= 400:
        assert response.headers["content-type"][0].startswith("application/json"), response.text[:300]
        assert isinstance(response.json()["code"], str)
