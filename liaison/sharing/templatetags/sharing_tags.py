"""The consent and sharing section of the episode page, from this app's selectors."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.accounts.scope import scope_for
from liaison.pathway.stages import Step, allows
from liaison.sharing.codes import ConsentScope
from liaison.sharing.selectors import awaiting_consent, episode_consents, episode_shares

register = template.Library()


@register.inclusion_tag("sharing/_episode_sharing_section.html", takes_context=True)
def episode_sharing(context: template.Context) -> dict[str, Any]:
    """Two queries, whatever the number of consents and shares."""
    episode = context["episode"]
    can_record = scope_for(context["request"].user).can_record_in(episode.scheme_id)
    consents = list(episode_consents(episode=episode))
    return {
        "episode": episode,
        "consents": consents,
        "awaiting": awaiting_consent(consents),
        "service_decided": any(c.scope == ConsentScope.SERVICE for c in consents),
        "shares": list(episode_shares(episode=episode)),
        "can_consent": can_record and allows(episode.stage, Step.CONSENT),
        "can_share": can_record and allows(episode.stage, Step.SHARE),
    }
