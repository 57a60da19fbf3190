"""Who L&D meets, where, why, and how it ends: the proportions the demo draws from.

The headline figures follow the national evaluation (RAND Europe, 2021; domain.md): 88% with at
least one vulnerability, 71% mental health, 52% drugs or alcohol. The rest are plausible shapes,
not published statistics.
"""

from __future__ import annotations

import dataclasses
import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import TypeVar

from liaison.assessment.actions import AssessmentContent
from liaison.assessment.models import CourtConsideration, TreatmentRequirement
from liaison.core.vocabulary import FindingStatus, Urgency
from liaison.core.vocabulary import Vulnerability as V
from liaison.demo.hours import LONDON
from liaison.organisations.models import PointOfContact as Poc
from liaison.organisations.models import SiteKind
from liaison.pathway.codes import JusticeOutcome, LdOutcome, SentenceType
from liaison.pathway.models import Episode
from liaison.people.codes import age_on
from liaison.referrals.codes import ReferralUrgency, ServiceType
from liaison.screening.models import FindingSource
from liaison.sharing.actions import ConsentDetails

T = TypeVar("T")
Weighted = Sequence[tuple[T, float]]

CHILD_SHARE = 0.13
ANY_VULNERABILITY = 0.88
MENTAL_HEALTH = 0.71
DRUGS_OR_ALCOHOL = 0.52


def pick(rng: random.Random, weighted: Weighted[T]) -> T:
    """`rng.choices(values, weights)[0]`, the same draw from the same stream, without its
    checks: the national build picks some forty million times."""
    cumulative = list(accumulate(w for _, w in weighted))
    return weighted[bisect(cumulative, rng.random() * (cumulative[-1] + 0.0), 0, len(cumulative) - 1)][0]


ADULT_CONTACTS: Weighted[str] = (
    (Poc.CUSTODY, 66), (Poc.VOLUNTARY_ATTENDANCE, 6), (Poc.MAGISTRATES_COURT, 19), (Poc.CROWN_COURT, 3),
    (Poc.PROBATION, 4), (Poc.COMMUNITY, 2),
)  # fmt: skip
CHILD_CONTACTS: Weighted[str] = (
    (Poc.CUSTODY, 58), (Poc.VOLUNTARY_ATTENDANCE, 4), (Poc.YOUTH_COURT, 18), (Poc.YOT, 16), (Poc.COMMUNITY, 4),
)  # fmt: skip

# Where each point of contact happens, best first; a scheme without the first uses the next.
SITE_KINDS: dict[str, tuple[SiteKind, ...]] = {
    Poc.CUSTODY: (SiteKind.CUSTODY_SUITE,),
    Poc.VOLUNTARY_ATTENDANCE: (SiteKind.POLICE_STATION, SiteKind.CUSTODY_SUITE),
    Poc.MAGISTRATES_COURT: (SiteKind.MAGISTRATES_COURT,),
    Poc.YOUTH_COURT: (SiteKind.YOUTH_COURT, SiteKind.MAGISTRATES_COURT),
    Poc.CROWN_COURT: (SiteKind.CROWN_COURT,),
    Poc.PROBATION: (SiteKind.PROBATION_OFFICE, SiteKind.MAGISTRATES_COURT),
    Poc.YOT: (SiteKind.YOT, SiteKind.YOUTH_COURT, SiteKind.MAGISTRATES_COURT),
    Poc.COMMUNITY: (SiteKind.COMMUNITY, SiteKind.YOT, SiteKind.CUSTODY_SUITE),
}
# Which points of contact each kind of site sets a response target for.
SITE_CONTACTS: dict[SiteKind, tuple[str, ...]] = {
    SiteKind.CUSTODY_SUITE: (Poc.CUSTODY, Poc.VOLUNTARY_ATTENDANCE, Poc.COMMUNITY),
    SiteKind.POLICE_STATION: (Poc.VOLUNTARY_ATTENDANCE,),
    SiteKind.MAGISTRATES_COURT: (Poc.MAGISTRATES_COURT, Poc.YOUTH_COURT, Poc.PROBATION, Poc.YOT),
    SiteKind.YOUTH_COURT: (Poc.YOUTH_COURT, Poc.YOT),
    SiteKind.CROWN_COURT: (Poc.CROWN_COURT,),
    SiteKind.PROBATION_OFFICE: (Poc.PROBATION,),
    SiteKind.YOT: (Poc.YOT, Poc.COMMUNITY),
    SiteKind.COMMUNITY: (Poc.COMMUNITY,),
}
# The time-of-day pattern of each point of contact (hours.arrival).
ARRIVAL: dict[str, str] = {
    Poc.CUSTODY: "custody",
    Poc.VOLUNTARY_ATTENDANCE: "station",
    Poc.MAGISTRATES_COURT: "court",
    Poc.YOUTH_COURT: "court",
    Poc.CROWN_COURT: "court",
}

