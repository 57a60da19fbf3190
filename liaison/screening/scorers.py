"""Scoring is code: one small pure function per instrument, named after it.

Each takes the checked answers (linkId -> answer code, True/False, or text) and returns the
total, the band with what it means, flags for the practitioner, and the findings it suggests
(always "suspected", always for the practitioner to confirm, change or reject). Where a
service chooses between published rules (HELPS), each rule is its own pure function and the
instrument's entry reads the setting.

Nothing here computes a suicide or self-harm risk score (NICE NG225, 2022, advises against
using tools to predict suicide or repeat self-harm): PHQ-9 item 9 and a self-harm concern in
the core screen raise a *prompt* to talk, plan and inform, and that is all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from liaison.core.vocabulary import FindingStatus, Vulnerability

Answers = Mapping[str, Any]


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    meaning: str
    low: int
    high: int


@dataclass(frozen=True)
class Flag:
    code: str
    text: str


@dataclass(frozen=True)
class Suggestion:
    """A finding an instrument suggests; the practitioner decides it."""

    domain: str
    status: str
    reason: str


@dataclass(frozen=True)
class Recorded:
    """A finding the practitioner entered in the core screen, kept as entered."""

    domain: str
    status: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Score:
    total: int | None
    maximum: int | None
    band: Band | None
    flags: tuple[Flag, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    recorded: tuple[Recorded, ...] = ()

    @property
    def safety_prompt(self) -> bool:
        return any(f.code == SAFETY_PROMPT for f in self.flags)


SAFETY_PROMPT = "safety_prompt"


def _band(bands: Sequence[Band], total: int) -> Band:
    return next(b for b in bands if b.low <= total <= b.high)


def _points(answers: Answers, link_ids: Sequence[str]) -> list[int]:
    return [int(answers[k]) for k in link_ids]


def _yes(answers: Answers, link_ids: Sequence[str]) -> list[bool]:
    return [answers[k] is True for k in link_ids]


def _suspected(domain: Vulnerability, reason: str) -> Suggestion:
    return Suggestion(domain.value, FindingStatus.SUSPECTED.value, reason)


# ---- PHQ-9 (Kroenke, Spitzer and Williams, 2001): bands 0-4, 5-9, 10-14, 15-19, 20-27.
PHQ9_BANDS = (
    Band("minimal", "None to minimal", "Few or no symptoms of depression.", 0, 4),
    Band("mild", "Mild", "Mild symptoms of depression: watch and review.", 5, 9),
    Band(
        "moderate",
        "Moderate",
        "Moderate symptoms of depression: 10 is the usual cut-off for assessment.",
        10,
        14,
    ),
    Band("moderately_severe", "Moderately severe", "Moderately severe symptoms of depression: assess further.", 15, 19),
    Band("severe", "Severe", "Severe symptoms of depression: assess further without delay.", 20, 27),
)
PHQ9_ITEMS = tuple(str(n) for n in range(1, 10))


def score_phq9(answers: Answers) -> Score:
    total = sum(_points(answers, PHQ9_ITEMS))
    flags = []
    if int(answers["9"]) > 0:
        flags.append(
            Flag(
                SAFETY_PROMPT,
                "The person reported thoughts of being better off dead or of hurting themselves (question 9). "
                "Talk with them now, record a safety plan and who you informed (custody staff). "
                "This is a prompt for your judgement, not a risk score.",
            )
        )
    suggestions = []
    if total >= 10:
        suggestions.append(_suspected(Vulnerability.MENTAL_HEALTH, f"PHQ-9 total {total} (10 or more)"))
    return Score(total, 27, _band(PHQ9_BANDS, total), tuple(flags), tuple(suggestions))


# ---- GAD-7 (Spitzer et al., 2006): bands 0-4, 5-9, 10-14, 15-21.
GAD7_BANDS = (
    Band("minimal", "Minimal", "Few or no symptoms of anxiety.", 0, 4),
    Band("mild", "Mild", "Mild symptoms of anxiety: watch and review.", 5, 9),
    Band("moderate", "Moderate", "Moderate symptoms of anxiety: 10 is the usual cut-off for assessment.", 10, 14),
    Band("severe", "Severe", "Severe symptoms of anxiety: assess further.", 15, 21),
)
GAD7_ITEMS = tuple(str(n) for n in range(1, 8))


def score_gad7(answers: Answers) -> Score:
    total = sum(_points(answers, GAD7_ITEMS))
    suggestions = []
    if total >= 10:
        suggestions.append(_suspected(Vulnerability.MENTAL_HEALTH, f"GAD-7 total {total} (10 or more)"))
    return Score(total, 21, _band(GAD7_BANDS, total), (), tuple(suggestions))


# ---- AUDIT (WHO, 2001), UK zones: 0-7 lower risk, 8-15 increasing, 16-19 higher, 20+ possible dependence.
AUDIT_BANDS = (
    Band("lower", "Lower risk", "Drinking at lower risk: no action needed beyond information.", 0, 7),
    Band("increasing", "Increasing risk", "Increasing-risk drinking: brief advice is suggested.", 8, 15),
    Band("higher", "Higher risk", "Higher-risk drinking: brief advice and further assessment.", 16, 19),
    Band("dependence", "Possible dependence", "Possible alcohol dependence: refer for specialist assessment.", 20, 40),
)
AUDIT_ITEMS = tuple(str(n) for n in range(1, 11))
# Items 1-8 score 0-4; items 9 and 10 score 0, 2 or 4 (their answer codes are those points).


def score_audit(answers: Answers) -> Score:
    total = sum(_points(answers, AUDIT_ITEMS))
    suggestions = []
    if total >= 16:
        suggestions.append(_suspected(Vulnerability.ALCOHOL, f"AUDIT total {total} (16 or more)"))
    return Score(total, 40, _band(AUDIT_BANDS, total), (), tuple(suggestions))


# ---- AUDIT-C: the first three AUDIT questions, 0-12. UK threshold: 5 or more is "AUDIT-C positive",
# increasing or higher risk drinking, and the full AUDIT should follow (Public Health England,
# "Alcohol use screening tests", GOV.UK, 2017). It suggests no finding on its own: the full AUDIT does.
AUDITC_BANDS = (
    Band("lower", "Lower risk", "AUDIT-C negative (under 5): lower-risk drinking.", 0, 4),
    Band(
        "positive",
        "AUDIT-C positive",
        "AUDIT-C positive (5 or more): increasing or higher-risk drinking. Complete the full AUDIT.",
        5,
        12,
    ),
)
AUDITC_ITEMS = ("1", "2", "3")


def score_auditc(answers: Answers) -> Score:
    total = sum(_points(answers, AUDITC_ITEMS))
    flags = []
    if total >= 5:
        flags.append(Flag("complete_full_audit", "AUDIT-C is positive: complete the full AUDIT (10 questions)."))
    return Score(total, 12, _band(AUDITC_BANDS, total), tuple(flags), ())


# ---- DAST-10 (Skinner, 1982): 1 point per yes, except question 3, which scores 1 for no.
DAST10_BANDS = (
    Band("none", "No problems reported", "No drug-related problems reported.", 0, 0),
    Band("low", "Low level", "A low level of problems related to drug use: monitor and review.", 1, 2),
    Band("moderate", "Moderate level", "Moderate problems related to drug use: assess further.", 3, 5),
    Band("substantial", "Substantial level", "Substantial problems related to drug use: assess further.", 6, 8),
    Band(
        "severe",
        "Severe level",
        "Severe problems related to drug use: refer for specialist assessment.",
        9,
        10,
    ),
)
DAST10_ITEMS = tuple(str(n) for n in range(1, 11))
DAST10_REVERSED = "3"  # "Are you always able to stop using drugs when you want to?"


def score_dast10(answers: Answers) -> Score:
    total = sum((answers[k] is False) if k == DAST10_REVERSED else (answers[k] is True) for k in DAST10_ITEMS)
    suggestions = []
    if total >= 3:
        suggestions.append(_suspected(Vulnerability.DRUGS, f"DAST-10 total {total} (3 or more)"))
    return Score(total, 10, _band(DAST10_BANDS, total), (), tuple(suggestions))


# ---- BJMHS (Steadman et al., 2005): refer on 2+ of the 6 current-symptom questions, or current
# psychiatric medication (7), or a past psychiatric hospital stay (8), or the screener's concern (9).
# The total is the number of current symptoms (0-6); the band is whether the referral rule is met.
BJMHS_BANDS = (
    Band("no_referral", "No referral indicated", "The referral rule is not met.", 0, 0),
    Band("refer", "Refer", "The referral rule is met: refer for further mental health assessment.", 1, 1),
)
BJMHS_SYMPTOMS = ("1", "2", "3", "4", "5", "6")


def score_bjmhs(answers: Answers) -> Score:
    symptoms = sum(_yes(answers, BJMHS_SYMPTOMS))
    reasons = []
    if symptoms >= 2:
        reasons.append(Flag("bjmhs_symptoms", f"{symptoms} of the 6 current symptoms"))
    if answers["7"] is True:
        reasons.append(Flag("bjmhs_medication", "Currently taking psychiatric medication"))
    if answers["8"] is True:
        reasons.append(Flag("bjmhs_hospital", "Has been in hospital for emotional or mental health problems"))
    if answers["9"] is True:
        reasons.append(Flag("bjmhs_screener", "The screener's concern"))
    refer = bool(reasons)
    suggestions = []
    if refer:
        why = "; ".join(f.text for f in reasons)
        suggestions.append(_suspected(Vulnerability.MENTAL_HEALTH, f"BJMHS referral rule met: {why}"))
    return Score(symptoms, 6, BJMHS_BANDS[1 if refer else 0], tuple(reasons), tuple(suggestions))


# ---- HELPS (Picard et al., 1991). Services use one of two rules for a positive screen, chosen by
# the HELPS_RULE setting (LIAISON_HELPS_RULE):
# - "two-or-more" (the default): 2 or more of the 5 answers are yes, the shorthand many L&D and
#   prison services use;
# - "three-part": the printed form's own rule, all three of (1) an event that could have caused a
#   brain injury (yes to H, E or S), (2) loss of or altered consciousness, or another sign the
#   injury was severe (yes to L or E), and (3) problems in daily life since the injury (yes to P;
#   the form counts two or more problems that began after the injury).
# Either way the total is the number of yes answers (0-5); the band says which rule was applied.
HELPS_TWO_OR_MORE = "two-or-more"
HELPS_THREE_PART = "three-part"
HELPS_RULES = (HELPS_TWO_OR_MORE, HELPS_THREE_PART)
HELPS_BANDS = (
    Band("negative", "Negative", "Fewer than 2 yes answers: no brain injury screen positive.", 0, 1),
    Band("positive", "Positive", "2 or more yes answers: assess further for a possible acquired brain injury.", 2, 5),
)
HELPS_FORM_BANDS = (
    Band("negative", "Negative", "The form's three-part rule is not met: no brain injury screen positive.", 0, 0),
    Band(
        "positive",
        "Positive",
        "The form's three-part rule is met (an event, a sign of severity and problems since): assess further "
        "for a possible acquired brain injury.",
        1,
        1,
    ),
)
HELPS_ITEMS = ("H", "E", "L", "P", "S")
_HELPS_PARTS = (("H", "E", "S"), ("L", "E"), ("P",))


def score_helps_two_or_more(answers: Answers) -> Score:
    total = sum(_yes(answers, HELPS_ITEMS))
    suggestions = []
    if total >= 2:
        suggestions.append(_suspected(Vulnerability.BRAIN_INJURY, f"HELPS {total} yes answers (2 or more)"))
    return Score(total, 5, _band(HELPS_BANDS, total), (), tuple(suggestions))


def score_helps_three_part(answers: Answers) -> Score:
    total = sum(_yes(answers, HELPS_ITEMS))
    positive = all(any(_yes(answers, part)) for part in _HELPS_PARTS)
    suggestions = []
    if positive:
        suggestions.append(
            _suspected(
                Vulnerability.BRAIN_INJURY,
                "HELPS three-part rule met: an event (H, E or S), a sign of severity (L or E) and problems since (P)",
            )
        )
    return Score(total, 5, HELPS_FORM_BANDS[1 if positive else 0], (), tuple(suggestions))


def score_helps(answers: Answers) -> Score:
    """HELPS by the rule this service has chosen (settings.HELPS_RULE)."""
    if settings.HELPS_RULE == HELPS_THREE_PART:
        return score_helps_three_part(answers)
    return score_helps_two_or_more(answers)


# ---- The L&D core screen: no score. Its result is the findings it records, as entered; a
# self-harm concern raises the safety prompt.
def score_ld_core(answers: Answers) -> Score:
    recorded = []
    for domain in Vulnerability:
        if answers.get(f"domain.{domain.value}.concern") is True:
            recorded.append(
                Recorded(
                    domain=domain.value,
                    status=str(answers[f"domain.{domain.value}.status"]),
                    source=str(answers.get(f"domain.{domain.value}.source") or "screening"),
                    note=str(answers.get(f"domain.{domain.value}.note") or ""),
                )
            )
    flags = []
    if answers.get(f"domain.{Vulnerability.SELF_HARM.value}.concern") is True:
        flags.append(
            Flag(
                SAFETY_PROMPT,
                "A self-harm or suicide concern is recorded. Talk with the person now, record a safety plan and "
                "who you informed (custody staff). This is a prompt for your judgement, not a risk score.",
            )
        )
    return Score(None, None, None, tuple(flags), (), tuple(recorded))


SCORERS: dict[str, Callable[[Answers], Score]] = {
    "phq9": score_phq9,
    "gad7": score_gad7,
    "audit": score_audit,
    "auditc": score_auditc,
    "dast10": score_dast10,
    "bjmhs": score_bjmhs,
    "helps": score_helps,
    "ld-core": score_ld_core,
}
# The linkIds each scorer reads: an uploaded new version of a scored instrument must keep them.
SCORED_ITEMS: dict[str, tuple[str, ...]] = {
    "phq9": PHQ9_ITEMS,
    "gad7": GAD7_ITEMS,
    "audit": AUDIT_ITEMS,
    "auditc": AUDITC_ITEMS,
    "dast10": DAST10_ITEMS,
    "bjmhs": (*BJMHS_SYMPTOMS, "7", "8", "9"),
    "helps": HELPS_ITEMS,
    "ld-core": tuple(f"domain.{d.value}.{part}" for d in Vulnerability for part in ("concern", "status")),
}
BANDS: dict[str, tuple[Band, ...]] = {
    "phq9": PHQ9_BANDS,
    "gad7": GAD7_BANDS,
    "audit": AUDIT_BANDS,
    "auditc": AUDITC_BANDS,
    "dast10": DAST10_BANDS,
    "bjmhs": BJMHS_BANDS,
    "helps": HELPS_BANDS,
}


def unscored(_: Answers) -> Score:
    """Licensed instruments loaded by a service: their scoring is in the licensed manual."""
    return Score(None, None, None)


def score_for(code: str) -> Callable[[Answers], Score]:
    return SCORERS.get(code, unscored)


@dataclass(frozen=True)
class Result:
    """A score as stored beside the response and shown on the results page."""

    score: Score
    carried_forward: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        s = self.score
        return {
            "total": s.total,
            "maximum": s.maximum,
            "band": None if s.band is None else {"code": s.band.code, "label": s.band.label, "meaning": s.band.meaning},
            "flags": [{"code": f.code, "text": f.text} for f in s.flags],
            "suggested": [{"domain": g.domain, "status": g.status, "reason": g.reason} for g in s.suggestions],
            "recorded": [
                {"domain": r.domain, "status": r.status, "source": r.source, "note": r.note} for r in s.recorded
            ],
            "carried_forward": list(self.carried_forward),
        }
