"""The consent and sharing section of the episode page, fetched by its view
(pathway.registry.Section)."""

from __future__ import annotations

from typing import Any

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.pathway.models import Episode
from liaison.pathway.stages import Step, allows
from liaison.sharing.codes import ConsentScope
from liaison.sharing.selectors import awaiting_consent, episode_consents, episode_shares


def sharing(user: User, episode: Episode) -> dict[str, Any]:
    """Two queries, whatever the number of consents and shares."""
    can_record = scope_for(user).can_record_in(episode.scheme_id)
    consents = list(episode_consents(episode=episode))
    return {
        "consents": consents,
        "awaiting": awaiting_consent(consents),
        "service_decided": any(c.scope == ConsentScope.SERVICE for c in consents),
        "shares": list(episode_shares(episode=episode)),
        "can_consent": can_record and allows(episode.stage, Step.CONSENT),
        "can_share": can_record and allows(episode.stage, Step.SHARE),
    }
