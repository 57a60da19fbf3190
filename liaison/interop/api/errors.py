"""Every API error is coded JSON, `{"code": ..., "message": ...}` plus details, never an HTML page.

Domain errors carry their own status and code; Ninja's validation errors become 422 `invalid`
with a message per field; unparseable bodies 400 `bad_request`; anything unforeseen is logged
and answered with a coded 500 rather than a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from liaison.core.errors import DomainError

logger = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "throttled",
}
# Where Ninja says a parameter came from; the client only needs the field's own path.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def error_response(status: int, message: str, *, code: str | None = None, **details: Any) -> JsonResponse:
    return JsonResponse({"code": code or _CODES.get(status, "error"), "message": message, **details}, status=status)


def field_errors(errors: list[dict[str, Any]]) -> dict[str, str]:
    """Ninja's error list as one message per dotted field path, e.g. `findings.0.domain`."""
    out: dict[str, str] = {}
    for e in errors:
        loc = [str(part) for part in e.get("loc", ())]
        if loc and loc[0] in _SOURCES:
            loc.pop(0)
        if loc and loc[0] == "payload":  # the name of the view's body argument
            loc.pop(0)
        # Pydantic names the union branch tried (`str`, `int`) for fields taking several types.
        if len(loc) > 1 and loc[-1] in {"str", "int", "constrained-str"}:
            loc.pop()
        out.setdefault(".".join(loc) or "body", str(e.get("msg", "Invalid value")))
    return out


def install(api: NinjaAPI) -> None:
    # Ninja picks the handler of the nearest class in the exception's MRO.
    def domain(request: HttpRequest, exc: Any) -> HttpResponse:
        response = JsonResponse(exc.as_dict(), status=exc.status)
        if retry_after := getattr(exc, "retry_after", None):
            response["Retry-After"] = str(retry_after)
        return response

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(
            422, "There is a problem with the request", code="invalid", errors=field_errors(exc.errors)
        )

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(401, "Give a valid API token: Authorization: Bearer <token>")

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        if exc.status_code == 429:
            return error_response(429, "Too many requests: slow down and try again after Retry-After seconds")
        return error_response(exc.status_code, str(exc))

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(404, "Not found")

    def suspicious(request: HttpRequest, exc: Any) -> HttpResponse:
        if isinstance(exc, RequestDataTooBig):
            return error_response(413, "The request body is too large")
        return error_response(400, "The request could not be read")

    def unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return error_response(500, "Something went wrong on our side", code="server_error")

    api.add_exception_handler(DomainError, domain)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(SuspiciousOperation, suspicious)
    api.add_exception_handler(Exception, unexpected)


def coded_method_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja answers an unsupported method with a plain-text 405; make it coded JSON too."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type", "").startswith("text/"):
            coded = error_response(405, f"{request.method} is not allowed here")
            coded["Allow"] = response.get("Allow", "")
            return coded
        return response

    return wrapped


def unknown_route(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return error_response(404, "There is no such API route")
