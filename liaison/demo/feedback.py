"""The demo's feedback and lived-experience involvement (issue 9, section 4): a year of easy-read
responses for every scheme, a few "you said, we did", the national lived-experience panel and
some schemes' forums with their meetings and the decisions they informed.

Written through the real actions, back-dated to the build's dates; deterministic for the seed
and the end date. The words are synthetic and name no one.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from liaison.accounts.models import User
from liaison.demo.hours import local
from liaison.demo.returns import scheme_leads
from liaison.feedback import actions
from liaison.feedback.vocabulary import EASY_READ, Agree, Format, HelpedBy, Language, Overall
from liaison.organisations.models import Membership, Role, Scheme, Site

# Shares of the answers, near the published Friends and Family Test results of community mental
# health services (most people positive, a few negative, some "don't know").
_OVERALL: dict[str, float] = {
    Overall.VERY_GOOD: 0.52, Overall.GOOD: 0.27, Overall.NEITHER: 0.07, Overall.POOR: 0.04, Overall.VERY_POOR: 0.03,
    Overall.DONT_KNOW: 0.07,
}  # fmt: skip
_AGREE: dict[str, float] = {Agree.YES: 0.7, Agree.A_BIT: 0.16, Agree.NO: 0.06, Agree.NOT_SURE: 0.08}
_HELPED: dict[str, float] = {
    "": 0.35, HelpedBy.NOBODY: 0.25, HelpedBy.LD_STAFF: 0.15, HelpedBy.PEER_WORKER: 0.1,
    HelpedBy.APPROPRIATE_ADULT: 0.08, HelpedBy.INTERPRETER: 0.03, HelpedBy.FAMILY: 0.04,
}  # fmt: skip
_GOOD = [
    "The nurse explained what would happen at court.",
    "Someone listened to me for the first time.",
    "They helped me get an appointment with my GP.",
    "The support worker came with me to the drugs service.",
    "I was told what the appropriate adult was for.",
]
_BETTER = [
    "I waited a long time before anyone came.",
    "The room was noisy and I could not think.",
    "Use easier words, I did not understand the forms.",
    "Tell my family where I was.",
    "Come back after I have slept, I was not well enough to talk.",
]
_ACTIONS = [
    (
        "People waited a long time to be seen at night.",
        "We added an evening practitioner at the busiest custody suite.",
    ),
    ("The forms used words people did not understand.", "We rewrote our leaflets in easy read with our peer workers."),
    ("People did not know who we were.", "We now wear a badge and say we are from the NHS, not the police."),
    ("It was too noisy to talk.", "We agreed a quiet room with the custody inspector."),
]
_DECISIONS = [
    ("peer_support", "Peer support workers join the court team two days a week.",
     "Members said a peer worker made them more willing to talk."),
    ("information", "A new easy-read leaflet about what liaison and diversion does.",
     "Members tested three drafts and chose the one with pictures."),
    ("standards", "Every scheme asks for feedback at court as well as in custody.",
     "Members said court was where they most wanted to be asked."),
    ("training", "Training on speaking with people who have a learning disability for all staff.",
     "Members with a learning disability described what went wrong for them."),
]  # fmt: skip
MONTHS = 12


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def give_feedback(*, seed: int, until: datetime) -> dict[str, int]:
    """Write the demo's feedback; the number of rows of each kind."""
    rng = random.Random(f"{seed}:feedback")
    today = timezone.localdate(until)
    start = today - timedelta(days=MONTHS * 30)
    leads = scheme_leads()
    counts = {"feedback responses": 0, "you said, we did": 0, "involvement meetings": 0, "decisions informed": 0}
    for scheme in Scheme.objects.filter(go_live__lte=today).order_by("code"):
        sites = list(scheme.sites.filter(active=True).order_by("code"))
        for _ in range(rng.randint(40, 160)):
            counts["feedback responses"] += 1
            _respond(rng, scheme, sites, start + timedelta(days=rng.randrange((today - start).days + 1)))
        lead = leads.get(scheme.pk)
        if lead is None:
            continue
        for said, did in rng.sample(_ACTIONS, 2):
            done = today - timedelta(days=rng.randint(10, 300))
            actions.action_record(
                scheme=scheme, you_said=said, we_did=did, done_on=done, by=lead, at=local(done, 16, 0)
            )
            counts["you said, we did"] += 1
        if rng.random() < 0.35:
            counts_for = _group(rng, scheme=scheme, by=lead, today=today, name=f"{scheme.name} service-user forum")
            for k, n in counts_for.items():
                counts[k] += n
    commissioner = Membership.objects.filter(role=Role.COMMISSIONER).select_related("user").order_by("user__username")
    first = commissioner.first()
    if first is not None:
        for k, n in _group(
            rng, scheme=None, by=first.user, today=today, name="National lived-experience panel"
        ).items():
            counts[k] += n
    return counts


def _respond(rng: random.Random, scheme: Scheme, sites: list[Site], day: date) -> None:
    answered = rng.random() < 0.8
    language = Language.ENGLISH if rng.random() < 0.93 else rng.choice([Language.WELSH, Language.BSL, Language.OTHER])
    actions.feedback_give(
        scheme=scheme,
        site=rng.choice(sites) if sites and rng.random() < 0.7 else None,
        overall=_pick(rng, _OVERALL),
        answers={name: _pick(rng, _AGREE) for name in EASY_READ} if answered else {},
        what_was_good=rng.choice(_GOOD) if rng.random() < 0.25 else "",
        what_could_be_better=rng.choice(_BETTER) if rng.random() < 0.2 else "",
        helped_by=_pick(rng, _HELPED),
        format=Format.READ_ALOUD if rng.random() < 0.15 else Format.ON_SCREEN,
        language=language,
        language_other="Polish" if language == Language.OTHER else "",
        on=day,
    )


def _group(rng: random.Random, *, scheme: Scheme | None, by: User, today: date, name: str) -> dict[str, int]:
    """A group with a meeting a quarter over the last year, some informing a decision."""
    started = today - timedelta(days=rng.randint(400, 1500))
    kind = "panel" if scheme is None else "forum"
    group = actions.group_add(
        scheme=scheme, name=name, kind=kind, started_on=started, by=by, at=local(started, 10, 0),
        purpose="People with lived experience of the justice system advise on how the service works.",
    )  # fmt: skip
    counts = {"involvement meetings": 0, "decisions informed": 0}
    for quarter in range(4):
        held = today - timedelta(days=90 * quarter + rng.randint(5, 40))
        attended = rng.randint(6, 14)
        meeting = actions.meeting_record(
            group=group, held_on=held, attended=attended, with_lived_experience=rng.randint(3, attended),
            summary="Members talked about their experience of custody and court, and read draft changes.",
            by=by, at=local(held, 15, 0),
        )  # fmt: skip
        counts["involvement meetings"] += 1
        if rng.random() < 0.6:
            area, decision, influence = rng.choice(_DECISIONS)
            decided = min(held + timedelta(days=rng.randint(7, 40)), today)
            actions.decision_record(
                meeting=meeting, area=area, decision=decision, influence=influence, decided_on=decided, by=by,
                decided_by="The national programme board" if scheme is None else "The scheme's partnership board",
                at=local(decided, 11, 0),
            )  # fmt: skip
            counts["decisions informed"] += 1
    return counts