# Source of Referral for Mental Health codes (liaison.pathway.codes.ReferralSource).
SOURCES: dict[str, Weighted[str]] = {
    Poc.CUSTODY: (("E1", 90), ("B1", 3), ("B2", 3), ("E5", 2), ("C1", 2)),
    Poc.VOLUNTARY_ATTENDANCE: (("E1", 85), ("B1", 5), ("B2", 5), ("A1", 5)),
    Poc.MAGISTRATES_COURT: (("E2", 60), ("E5", 20), ("E1", 10), ("E3", 6), ("B2", 4)),
    Poc.YOUTH_COURT: (("E2", 50), ("E6", 35), ("E5", 10), ("C1", 5)),
    Poc.CROWN_COURT: (("E2", 75), ("E5", 15), ("E3", 10)),
    Poc.PROBATION: (("E3", 85), ("E2", 15)),
    Poc.YOT: (("E6", 80), ("C1", 10), ("C2", 10)),
    Poc.COMMUNITY: (("C1", 30), ("G4", 25), ("C2", 10), ("B2", 15), ("A1", 15), ("M4", 5)),
}
_COURT_ALERTS = (("Court legal adviser", 30), ("Defence solicitor", 30), ("Court usher", 10),
                 ("Probation court team", 15), ("Magistrates' bench", 15))  # fmt: skip
ALERTED_BY: dict[str, Weighted[str]] = {
    Poc.CUSTODY: (("Custody sergeant", 40), ("Detention officer", 15), ("Custody nurse", 15),
                  ("Arresting officer", 15), ("Solicitor", 10), ("Family member", 5)),
    Poc.VOLUNTARY_ATTENDANCE: (("Investigating officer", 60), ("Solicitor", 40)),
    Poc.MAGISTRATES_COURT: _COURT_ALERTS,
    Poc.YOUTH_COURT: (*_COURT_ALERTS, ("YOT court officer", 30)),
    Poc.CROWN_COURT: (("Defence counsel", 40), ("Judge", 30), ("Probation court team", 30)),
    Poc.PROBATION: (("Probation officer", 100),),
    Poc.YOT: (("YOT case worker", 100),),
    Poc.COMMUNITY: (("Social worker", 35), ("Voluntary sector support worker", 30),
                    ("School safeguarding lead", 15), ("Parent or carer", 20)),
}  # fmt: skip
CONCERN_NOTES = (
    "",
    "",
    "",
    "",
    "Appeared distressed in the cell",
    "Said they had not taken their medication for a week",
    "Smelled strongly of alcohol on arrival",
    "Previous self-harm marker on the custody record",
    "Struggled to follow the rights and entitlements",
    "Asked to see the mental health nurse",
    "Known to the community mental health team",
    "Withdrawn and not answering questions",
)

# Needs found beyond the headline domains, with their chance for adults and for children.
_OTHER_NEEDS: tuple[tuple[str, float, float], ...] = (
    (V.SELF_HARM, 0.22, 0.25), (V.HOUSING, 0.18, 0.06), (V.TRAUMA, 0.15, 0.30), (V.PHYSICAL_HEALTH, 0.12, 0.04),
    (V.NEURODIVERSITY, 0.07, 0.20), (V.LEARNING_DISABILITY, 0.05, 0.06), (V.LEARNING_DIFFICULTY, 0.06, 0.15),
    (V.COMMUNICATION, 0.04, 0.12), (V.BRAIN_INJURY, 0.04, 0.02), (V.SAFEGUARDING, 0.08, 0.35),
    (V.PERSONALITY_DISORDER, 0.05, 0.0), (V.FINANCE, 0.08, 0.0), (V.EMPLOYMENT, 0.06, 0.10),
    (V.CHARGE_RELATED, 0.05, 0.05), (V.VETERAN, 0.03, 0.0),
)  # fmt: skip


def needs(rng: random.Random, *, child: bool) -> list[str]:
    """The person's true needs at this episode; empty for the 12% with none."""
    if rng.random() >= ANY_VULNERABILITY:
        return []
    found: list[str] = []
    if rng.random() < MENTAL_HEALTH / ANY_VULNERABILITY:
        found.append(V.MENTAL_HEALTH)
    if rng.random() < DRUGS_OR_ALCOHOL / ANY_VULNERABILITY:
        found += pick(rng, (([V.DRUGS], 45), ([V.ALCOHOL], 30), ([V.DRUGS, V.ALCOHOL], 25)))
    for domain, adult, young in _OTHER_NEEDS:
        if rng.random() < (young if child else adult):
            found.append(domain)
    if not found:
        found.append(pick(rng, ((V.HOUSING, 3), (V.LEARNING_DIFFICULTY, 2), (V.PHYSICAL_HEALTH, 2), (V.TRAUMA, 2))))
    return found


