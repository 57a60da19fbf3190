"""The questions of the easy-read feedback form and their answers, in the words people see.

The first question is the NHS Friends and Family Test's, with its six answers in its order; the
others are short easy-read questions about the things people in custody and at court say matter
most (being listened to, understanding what happens next, feeling safe to talk)."""

from __future__ import annotations

from django.db import models

FFT_QUESTION = "Overall, how was your experience of our service?"


class Overall(models.TextChoices):
    VERY_GOOD = "very_good", "Very good"
    GOOD = "good", "Good"
    NEITHER = "neither", "Neither good nor poor"
    POOR = "poor", "Poor"
    VERY_POOR = "very_poor", "Very poor"
    DONT_KNOW = "dont_know", "Don't know"

    @classmethod
    def positive(cls) -> frozenset[str]:
        return frozenset({cls.VERY_GOOD, cls.GOOD})

    @classmethod
    def negative(cls) -> frozenset[str]:
        return frozenset({cls.POOR, cls.VERY_POOR})


class Agree(models.TextChoices):
    YES = "yes", "Yes"
    A_BIT = "a_bit", "A bit"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


# The easy-read questions: field name -> the question as the person reads it.
EASY_READ = {
    "listened": "Did we listen to you?",
    "understood": "Did we explain what happens next in a way you understood?",
    "safe_to_talk": "Did you feel safe to talk to us?",
}


class HelpedBy(models.TextChoices):
    """Who helped the person fill in the form. The police officer dealing with their case is not
    among them: feedback is never collected by the officer (the form says so)."""

    NOBODY = "nobody", "Nobody, I did it myself"
    PEER_WORKER = "peer_worker", "A peer support worker"
    APPROPRIATE_ADULT = "appropriate_adult", "An appropriate adult"
    LD_STAFF = "ld_staff", "A liaison and diversion worker"
    FAMILY = "family", "Family or a friend"
    INTERPRETER = "interpreter", "An interpreter"
    SOMEONE_ELSE = "someone_else", "Someone else"


class Format(models.TextChoices):
    ON_SCREEN = "on_screen", "On a screen"
    READ_ALOUD = "read_aloud", "Read out to me"
    PAPER = "paper", "On paper, typed in later by staff"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    WELSH = "cy", "Welsh"
    BSL = "bsl", "British Sign Language"
    OTHER = "other", "Another language"
