"""Demographic codes from the NHS Data Dictionary, and the age bands used at each episode."""

from __future__ import annotations

from datetime import date

from django.db import models


class Sex(models.TextChoices):
    """NHS Data Dictionary: Person Stated Gender Code (phenotypic sex)."""

    MALE = "1", "Male"
    FEMALE = "2", "Female"
    INDETERMINATE = "9", "Indeterminate (unable to be classified as either male or female)"
    NOT_KNOWN = "X", "Not known"


class GenderIdentity(models.TextChoices):
    """NHS Data Dictionary: Gender Identity Code."""

    MALE = "1", "Male (including trans man)"
    FEMALE = "2", "Female (including trans woman)"
    NON_BINARY = "3", "Non-binary"
    OTHER = "4", "Other (not listed)"
    NOT_KNOWN = "X", "Not known"
    NOT_STATED = "Z", "Not stated (person asked but declined to provide a response)"


class Ethnicity(models.TextChoices):
    """NHS Data Dictionary: Ethnic Category (2001 census categories)."""

    A = "A", "White: British"
    B = "B", "White: Irish"
    C = "C", "White: Any other White background"
    D = "D", "Mixed: White and Black Caribbean"
    E = "E", "Mixed: White and Black African"
    F = "F", "Mixed: White and Asian"
    G = "G", "Mixed: Any other mixed background"
    H = "H", "Asian or Asian British: Indian"
    J = "J", "Asian or Asian British: Pakistani"
    K = "K", "Asian or Asian British: Bangladeshi"
    L = "L", "Asian or Asian British: Any other Asian background"
    M = "M", "Black or Black British: Caribbean"
    N = "N", "Black or Black British: African"
    P = "P", "Black or Black British: Any other Black background"
    R = "R", "Other ethnic groups: Chinese"
    S = "S", "Other ethnic groups: Any other ethnic group"
    Z = "Z", "Not stated"
    NOT_KNOWN = "99", "Not known"


# The five census groups used when reporting, from the first letter of the category.
ETHNIC_GROUPS = {
    **dict.fromkeys("ABC", "White"),
    **dict.fromkeys("DEFG", "Mixed"),
    **dict.fromkeys("HJKL", "Asian or Asian British"),
    **dict.fromkeys("MNP", "Black or Black British"),
    **dict.fromkeys("RS", "Other ethnic groups"),
    "Z": "Not stated",
    "99": "Not known",
}


class NhsNumberStatus(models.TextChoices):
    """Whether the NHS number was traced against the Personal Demographics Service."""

    VERIFIED = "verified", "Verified (traced on PDS)"
    UNVERIFIED = "unverified", "Given but not verified"
    NOT_GIVEN = "not_given", "Not given"


class IdentifierSystem(models.TextChoices):
    CUSTODY_RECORD = "custody_record", "Custody record number"
    COURT_CASE = "court_case", "Court case number"
    LOCAL_CLINICAL = "local_clinical", "Local clinical record number"
    PRISON = "prison", "Prison number"
    OTHER = "other", "Other local identifier"


# Children and young people (10 to 17): their own pathway, and a flag on their episodes.
YOUNG_PERSON_BAND = "10-17"
AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (10, 17, YOUNG_PERSON_BAND),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 64, "55-64"),
    (65, None, "65 and over"),
)
AGE_BAND_UNKNOWN = "Not known"


def age_on(date_of_birth: date | None, day: date) -> int | None:
    if date_of_birth is None:
        return None
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def age_band(date_of_birth: date | None, day: date) -> str:
    age = age_on(date_of_birth, day)
    if age is None:
        return AGE_BAND_UNKNOWN
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return AGE_BAND_UNKNOWN  # under 10: below the age of criminal responsibility
