"""Characters no database column can hold are refused before any view runs.

PostgreSQL refuses NUL (U+0000) in text and in JSON, and a lone surrogate (U+D800 to U+DFFF,
which a JSON body can spell as `\\ud800`) is not UTF-8 at all, so neither database can store
it. Left to the database, either is a 500 from deep inside a query. The one rule is `REFUSED`,
applied at two edges:

- this middleware, for the API and FHIR (path, query string, cookies and body, form fields or a
  JSON document: 422 `invalid` naming each field) and, for pages, for what no form reads (the
  path and cookies, and the Django admin's query strings: a 422 page naming them);
- `NhsForm`, for everything a page's form reads, query strings and bodies, which comes back
  as the form's own error beside the field (`liaison.core.forms`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

from liaison.core.fhir import FHIR_JSON

REFUSED = re.compile("[\x00\ud800-\udfff]")
MESSAGE = "Remove the null character (or other character that cannot be stored)"


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string of a JSON document, keys included, with its dotted path."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            inside = f"{where}.{k}" if where else str(k)
            yield inside, str(k)
            yield from _strings(v, inside)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}.{i}" if where else str(i))


def _body(request: HttpRequest) -> Iterator[tuple[str, str]]:
    content_type = request.content_type or ""
    try:
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for name, values in request.POST.lists():
                yield name, name
                for v in values:
                    yield name, v
            for name, uploads in request.FILES.lists():
                for upload in uploads:
                    yield name, upload.name or ""
        elif "json" in content_type and request.body:
            yield from _strings(json.loads(request.body), "")
    except (SuspiciousOperation, MultiPartParserError, ValueError, RecursionError):
        # Too large, too many fields, a multipart body without its boundary, not JSON or nested
        # too deep: the view answers that in its own words, and reads no text from it.
        return


# Where no `NhsForm` reads the query string and body, so this middleware looks at them.
_UNFORMED = ("/api/", "/fhir/", "/admin/")


def _inputs(request: HttpRequest) -> Iterator[tuple[str, str]]:
    yield "path", request.path_info
    for name, value in request.COOKIES.items():
        yield f"cookie {name}", name + value
    if not request.path_info.startswith(_UNFORMED):
        return
    for name, values in request.GET.lists():
        yield name, name
        for v in values:
            yield name, v
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        yield from _body(request)


def refused(value: object) -> bool:
    """Whether a submitted value (a string, or the list a multi-part widget gives) holds a
    character that cannot be stored."""
    if isinstance(value, str):
        return REFUSED.search(value) is not None
    if isinstance(value, list | tuple):
        return any(refused(v) for v in value)
    return False


def refused_fields(request: HttpRequest) -> dict[str, str]:
    """Input name -> the message, for every input holding a character that cannot be stored."""
    return {name: MESSAGE for name, text in _inputs(request) if refused(text)}


class RefuseUnstorableCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        errors = refused_fields(request)
        if not errors:
            return self.get_response(request)
        message = "There is a problem with the request: " + MESSAGE[0].lower() + MESSAGE[1:]
        if request.path_info.startswith("/fhir/"):
            issue = {"severity": "error", "code": "invalid", "diagnostics": f"{message} ({', '.join(errors)})"}
            outcome = {"resourceType": "OperationOutcome", "issue": [issue]}
            return JsonResponse(outcome, status=422, content_type=FHIR_JSON)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"code": "invalid", "message": message, "errors": errors}, status=422)
        return render(request, "errors/422.html", {"errors": errors}, status=422)
