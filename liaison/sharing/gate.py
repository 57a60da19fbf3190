"""Service consent before screening and assessment: the person's decision about the L&D service
itself must be on the record first. Given, refused (a recorded decline: what is observed or
known may still be recorded), or, for a person who cannot decide, a best interests or deferred
decision (Mental Capacity Act 2005). Registered with the pathway as a prerequisite of the steps."""

from __future__ import annotations

from liaison.core.errors import Conflict
from liaison.pathway.models import Episode
from liaison.sharing import selectors


class ServiceConsentRequired(Conflict):
    code = "service_consent_required"


def require_service_decision(episode: Episode) -> None:
    if selectors.service_decision(episode=episode) is None:
        raise ServiceConsentRequired(
            "Record the person's decision about the L&D service first: consent given or declined, or a best "
            "interests or deferred decision when they cannot decide now.",
            episode_id=str(episode.pk),
        )
