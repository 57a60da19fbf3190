"""Static files with far-future caching (issue 13).

`liaison collectstatic` (which `make run` runs, and a deployment runs once per release) writes
each file under a name with a hash of its content and a manifest of those names; pages then link
the hashed names, which WhiteNoise serves with `Cache-Control: max-age=315360000, public,
immutable`, so a browser asks for the NHS.UK styles and scripts once per release, not once per
page. Compressed copies (gzip and Brotli) are written beside them.

Where a file has not been collected (a test, a developer's new file before the next `make run`)
its plain name is linked instead, served by WhiteNoise from the finders with a short cache,
rather than the page failing.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFiles(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # WhiteNoise is untyped
    manifest_strict = False  # a name missing from the manifest is hashed from the collected file

    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:  # not collected at all: the plain name
            return name
