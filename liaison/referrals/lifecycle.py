"""A referral's lifecycle and the one table of which transitions each status allows.

Every transition in actions.py asks this table first: the referral page offers exactly these
next steps and the API refuses anything else with `transition_not_allowed`.

    made          -> acknowledged, accepted, declined, closed
    acknowledged  -> accepted, declined, closed
    accepted      -> booked, closed
    declined      -> made (resubmitted with more information), closed
    booked        -> attended, did not attend, booked (appointment moved), closed
    attended      -> engaged, disengaged, closed
    did not attend-> booked (a new appointment), disengaged, closed
    engaged       -> disengaged, closed
    disengaged    -> engaged (re-engaged), booked (a new appointment), closed
    closed        -> nothing: a new need is a new referral

Services often reply with their decision straight away, so a made referral may be accepted or
declined without a separate acknowledgement.
"""

from __future__ import annotations

from django.db import models

from liaison.referrals.codes import ReferralStatus


class Transition(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", "Record that the service acknowledged it"
    ACCEPT = "accept", "Record that the service accepted it"
    DECLINE = "decline", "Record that the service declined it"
    RESUBMIT = "resubmit", "Resubmit the referral"
    BOOK = "book", "Record the first appointment"
    REBOOK = "rebook", "Record a new appointment"
    ATTEND = "attend", "Record that the person attended"
    DID_NOT_ATTEND = "did_not_attend", "Record that the person did not attend"
    ENGAGE = "engage", "Record that the person engaged"
    DISENGAGE = "disengage", "Record that the person disengaged"
    CLOSE = "close", "Close the referral"


S = ReferralStatus
T = Transition
ALLOWED: dict[ReferralStatus, dict[Transition, ReferralStatus]] = {
    S.MADE: {T.ACKNOWLEDGE: S.ACKNOWLEDGED, T.ACCEPT: S.ACCEPTED, T.DECLINE: S.DECLINED, T.CLOSE: S.CLOSED},
    S.ACKNOWLEDGED: {T.ACCEPT: S.ACCEPTED, T.DECLINE: S.DECLINED, T.CLOSE: S.CLOSED},
    S.ACCEPTED: {T.BOOK: S.BOOKED, T.CLOSE: S.CLOSED},
    S.DECLINED: {T.RESUBMIT: S.MADE, T.CLOSE: S.CLOSED},
    S.BOOKED: {T.ATTEND: S.ATTENDED, T.DID_NOT_ATTEND: S.DID_NOT_ATTEND, T.REBOOK: S.BOOKED, T.CLOSE: S.CLOSED},
    S.ATTENDED: {T.ENGAGE: S.ENGAGED, T.DISENGAGE: S.DISENGAGED, T.CLOSE: S.CLOSED},
    S.DID_NOT_ATTEND: {T.REBOOK: S.BOOKED, T.DISENGAGE: S.DISENGAGED, T.CLOSE: S.CLOSED},
    S.ENGAGED: {T.DISENGAGE: S.DISENGAGED, T.CLOSE: S.CLOSED},
    S.DISENGAGED: {T.ENGAGE: S.ENGAGED, T.REBOOK: S.BOOKED, T.CLOSE: S.CLOSED},
    S.CLOSED: {},
}

# Statuses where support has stopped unless someone acts: no follow-ups are due, and closing
# the episode needs no confirmation on their account.
ENDED = frozenset({S.DECLINED, S.DISENGAGED, S.CLOSED})
ACTIVE = frozenset(set(S) - ENDED)

# What each transition needs besides an optional note.
NEEDS_REASON = frozenset({T.DECLINE})
NEEDS_APPOINTMENT = frozenset({T.BOOK, T.REBOOK})
RECORDS_ATTENDANCE = frozenset({T.ATTEND, T.DID_NOT_ATTEND})


def allows(status: str, transition: str) -> bool:
    return Transition(transition) in ALLOWED[ReferralStatus(status)]


def status_after(status: str, transition: str) -> ReferralStatus:
    """Only for transitions `allows` accepts."""
    return ALLOWED[ReferralStatus(status)][Transition(transition)]


def transitions_from(status: str) -> list[Transition]:
    return list(ALLOWED[ReferralStatus(status)])
