from __future__ import annotations

from typing import Any

from liaison.feedback.actions import feedback_give
from liaison.feedback.models import FeedbackResponse
from liaison.organisations.models import Scheme


def given(scheme: Scheme, overall: str, n: int = 1, **details: Any) -> list[FeedbackResponse]:
    """`n` people's feedback to `scheme`, each answering `overall`."""
    return [feedback_give(scheme=scheme, site=None, overall=overall, **details) for _ in range(n)]
