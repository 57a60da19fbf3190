"""Normal forms of what people give about themselves, as the model compares them.

Names lose accents, case, spaces and punctuation ("O'Brien" and "OBRIEN" are one name); the
sound-alike key is Soundex; nicknames and common transliterations map to one canonical given
name. Postcodes are split into district (outward code) and sector, so a move within a street
or a neighbourhood still counts for something.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_NOT_LETTER = re.compile(r"[^A-Z]")
# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Đ": "D", "đ": "d", "\u0131": "i", "Æ": "AE", "æ": "ae"}
)

# Nicknames and spellings of the same given name: each group maps to its first name.
_NAME_GROUPS = (
    "ROBERT ROB ROBBIE BOB BOBBY BERT",
    "WILLIAM WILL BILL BILLY LIAM WILLIE",
    "RICHARD RICH RICHIE RICK RICKY DICK",
    "JAMES JIM JIMMY JAMIE",
    "MICHAEL MIKE MICK MICKY MIKEY",
    "THOMAS TOM TOMMY",
    "JOSEPH JOE JOEY",
    "DANIEL DAN DANNY",
    "MATTHEW MATT MATTY",
    "ANTHONY TONY ANTONY",
    "CHRISTOPHER CHRIS KIT",
    "NICHOLAS NICK NICKY",
    "EDWARD ED EDDIE TED TEDDY NED",
    "ALEXANDER ALEX ALEC SANDY ALEKSANDER ALEKSANDR",
    "STEPHEN STEVEN STEVE STEVIE",
    "PATRICK PAT PADDY",
    "JONATHAN JON JONNY",
    "BENJAMIN BEN BENNY",
    "SAMUEL SAM SAMMY",
    "CHARLES CHARLIE CHAS",
    "DAVID DAVE DAVY",
    "PETER PETE",
    "ANDREW ANDY DREW",
    "JOHN JACK JOHNNY",
    "ELIZABETH LIZ LIZZIE BETH BETTY ELIZA",
    "MARGARET MAGGIE MEG PEGGY",
    "KATHERINE CATHERINE KATE KATIE KATHY CATH KAT",
    "REBECCA BECKY BECCA",
    "JENNIFER JENNY JEN",
    "SAMANTHA SAM SAMMIE",
    "VICTORIA VICKY TORI",
    "JESSICA JESS JESSIE",
    "DEBORAH DEBBIE DEB",
    "SUSAN SUE SUSIE",
    "ABIGAIL ABBY ABBIE",
    "NATALIE NAT",
    "MUHAMMAD MOHAMMED MOHAMMAD MOHAMED MUHAMMED MOHAMMUD MOHAMUD",
    "AHMED AHMAD AHMET",
    "YUSUF YOUSEF YOUSSEF YUSSUF",
    "IBRAHIM EBRAHIM",
    "ABDULLAH ABDULLA",
    "OLUWASEUN SEUN",
    "OLUWASEGUN SEGUN",
    "OLUWATOBI TOBI",
    "ALEKSANDRA OLA",
    "KRZYSZTOF KRIS",
    "WOJCIECH WOJTEK",
)
NICKNAMES = {n: group.split()[0] for group in _NAME_GROUPS for n in group.split()}

_SOUNDEX_CODES = {**dict.fromkeys("BFPV", "1"), **dict.fromkeys("CGJKQSXZ", "2"), **dict.fromkeys("DT", "3")}
_SOUNDEX_CODES.update({"L": "4", "M": "5", "N": "5", "R": "6"})


@lru_cache(maxsize=1 << 18)
def name(value: str | None) -> str | None:
    """Upper-case letters only, accents dropped; None for nothing given."""
    if not value:
        return None
    plain = unicodedata.normalize("NFKD", value.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode()
    letters = _NOT_LETTER.sub("", plain.upper())
    return letters or None


def canonical_given(value: str | None) -> str | None:
    return None if value is None else NICKNAMES.get(value, value)


@lru_cache(maxsize=1 << 18)
def soundex(value: str | None) -> str | None:
    """American Soundex of a normalised name (H and W do not separate equal codes)."""
    if not value:
        return None
    first, out, last = value[0], [], _SOUNDEX_CODES.get(value[0], "")
    for ch in value[1:]:
        code = _SOUNDEX_CODES.get(ch, "")
        if code and code != last:
            out.append(code)
        if ch not in "HW":
            last = code
    return (first + "".join(out) + "000")[:4]


@lru_cache(maxsize=1 << 18)
def postcode(value: str | None) -> str | None:
    if not value:
        return None
    return re.sub(r"\s", "", value).upper() or None


def postcode_district(value: str | None) -> str | None:
    """The outward code: all but the last three characters of a full postcode."""
    return value[:-3] if value and len(value) >= 5 else None


def postcode_sector(value: str | None) -> str | None:
    return value[:-2] if value and len(value) >= 5 else None


@lru_cache(maxsize=1 << 18)
def iso_date(value: date | str | None) -> str | None:
    if not value:
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1 << 18)
def day_month_swapped(dob: str | None) -> str | None:
    """The date read the other way round (3/4 for 4/3), when that is a different real date."""
    if not dob:
        return None
    year, month, day = dob[:4], dob[5:7], dob[8:10]
    if day == month or int(day) > 12:
        return None
    return f"{year}-{day}-{month}"


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4), as DuckDB computes it."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(max(la, lb) // 2 - 1, 0)
    a_hit, b_hit = [False] * la, [False] * lb
    matches = 0
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(lb, i + window + 1)):
            if not b_hit[j] and b[j] == ch:
                a_hit[i] = b_hit[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    a_seq = [ch for ch, hit in zip(a, a_hit, strict=True) if hit]
    b_seq = [ch for ch, hit in zip(b, b_hit, strict=True) if hit]
    transpositions = sum(x != y for x, y in zip(a_seq, b_seq, strict=True)) / 2
    jaro = (matches / la + matches / lb + (matches - transpositions) / matches) / 3
    if jaro <= 0.7:
        return jaro
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def within_one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart (Damerau-Levenshtein <= 1)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if la < lb else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
