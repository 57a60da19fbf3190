"""Service-level endpoints."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Checks the database for real: a round trip, not just a configured connection."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            ok = cursor.fetchone() == (1,)
    except Exception:  # any database failure means unhealthy, never a 500
        ok = False
    status = 200 if ok else 503
    return JsonResponse({"status": "ok" if ok else "error", "database": "ok" if ok else "error"}, status=status)