def concerns(rng: random.Random, truth: list[str]) -> list[str]:
    """What the police or court noticed: some of the needs, and sometimes a need that is not there."""
    raised = [v for v in truth if rng.random() < 0.55]
    if truth and not raised:
        raised.append(truth[0])
    if not truth or rng.random() < 0.08:
        raised.append(pick(rng, ((V.MENTAL_HEALTH, 6), (V.DRUGS, 2), (V.SELF_HARM, 2), (V.LEARNING_DISABILITY, 1))))
    return sorted(set(raised))


def findings(rng: random.Random, truth: list[str], raised: list[str]) -> list[dict[str, str]]:
    """Screening findings: each true need suspected or confirmed, each false concern ruled out."""
    out = []
    for domain in truth:
        status = FindingStatus.CONFIRMED if rng.random() < 0.45 else FindingStatus.SUSPECTED
        source = pick(
            rng,
            ((FindingSource.SCREENING, 60), (FindingSource.SELF_REPORT, 20), (FindingSource.RECORDS, 15),
             (FindingSource.POLICE, 5)),
        )  # fmt: skip
        out.append({"domain": domain, "status": status, "source": source, "note": ""})
    for domain in raised:
        if domain not in truth:
            out.append({"domain": domain, "status": FindingStatus.RULED_OUT, "source": FindingSource.SCREENING,
                        "note": ""})  # fmt: skip
    return out


URGENCY: Weighted[str] = ((Urgency.IMMEDIATE, 10), (Urgency.SAME_DAY, 40), (Urgency.ROUTINE, 50))

# The directory's types of service that meet each need, best first (services.py gives every
# scheme one of each). A need not named here is referred to the community mental health team.
NEED_SERVICES: dict[str, tuple[ServiceType, ...]] = {
    V.MENTAL_HEALTH: (ServiceType.COMMUNITY_MENTAL_HEALTH, ServiceType.COMMUNITY_MENTAL_HEALTH, ServiceType.CRISIS),
    V.SELF_HARM: (ServiceType.CRISIS, ServiceType.COMMUNITY_MENTAL_HEALTH),
    V.PERSONALITY_DISORDER: (ServiceType.COMMUNITY_MENTAL_HEALTH,),
    V.DRUGS: (ServiceType.DRUG_ALCOHOL,),
    V.ALCOHOL: (ServiceType.DRUG_ALCOHOL,),
    V.HOUSING: (ServiceType.HOUSING,),
    V.VETERAN: (ServiceType.VETERANS,),
    V.LEARNING_DISABILITY: (ServiceType.LEARNING_DISABILITY,),
    V.NEURODIVERSITY: (ServiceType.AUTISM,),
}


def service_types(truth: list[str], *, child: bool, woman: bool) -> list[ServiceType]:
    """The types of service that fit the person's needs, repeated by how well they fit."""
    wanted = [t for v in truth for t in NEED_SERVICES.get(v, ())]
    if child:
        # Every child's referral can go to the youth offending service's health worker.
        wanted += [ServiceType.YOUTH_OFFENDING] * 2
    if woman and not child:
        wanted.append(ServiceType.WOMENS_CENTRE)
    return wanted or [ServiceType.COMMUNITY_MENTAL_HEALTH]


REFERRAL_URGENCY: Weighted[str] = ((ReferralUrgency.ROUTINE, 70), (ReferralUrgency.URGENT, 25),
                                   (ReferralUrgency.EMERGENCY, 5))  # fmt: skip


def referral_urgency(rng: random.Random, service_type: str) -> str:
    if service_type == ServiceType.CRISIS:
        return pick(rng, ((ReferralUrgency.URGENT, 70), (ReferralUrgency.EMERGENCY, 30)))
    return pick(rng, REFERRAL_URGENCY)


