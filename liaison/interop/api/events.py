"""`GET /events/schema`: the event catalogue, the published interface of the analytics side."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from liaison.core.events import catalogue

router = Router(tags=["events"])


@router.get(
    "/events/schema",
    auth=None,
    summary="Every event tag with its version and JSON Schema (as `liaison events catalogue --json`)",
)
def schema(request: HttpRequest) -> dict[str, Any]:
    # No personal data: the shapes of events, not events. Open, like the FHIR CapabilityStatement.
    return catalogue()
