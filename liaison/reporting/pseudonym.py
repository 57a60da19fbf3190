"""The keyed pseudonym: HMAC-SHA256 of a person's id with a secret kept out of the store.

The key comes from `LIAISON_PSEUDONYM_KEY`; in development one is generated once into the data
directory (as `SECRET_KEY` is). Without the key a pseudonym cannot be turned back into a person
or recomputed from a guessed id; with another key every pseudonym changes, which is how the key
is rotated (ADR 0011).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

KEY_FILE = "pseudonym_key"


def key_path() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE


def current_key() -> str:
    if key := os.environ.get("LIAISON_PSEUDONYM_KEY"):
        return key
    path = key_path()
    if not path.exists():
        new_key_file()
    return path.read_text().strip()


def new_key_file() -> None:
    """Write a new development key (rotating the old one out)."""
    path = key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(secrets.token_urlsafe(48))
    tmp.chmod(0o600)
    os.replace(tmp, path)


def key_of(pseudonym: str) -> int:
    """A pseudonym as a 64-bit integer (the first eight bytes of its SHA-256, signed), for the
    engines to group and join by: a number compares several times faster than 64 hex digits.
    Two of 1.5 million episodes share one with a chance of about one in ten million."""
    return int.from_bytes(hashlib.sha256(pseudonym.encode()).digest()[:8], "big", signed=True)


@dataclass(frozen=True)
class Pseudonymiser:
    key: str

    def __call__(self, subject_id: str, *, kind: str = "person") -> str:
        # The kind is part of the message so a person and an episode never share a pseudonym.
        return hmac.new(self.key.encode(), f"{kind}:{subject_id}".encode(), hashlib.sha256).hexdigest()

    def episode(self, episode_id: str) -> str:
        return self(episode_id, kind="episode")

    @property
    def fingerprint(self) -> str:
        """Names the key in the manifest without revealing it, so a new key forces a rebuild."""
        return self("fingerprint", kind="key")[:16]
