"""`GET /events/schema`: the event catalogue, the published interface of the analytics side."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from liaison.core.events import catalogue
from liaison.interop.api.schemas import OPEN_ERRORS, Error

router = Router(tags=["events"])


@router.get(
    "/events/schema",
    auth=None,
    response={200: dict[str, Any], OPEN_ERRORS: Error},
    summary="Every event tag with its version and JSON Schema (as `liaison events catalogue --json`)",
)
def schema(request: HttpRequest) -> dict[str, Any]:
    # No personal data: the shapes of events, not events. Open, like the FHIR CapabilityStatement.
    return catalogue()