CUSTODY_OUTCOMES: Weighted[str] = (
    (JusticeOutcome.NO_FURTHER_ACTION, 22), (JusticeOutcome.OUT_OF_COURT_DISPOSAL, 14),
    (JusticeOutcome.CHARGED_BAILED, 30), (JusticeOutcome.REMANDED, 10), (JusticeOutcome.NOT_KNOWN, 8),
)  # fmt: skip
COURT_OUTCOMES: Weighted[str] = (
    (JusticeOutcome.SENTENCED, 55), (JusticeOutcome.REMANDED, 15), (JusticeOutcome.CHARGED_BAILED, 20),
    (JusticeOutcome.NOT_KNOWN, 5), (JusticeOutcome.NO_FURTHER_ACTION, 5),
)  # fmt: skip
ADULT_SENTENCES: Weighted[str] = (
    (SentenceType.COMMUNITY_ORDER, 22), (SentenceType.COMMUNITY_ORDER_TREATMENT, 14), (SentenceType.SUSPENDED, 16),
    (SentenceType.CUSTODIAL, 16), (SentenceType.FINE, 12), (SentenceType.DISCHARGE, 12),
    (SentenceType.HOSPITAL_ORDER, 3), (SentenceType.OTHER, 5),
)  # fmt: skip
CHILD_SENTENCES: Weighted[str] = (
    (SentenceType.YOUTH_REHABILITATION_ORDER, 45), (SentenceType.REFERRAL_ORDER, 40), (SentenceType.DISCHARGE, 10),
    (SentenceType.CUSTODIAL, 5),
)  # fmt: skip


def ld_outcome(rng: random.Random, *, justice: str, sentence: str, referred: bool, screened: bool) -> str:
    """The L&D outcome, in keeping with what happened in the justice system."""
    if not screened:
        return pick(rng, ((LdOutcome.DECLINED, 60), (LdOutcome.NO_FURTHER_LD_ACTION, 40)))
    if sentence in (SentenceType.COMMUNITY_ORDER_TREATMENT, SentenceType.HOSPITAL_ORDER):
        return LdOutcome.DIVERTED_WITHIN
    if referred and justice in (JusticeOutcome.NO_FURTHER_ACTION, JusticeOutcome.OUT_OF_COURT_DISPOSAL):
        return pick(rng, ((LdOutcome.DIVERTED_OUT, 60), (LdOutcome.NO_FURTHER_LD_ACTION, 40)))
    if referred:
        return pick(rng, ((LdOutcome.DIVERTED_WITHIN, 40), (LdOutcome.NO_FURTHER_LD_ACTION, 45),
                          (LdOutcome.DIVERTED_OUT, 15)))  # fmt: skip
    return pick(rng, ((LdOutcome.NO_FURTHER_LD_ACTION, 80), (LdOutcome.DECLINED, 10), (LdOutcome.DIVERTED_OUT, 5),
                      (LdOutcome.DIVERTED_WITHIN, 5)))  # fmt: skip


SCREEN_NOTES = (
    "",
    "",
    "Seen in the cell with the custody nurse present",
    "Seen in the court cells before the hearing",
    "Consented to screening and to sharing with the custody sergeant",
)
# The assessment, written as a practitioner would: history, presentation, the needs in words,
# a formulation and what the court and services might consider.
HISTORIES = (
    "Known to mental health services since their early twenties; last contact about a year ago.",
    "No previous contact with services. Lives with family; recently lost their job.",
    "Several previous arrests, each with drink involved. Registered with a GP but rarely attends.",
    "Left care at 18; moved between friends' sofas since. Previous referrals not taken up.",
)
PRESENTATIONS = (
    "Calm and cooperative, though tired. Speech normal in rate and tone; no signs of psychosis.",
    "Tearful at times, with poor eye contact. Oriented and able to follow the conversation.",
    "Restless and asking when they can leave. Reports withdrawal symptoms since the morning.",
    "Guarded at first, more open once the appropriate adult arrived. Understood the questions.",
)
COURT_PRESENTATION = (
    "Seen again in the court cells before the hearing: settled, and wants the court to know about the support.",
    "Seen at court: anxious about the hearing, otherwise as at the first assessment.",
)
NEED_NOTES: dict[str, str] = {
    V.MENTAL_HEALTH: "Low mood and poor sleep for several months; would see the community team.",
    V.DRUGS: "Daily use; would like a referral to the recovery service.",
    V.ALCOHOL: "Drinking most days; has tried to cut down without help.",
    V.HOUSING: "No settled address since last month; staying with friends.",
    V.SELF_HARM: "Past self-harm; a safety plan was agreed with the custody nurse.",
    V.TRAUMA: "Describes experiences that still affect sleep and mood.",
    V.LEARNING_DISABILITY: "Needed questions rephrased; an easy-read leaflet helped.",
    V.LEARNING_DIFFICULTY: "Struggles with reading; needs written information read aloud.",
    V.NEURODIVERSITY: "Reports an earlier ADHD diagnosis; finds waiting in the cell very hard.",
    V.SAFEGUARDING: "Concerns about exploitation shared with the safeguarding lead.",
    V.VETERAN: "Served in the army; has not used veterans' services before.",
}
FORMULATIONS = (
    "Low mood for several months, poor sleep, no current plans to harm self.",
    "Needs are longstanding and known to local services; engagement has lapsed.",
    "Heavy daily use and unstable housing; wants support and would engage with a referral.",
    "Presentation consistent with a relapse of a known condition.",
)
RECOMMENDATIONS = ("", "", "Share findings with the custody sergeant before interview",
                   "Offer an appointment within a week of release")  # fmt: skip
