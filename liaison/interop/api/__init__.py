"""The JSON API, `/api/v1/`: the same selectors and actions as the pages, behind personal tokens.

Its OpenAPI document is at `/api/v1/openapi.json`.
"""

from __future__ import annotations

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import AnonRateThrottle, UserRateThrottle

from liaison.interop.api import (
    assessments,
    cohorts,
    episodes,
    errors,
    events,
    feedback,
    findings,
    governance,
    instruments,
    linkage,
    me,
    network,
    people,
    referrals,
    returns,
    schemes,
    sharing,
    standards,
    steps,
    workforce,
)
from liaison.interop.api.auth import ApiToken

api = NinjaAPI(
    title="Liaison API",
    version="1",
    description=(
        "Case records for NHS liaison and diversion services. Authenticate with a personal token "
        "(`liaison apitoken create USERNAME`) as `Authorization: Bearer <token>`. Errors are JSON "
        '`{"code": ..., "message": ...}`; records outside your schemes are 404 `not_found`. Tokens '
        "expire (401 `token_expired`) and are read-only or read-write (403 `token_read_only`); calls "
        "are rate-limited (429 `throttled`, with Retry-After)."
    ),
    urls_namespace="api-v1",
    auth=ApiToken(),
    # Ninja's Swagger page would load its scripts from a CDN unless `ninja` is an installed app;
    # the OpenAPI document is what partners need.
    docs_url="/docs",
    # Per token's user, and per address for calls without one (ADR 0021); 429 `throttled`.
    throttle=[UserRateThrottle(settings.API_RATE), AnonRateThrottle(settings.API_RATE)],
)
errors.install(api)
api.add_router("", me.router)
api.add_router("", schemes.router)
# Before people, so /people/matches is not read as a person id.
api.add_router("", linkage.router)
api.add_router("", people.router)
api.add_router("", episodes.router)
api.add_router("", steps.router)
api.add_router("", findings.router)
api.add_router("", assessments.router)
api.add_router("", referrals.router)
api.add_router("", sharing.router)
api.add_router("", instruments.router)
api.add_router("", returns.router)
api.add_router("", cohorts.router)
api.add_router("", events.router)
api.add_router("", network.router)
api.add_router("", feedback.router)
api.add_router("", standards.router)
api.add_router("", workforce.router)
api.add_router("", governance.router)
