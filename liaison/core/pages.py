"""Turning domain errors into page responses, so views stay thin.

`@page` wraps a view: a record outside the user's scope (NotFound) becomes the 404 page and a
refused role (PermissionDenied) the 403 page. Invalid input is the view's own business: it puts
`Invalid.errors` back on the form with `NhsForm.add_domain_errors` and re-renders.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from liaison.core.errors import NotFound, PermissionDenied

# Any view: an ordinary response, or a streamed file (the analyst's extract).
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def page(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except NotFound as e:
            raise Http404(e.message) from None
        except PermissionDenied as e:
            raise DjangoPermissionDenied(e.message) from None

    return cast(View, wrapped)