ONWARD = ("", "", "Community mental health team", "Drug and alcohol recovery service", "GP")
_TREATMENT: dict[str, str] = {
    V.MENTAL_HEALTH: TreatmentRequirement.MENTAL_HEALTH,
    V.DRUGS: TreatmentRequirement.DRUG_REHABILITATION,
    V.ALCOHOL: TreatmentRequirement.ALCOHOL_TREATMENT,
}
AMEND_REASONS = ("Updated at court with what the person said before the hearing",
                 "New information from the defence solicitor")  # fmt: skip


def assessment(rng: random.Random, truth: list[str], *, child: bool, at_court: bool) -> AssessmentContent:
    """A completed assessment's content (the real `assessment_complete` checks it)."""
    court: list[str] = []
    if at_court and rng.random() < 0.3:
        court.append(CourtConsideration.REPORT_TO_COURT)
    if at_court and V.MENTAL_HEALTH in truth and rng.random() < 0.1:
        court.append(CourtConsideration.PSYCHIATRIC_REPORT)
    treatment: list[str] = [] if child else [t for v, t in _TREATMENT.items() if v in truth and rng.random() < 0.25]
    return AssessmentContent(
        history=rng.choice(HISTORIES),
        presentation=rng.choice(PRESENTATIONS),
        needs={v: NEED_NOTES[v] for v in truth if v in NEED_NOTES},
        formulation=rng.choice(FORMULATIONS),
        onward_referral=rng.choice(ONWARD),
        court=court,
        treatment_requirements=treatment,
        recommendations_note=rng.choice(RECOMMENDATIONS),
    )


def amended(rng: random.Random, before: AssessmentContent) -> AssessmentContent:
    """The assessment brought up to date when the person is seen again at court."""
    court = sorted({*before.court, CourtConsideration.REPORT_TO_COURT}) if rng.random() < 0.5 else before.court
    return dataclasses.replace(before, presentation=rng.choice(COURT_PRESENTATION), court=court)


NOTES = ("Phoned the person to remind them of their appointment", "Met at court and supported through the hearing",
         "Spoke to the GP surgery to confirm registration", "Family member called with an update",
         "Accompanied the person to their first appointment")  # fmt: skip
VOID_REASONS = ("Recorded against the wrong episode", "Entered in error: duplicate entry",
                "Findings recorded before consent was confirmed")  # fmt: skip
REOPEN_REASONS = ("Further information received from the court", "Closed in error before the referral was made")


def service_consent(episode: Episode, poc: str) -> ConsentDetails:
    """The person's consent to the service, as the law asks it to be recorded: a child under 16
    judged Gillick competent (with the reasons), and an appropriate adult for every under-18 at
    a police station (PACE Code C). No draw from the generator: the demo stays as it was."""
    age = age_on(episode.person.date_of_birth, episode.identified_at.astimezone(LONDON).date())
    child = age is not None and age < 16
    custody = age is not None and age < 18 and poc in (Poc.CUSTODY, Poc.VOLUNTARY_ATTENDANCE)
    return ConsentDetails(
        scope="service",
        decision="given",
        method="verbal",
        child_route="gillick" if child else "",
        child_route_reason="Understood what L&D does and who might be told, and explained it back" if child else "",
        appropriate_adult_name="Duty volunteer, appropriate adult scheme" if custody else "",
        appropriate_adult_role="Appropriate adult scheme volunteer" if custody else "",
    )


def asked_about_research(episode: Episode) -> bool:
    """About one episode in three is asked about research (for the evaluation linkage file),
    decided by the episode's id rather than a draw, so the rest of the demo stays as it was."""
    return episode.pk.int % 3 == 0


def research_consent(episode: Episode, poc: str) -> ConsentDetails:
    """Consent to research: given by most who are asked, refused by some (by the episode's id)."""
    service = service_consent(episode, poc)
    return dataclasses.replace(service, scope="research", decision="refused" if episode.pk.int % 5 == 0 else "given")
