"""NHS number, PNC ID and postcode checks, property-based where a property exists."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from liaison.people.identifiers import (
    format_nhs_number,
    nhs_number_check_digit,
    normalise_nhs_number,
    normalise_pnc_id,
    normalise_postcode,
    pnc_check_letter,
)

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@st.composite
def nhs_numbers(draw: st.DrawFn) -> str:
    first = draw(nine_digits)
    check = nhs_number_check_digit(first)
    assume(check is not None)
    return f"{first}{check}"


@given(nhs_numbers())
def test_a_number_with_its_check_digit_normalises_to_itself(number):
    assert normalise_nhs_number(number) == number


@given(nhs_numbers(), st.sampled_from([" ", "-", "  ", " - "]))
def test_spaces_and_dashes_between_the_groups_are_ignored(number, sep):
    grouped = sep.join([number[:3], number[3:6], number[6:]])
    assert normalise_nhs_number(f" {grouped} ") == number


@given(nhs_numbers(), st.integers(0, 9), st.integers(1, 9))
def test_changing_any_single_digit_makes_the_number_invalid(number, position, shift):
    digits = list(number)
    digits[position] = str((int(digits[position]) + shift) % 10)
    with pytest.raises(ValueError, match="check digit"):
        normalise_nhs_number("".join(digits))


@st.composite
def nine_digits_without_a_check(draw: st.DrawFn) -> str:
    """Eight digits and a ninth chosen so the modulus-11 check would be 10 (weighted sum = 1 mod 11)."""
    first = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    weighted = sum(int(d) * (10 - i) for i, d in enumerate(first))
    ninth = (1 - weighted) * 6 % 11  # 6 is the inverse of the ninth digit's weight, 2, mod 11
    assume(ninth <= 9)
    return f"{first}{ninth}"


@given(nine_digits_without_a_check())
def test_nine_digits_whose_check_would_be_10_make_no_valid_number(first):
    assert nhs_number_check_digit(first) is None
    for last in "0123456789":
        with pytest.raises(ValueError, match="check digit"):
            normalise_nhs_number(first + last)


def test_the_check_digit_is_modulus_11():
    # 943 476 5919 is the NHS Data Dictionary's worked example.
    assert nhs_number_check_digit("943476591") == 9
    assert normalise_nhs_number("943 476 5919") == "9434765919"


@pytest.mark.parametrize("value", ["", "123", "12345678901", "abcdefghij", "999 123 457x", "9991234578.0"])
def test_anything_but_ten_digits_is_refused_with_a_message_for_people(value):
    with pytest.raises(ValueError) as refused:
        normalise_nhs_number(value)
    assert str(refused.value) == "Enter an NHS number of 10 digits, like 999 123 4578"


def test_digits_from_other_scripts_are_refused():
    arabic_indic = "".join(chr(0x0660 + int(d)) for d in "9434765919")
    with pytest.raises(ValueError):
        normalise_nhs_number(arabic_indic)


def test_a_number_is_shown_in_three_groups():
    assert format_nhs_number("9434765919") == "943 476 5919"


# PNC IDs: year (2 or 4 digits) / serial (up to 7 digits) and a check letter.
years = st.one_of(
    st.integers(0, 99).map(lambda y: f"{y:02d}"),
    st.integers(1900, 2099).map(str),
)
serials = st.integers(1, 9_999_999).map(str)


@given(years, serials)
def test_a_pnc_id_with_the_right_check_letter_normalises_with_the_serial_padded_to_7(year, serial):
    check = pnc_check_letter(year, serial)
    assert normalise_pnc_id(f"{year}/{serial}{check}") == f"{year}/{serial.zfill(7)}{check}"
    assert normalise_pnc_id(f" {year}/{serial}{check.lower()} ") == f"{year}/{serial.zfill(7)}{check}"


@given(years, serials, st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_a_pnc_id_with_any_other_letter_is_refused(year, serial, letter):
    assume(letter != pnc_check_letter(year, serial))
    with pytest.raises(ValueError) as refused:
        normalise_pnc_id(f"{year}/{serial}{letter}")
    assert str(refused.value) in (
        "Enter a valid PNC ID: the check letter does not match",
        "Enter a PNC ID in the format year/serial number and check letter, like 2019/0012345G",
    )


@given(serials)
def test_two_and_four_digit_years_share_a_check_letter(serial):
    assert pnc_check_letter("19", serial) == pnc_check_letter("2019", serial)


def test_the_examples_in_the_messages_are_themselves_valid():
    assert normalise_nhs_number("999 123 4578") == "9991234578"
    assert normalise_pnc_id("2019/0012345G") == "2019/0012345G"
    assert normalise_postcode("LS1 4AP") == "LS1 4AP"


@pytest.mark.parametrize("value", ["", "2019", "2019/", "2019/12345", "201/12345Q", "2019/123456789Q", "x/1Q"])
def test_a_malformed_pnc_id_is_refused_with_a_message_for_people(value):
    with pytest.raises(ValueError, match="format year/serial number and check letter"):
        normalise_pnc_id(value)


def test_a_pnc_id_in_digits_from_other_scripts_is_refused():
    with pytest.raises(ValueError):
        normalise_pnc_id("\u0662\u0660\u0661\u0669/12345G")


# Postcodes, one real example of each UK format.
VALID_POSTCODES = {
    "m1 1ae": "M1 1AE",  # A9 9AA
    "B338TH": "B33 8TH",  # A99 9AA
    "cr2 6xh": "CR2 6XH",  # AA9 9AA
    "DN55  1PT": "DN55 1PT",  # AA99 9AA
    "w1a 1hq": "W1A 1HQ",  # A9A 9AA
    "EC1A1BB": "EC1A 1BB",  # AA9A 9AA
    " ls1 4ap ": "LS1 4AP",
    "GIR 0AA": "GIR 0AA",
}


@pytest.mark.parametrize(("value", "normal"), VALID_POSTCODES.items())
def test_a_valid_postcode_normalises_with_one_space_in_upper_case(value, normal):
    assert normalise_postcode(value) == normal


@given(st.sampled_from(list(VALID_POSTCODES.values())), st.sampled_from(["", " ", "  ", "\t"]))
def test_a_postcode_normalises_whatever_the_spacing(postcode, gap):
    outward, inward = postcode.split(" ")
    assert normalise_postcode(f"{outward}{gap}{inward}".lower()) == postcode


JUNK_POSTCODES = [
    "",
    "LS1",
    "LS1 4A",
    "4AP LS1",
    "12345",
    "Q1 1AA",  # Q never starts a postcode
    "LS1 4CI",  # C and I never end one
    "LS1 4AP X",
    "LS1-4AP",
    "LS\u0661 4AP",  # Arabic-Indic digit one
    "<script>",
]


@pytest.mark.parametrize("value", JUNK_POSTCODES)
def test_junk_is_refused_as_a_postcode_with_a_message_for_people(value):
    with pytest.raises(ValueError) as refused:
        normalise_postcode(value)
    assert str(refused.value) == "Enter a full UK postcode, like LS1 4AP"


@given(st.text(max_size=12))
def test_any_text_either_normalises_to_a_postcode_or_is_refused(value):
    try:
        normal = normalise_postcode(value)
    except ValueError:
        return
    assert normal == normal.upper() and normal.count(" ") == 1 and len(normal) <= 8
    assert normal.isascii()
