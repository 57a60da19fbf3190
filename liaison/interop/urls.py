"""`/api/v1/`: the Ninja API, with coded JSON for wrong methods and unknown routes too.

Every route here is `login_not_required` for the session middleware: the API authenticates each
call by its token (liaison/interop/api/auth.py) and answers a coded 401, never a sign-in page.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path, re_path

from liaison.interop.api import api
from liaison.interop.api.errors import coded_method_errors, unknown_route

_patterns, _app_name, _namespace = api.urls


def _coded(p: URLPattern | URLResolver) -> URLPattern | URLResolver:
    if isinstance(p, URLPattern):
        p.callback = login_not_required(coded_method_errors(p.callback))
    return p


urlpatterns = [
    path("", include(([_coded(p) for p in _patterns], _app_name), namespace=_namespace)),
    # Whatever else is under /api/v1/, newlines included, is a coded 404 rather than the HTML page.
    re_path(r"", login_not_required(unknown_route), name="api-unknown"),
]
