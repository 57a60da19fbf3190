"""The ceiling for `benchmarks/load.py`: a bare Django view reading one row by primary key,
served with the same server settings as Liaison, against the same database.

    gunicorn benchmarks.ceiling:application ...   (DATABASE_URL or LIAISON_DATA_DIR as for Liaison)

No middleware, no templates, no sessions: what Django and the database cost on this machine
before any of Liaison's own work.
"""

from __future__ import annotations

from django.conf import settings

# Liaison's own database settings (SQLite's pragmas, PostgreSQL's URL), read as a plain module.
from liaison import settings as liaison_settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="ceiling-benchmark-only",  # noqa: S106 (a throwaway server, no sessions or signing)
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES=liaison_settings.DATABASES,
    )

import django
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

django.setup()


def one_row(request: HttpRequest, pk: str) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, given_name FROM people_person WHERE id = %s", [pk])
        row = cursor.fetchone()
    return HttpResponse(f"{row[0] if row else ''}", content_type="text/plain")


urlpatterns = [path("row/<str:pk>", one_row)]
application = get_wsgi_application()
