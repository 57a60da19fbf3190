"""Static files, once collected, are linked by hashed names and cached for good; before they
are collected, pages still link (and WhiteNoise still serves) the plain names."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    src = tmp_path / "src" / "app"
    src.mkdir(parents=True)
    (src / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (src / "site.css").write_text("body { background: url('logo.svg'); }\n" * 20)
    return tmp_path


def _served(path: str) -> HttpResponse:
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    return middleware(RequestFactory().get(path))


def test_collected_files_are_linked_by_hashed_names_and_cached_for_good(sources: Path) -> None:
    with override_settings(
        STATIC_ROOT=sources / "root", STATICFILES_DIRS=[sources / "src"], STATICFILES_FINDERS=FINDERS
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("app/site.css")
        assert url != "/static/app/site.css" and url.startswith("/static/app/site.") and url.endswith(".css")
        # The stylesheet's own link to the logo is rewritten to the logo's hashed name too.
        css = (sources / "root" / url.removeprefix("/static/")).read_text()
        assert staticfiles_storage.url("app/logo.svg").removeprefix("/static/app/") in css
        response = _served(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"


def test_before_anything_is_collected_the_plain_names_are_linked(sources: Path) -> None:
    with override_settings(
        STATIC_ROOT=sources / "empty", STATICFILES_DIRS=[sources / "src"], STATICFILES_FINDERS=FINDERS
    ):
        assert static("app/site.css") == "/static/app/site.css"
