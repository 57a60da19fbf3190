"""How often one address may send feedback: the form is open to anyone without signing in, so
a script could fill the results with made-up answers. A custody suite's tablet is one address
for everyone detained there, so the limit is per hour and generous (LIAISON_FEEDBACK_PER_HOUR)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from liaison.core import clock
from liaison.core.errors import Throttled


def count_one(address: str) -> None:
    """Count one response from `address`, or refuse it when the hour's limit is reached. The
    address is kept only as a digest in the cache for the hour, never stored with the answers."""
    now = clock.now()
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    key = f"feedback:{digest}:{now:%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > settings.FEEDBACK_PER_HOUR:
        wait = 3600 - (now.minute * 60 + now.second)
        raise Throttled(
            f"A lot of feedback has come from this device in the last hour. Please try again in "
            f"{wait // 60 + 1} minutes, or ask a member of staff for a paper form.",
            retry_after=wait,
        )
