"""Checks and normal forms for the identifiers people in custody give: NHS number, PNC ID, postcode.

Each `normalise_*` returns the canonical form or raises ValueError with a message fit to show
to a practitioner.
"""

from __future__ import annotations

import re

# ASCII digits only: `\d` alone also matches digits of other scripts, which int() accepts.
_NHS_DIGITS = re.compile(r"^[0-9]{10}$")
# Police National Computer ID: year (2 or 4 digits) / serial (up to 7 digits) + check letter.
_PNC = re.compile(r"^(?P<year>\d{2}|\d{4})/(?P<serial>\d{1,7})(?P<check>[A-Z])$", re.ASCII)
_PNC_CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
# UK postcode, including the special GIR 0AA; checked after spaces are removed.
_POSTCODE = re.compile(r"^(GIR0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\d[ABD-HJLNP-UW-Z]{2})$", re.ASCII)


def normalise_nhs_number(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    if not _NHS_DIGITS.match(digits):
        raise ValueError("Enter an NHS number of 10 digits, like 999 123 4578")
    # Modulus 11 only, as the NHS Data Dictionary defines it. (The nhs-number package also
    # refuses numbers in the Scottish CHI range that do not start with a date, which would be
    # reported here as a wrong check digit.)
    if nhs_number_check_digit(digits[:9]) != int(digits[9]):
        raise ValueError("Enter a valid NHS number: the check digit does not match")
    return digits


def nhs_number_check_digit(first_nine: str) -> int | None:
    """The modulus-11 check digit for nine digits; None where no valid number exists."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def format_nhs_number(digits: str) -> str:
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else digits


def pnc_check_letter(year: str, serial: str) -> str:
    number = int(year[-2:] + serial.zfill(7))
    return _PNC_CHECK_LETTERS[number % 23]


def normalise_pnc_id(value: str) -> str:
    compact = re.sub(r"\s", "", value).upper()
    match = _PNC.match(compact)
    if not match:
        raise ValueError("Enter a PNC ID in the format year/serial number and check letter, like 2019/0012345G")
    year, serial, check = match["year"], match["serial"], match["check"]
    if pnc_check_letter(year, serial) != check:
        raise ValueError("Enter a valid PNC ID: the check letter does not match")
    return f"{year}/{serial.zfill(7)}{check}"


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s", "", value).upper()
    if not _POSTCODE.match(compact):
        raise ValueError("Enter a full UK postcode, like LS1 4AP")
    return f"{compact[:-3]} {compact[-3:]}"
