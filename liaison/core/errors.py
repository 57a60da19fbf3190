"""Domain errors: each carries a stable code that pages and the API turn into messages."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A request the domain refuses. Nothing has been written when one is raised."""

    code = "domain_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.details}


class NotFound(DomainError):
    """Also raised for records outside the user's scope, so their existence is not revealed."""

    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403


class StageNotAllowed(DomainError):
    code = "stage_not_allowed"
    status = 409


class Conflict(DomainError):
    code = "conflict"
    status = 409


class Invalid(DomainError):
    """Input that fails validation; `errors` maps field names to messages."""

    code = "invalid"
    status = 422

    def __init__(self, message: str, *, errors: dict[str, str] | None = None, code: str | None = None) -> None:
        super().__init__(message, code=code, errors=errors or {})
        self.errors = errors or {}


class Throttled(DomainError):
    """Too many of something lately; `retry_after` is how many seconds until it is allowed again."""

    code = "throttled"
    status = 429

    def __init__(self, message: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after
