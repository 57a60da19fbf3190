"""Waits as the database computes them agree with the episode row's own reading, to the microsecond."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from liaison.pathway.models import Episode
from liaison.pathway.waits import with_waits
from tests import factories

AT = datetime(2026, 12, 1, 9, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("identified", "screened", "breach"),
    [
        (AT - timedelta(minutes=120), None, False),  # exactly the target: not over it
        (AT - timedelta(minutes=120, microseconds=1), None, True),
        (AT - timedelta(minutes=119, seconds=59, microseconds=999_999), None, False),
        (AT.replace(microsecond=250_000), AT.replace(microsecond=250_000) + timedelta(minutes=120), False),
        (AT.replace(microsecond=999_999), AT + timedelta(minutes=121), True),
        (AT, AT + timedelta(minutes=120, microseconds=1), True),
    ],
)
def test_a_wait_is_over_its_target_exactly_when_the_row_says_so(network, identified, screened, breach):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    Episode.objects.filter(pk=episode.pk).update(identified_at=identified, screened_at=screened, target_minutes=120)

    row = with_waits(Episode.objects.filter(pk=episode.pk), AT).get()

    assert row.breach is breach
    assert row.wait == (screened or AT) - identified
    assert row.waiting is (screened is None)
