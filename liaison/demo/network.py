"""The national L&D network the demo builds: NHS England regions, the 26 schemes of waves 1 and 2,
and the custody suites and courts they cover.

Wave 1 is the ten schemes live in April 2014 (domain.md). Wave 2's sixteen are plausible
schemes for April 2015, not a record of who actually went live. Where each works, and how that
grows to the whole of England by 2020, is `footprints.py`. Sites are real custody suites
and courts where they are known; providers are NHS trusts that run (or ran) mental health
services there. Nothing here is an official list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from liaison.organisations.models import PointOfContact, SiteKind

# When L&D staff are on site. The phrases become each Site's OpeningPeriods (organisations.hours.parse); the
# builder reads the same constants to decide when a practitioner can screen someone.
H24 = "24 hours, 7 days"
DAY7 = "07:00 to 22:00, 7 days"
WEEKDAY = "09:00 to 17:00, Monday to Friday"

REGIONS = {
    "Y56": "London",
    "Y58": "South West",
    "Y59": "South East",
    "Y60": "Midlands",
    "Y61": "East of England",
    "Y62": "North West",
    "Y63": "North East and Yorkshire",
}

WAVE_GO_LIVE = {1: date(2014, 4, 1), 2: date(2015, 4, 1)}


@dataclass(frozen=True)
class SiteSpec:
    key: str
    name: str
    kind: SiteKind
    hours: str


@dataclass(frozen=True)
class SchemeSpec:
    code: str
    name: str
    provider: str
    region: str
    wave: int
    districts: tuple[str, ...]  # postcode districts people give, for plausible addresses
    sites: tuple[SiteSpec, ...]
    custody_target: int = 180  # minutes; 120-240 across schemes
    weight: float = 1.0  # share of the national caseload

    @property
    def go_live(self) -> date:
        return WAVE_GO_LIVE[self.wave]


def custody(key: str, name: str, hours: str = H24) -> SiteSpec:
    return SiteSpec(key, name, SiteKind.CUSTODY_SUITE, hours)


def station(key: str, name: str) -> SiteSpec:
    return SiteSpec(key, name, SiteKind.POLICE_STATION, DAY7)


def mags(key: str, name: str) -> SiteSpec:
    return SiteSpec(key, name, SiteKind.MAGISTRATES_COURT, WEEKDAY)


def youth(key: str, name: str) -> SiteSpec:
    return SiteSpec(key, name, SiteKind.YOUTH_COURT, WEEKDAY)


def crown(key: str, name: str) -> SiteSpec:
    return SiteSpec(key, name, SiteKind.CROWN_COURT, WEEKDAY)


def probation(key: str, name: str) -> SiteSpec:
    return SiteSpec(key, name, SiteKind.PROBATION_OFFICE, WEEKDAY)


def yot(key: str, name: str) -> SiteSpec:
    return SiteSpec(key, name, SiteKind.YOT, WEEKDAY)


def community(key: str, name: str) -> SiteSpec:
    return SiteSpec(key, name, SiteKind.COMMUNITY, WEEKDAY)


# Response-time targets (minutes) by point of contact; custody comes from the scheme.
COURT_TARGET = 60
TARGETS: dict[str, int] = {
    PointOfContact.VOLUNTARY_ATTENDANCE: 240,
    PointOfContact.MAGISTRATES_COURT: COURT_TARGET,
    PointOfContact.YOUTH_COURT: COURT_TARGET,
    PointOfContact.CROWN_COURT: 120,
    PointOfContact.PROBATION: 1440,
    PointOfContact.YOT: 2880,
    PointOfContact.COMMUNITY: 4320,
}

# The demo `practitioner` works at this custody suite and its courts.
PRACTITIONER_SCHEME = "MER"
PRACTITIONER_SITES = ("MER-STANNE", "MER-LKMC", "MER-LIVCC")

# fmt: off
SCHEMES: tuple[SchemeSpec, ...] = (
    # Wave 1, April 2014
    SchemeSpec(
        "MER", "Merseyside Liaison and Diversion Service", "Mersey Care NHS Foundation Trust", "Y62", 1,
        ("L1", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "L11", "L13", "L20", "L36", "CH41", "CH44", "WA9", "WA10"),
        (
            custody("STANNE", "St Anne Street custody suite, Liverpool"),
            custody("COPYLANE", "Copy Lane custody suite, Bootle"),
            custody("WIRRAL", "Wirral custody suite, Wallasey", DAY7),
            custody("STHELENS", "St Helens custody suite", DAY7),
            station("ADMIRAL", "Admiral Street police station, Liverpool"),
            mags("LKMC", "Liverpool and Knowsley Magistrates' Court"),
            mags("SEFMC", "Sefton Magistrates' Court, Bootle"),
            mags("WIRMC", "Wirral Magistrates' Court, Birkenhead"),
            youth("LIVYC", "Liverpool Youth Court"),
            crown("LIVCC", "Liverpool Crown Court"),
            probation("LIVPR", "Liverpool city centre probation office"),
            yot("LIVYOS", "Liverpool Youth Offending Service"),
        ),
        custody_target=120, weight=1.5,
    ),
    SchemeSpec(
        "LON", "London Liaison and Diversion Service (south)", "South London and Maudsley NHS Foundation Trust", "Y56",
        1,
        ("SE1", "SE5", "SE6", "SE13", "SE15", "SE17", "SW2", "SW9", "SW16", "CR0", "CR7", "BR1"),
        (
            custody("BRIXTON", "Brixton custody suite"),
            custody("LEWISHAM", "Lewisham custody suite"),
            custody("CROYDON", "Croydon custody suite"),
            mags("CAMBMC", "Camberwell Green Magistrates' Court"),
            mags("CROYMC", "Croydon Magistrates' Court"),
            mags("BROMMC", "Bromley Magistrates' Court"),
            youth("CAMBYC", "Camberwell Green Youth Court"),
            crown("INLCC", "Inner London Crown Court"),
            yot("SWKYOS", "Southwark Youth Offending Service"),
            community("LAMWC", "Lambeth women's centre"),
        ),
        custody_target=120, weight=2.0,
    ),
    SchemeSpec(
        "AWI", "Avon and Wiltshire Liaison and Diversion Service",
        "Avon and Wiltshire Mental Health Partnership NHS Trust", "Y58", 1,
        ("BS1", "BS2", "BS3", "BS5", "BS13", "BS16", "BS23", "BA1", "BA2", "SN1", "SN2", "SN15", "SP1"),
        (
            custody("PATCHWAY", "Patchway custody suite, Bristol"),
            custody("KEYNSHAM", "Keynsham custody suite"),
            custody("MELKSHAM", "Melksham custody suite", DAY7),
            custody("GABLEX", "Gablecross custody suite, Swindon", DAY7),
            mags("BRISMC", "Bristol Magistrates' Court"),
            mags("NSOMMC", "North Somerset Magistrates' Court, Weston-super-Mare"),
            mags("SWINMC", "Swindon Magistrates' Court"),
            youth("BRISYC", "Bristol Youth Court"),
            crown("BRISCC", "Bristol Crown Court"),
            yot("BRISYOT", "Bristol Youth Offending Team"),
        ),
        custody_target=180, weight=1.4,
    ),
    SchemeSpec(
        "LEI", "Leicester Liaison and Diversion Service", "Leicestershire Partnership NHS Trust", "Y60", 1,
        ("LE1", "LE2", "LE3", "LE4", "LE5", "LE11", "LE12", "LE18"),
        (
            custody("EUSTON", "Euston Street custody suite, Leicester"),
            custody("KEYHAM", "Keyham Lane custody suite, Leicester"),
            mags("LEIMC", "Leicester Magistrates' Court"),
            youth("LEIYC", "Leicester Youth Court"),
            crown("LEICC", "Leicester Crown Court"),
            yot("LEIYJS", "Leicester City Youth Justice Service"),
        ),
        custody_target=120,
    ),
    SchemeSpec(
        "SUS", "Sussex Liaison and Diversion Service", "Sussex Partnership NHS Foundation Trust", "Y59", 1,
        ("BN1", "BN2", "BN3", "BN11", "BN21", "RH10", "RH11", "TN34", "TN37", "PO19"),
        (
            custody("BRIGHTON", "Brighton custody centre, Hollingbury"),
            custody("CRAWLEY", "Crawley custody centre"),
            custody("EASTBRN", "Eastbourne custody centre", DAY7),
            custody("WORTHING", "Worthing custody centre", DAY7),
            mags("BRIGMC", "Brighton Magistrates' Court"),
            mags("CRAWMC", "Crawley Magistrates' Court"),
            mags("HASTMC", "Hastings Magistrates' Court"),
            crown("LEWCC", "Lewes Crown Court"),
            yot("BHYOS", "Brighton and Hove Youth Offending Service"),
        ),
        custody_target=180, weight=1.2,
    ),
    SchemeSpec(
        "DOR", "Dorset Liaison and Diversion Service", "Dorset HealthCare University NHS Foundation Trust", "Y58", 1,
        ("BH1", "BH8", "BH11", "BH12", "BH15", "BH23", "DT1", "DT4"),
        (
            custody("BOURNE", "Bournemouth custody centre"),
            custody("WEYMOUTH", "Weymouth custody centre", DAY7),
            mags("POOLMC", "Poole Magistrates' Court"),
            mags("WEYMC", "Weymouth Magistrates' Court"),
            crown("BOURCC", "Bournemouth Crown Court"),
            yot("DORYOS", "Dorset Combined Youth Justice Service"),
        ),
        custody_target=240, weight=0.8,
    ),
    SchemeSpec(
        "SAM", "Sunderland and Middlesbrough Liaison and Diversion Service",
        "Tees, Esk and Wear Valleys NHS Foundation Trust", "Y63", 1,
        ("SR1", "SR2", "SR4", "SR5", "TS1", "TS3", "TS4", "TS6", "TS10", "TS25"),
        (
            custody("SOUTHWICK", "Southwick custody suite, Sunderland"),
            custody("MIDDLES", "Middlesbrough custody suite"),
            mags("SUNMC", "Sunderland Magistrates' Court"),
            mags("TEESMC", "Teesside Magistrates' Court, Middlesbrough"),
            youth("TEESYC", "Teesside Youth Court"),
            crown("TEESCC", "Teesside Crown Court"),
            yot("SUNYOS", "Sunderland Youth Offending Service"),
        ),
        custody_target=180,
    ),
    SchemeSpec(
        "COV", "Coventry Liaison and Diversion Service", "Coventry and Warwickshire Partnership NHS Trust", "Y60", 1,
        ("CV1", "CV2", "CV3", "CV4", "CV6"),
        (
            custody("COVCUST", "Coventry custody suite, Little Park Street"),
            mags("COVMC", "Coventry Magistrates' Court"),
            youth("COVYC", "Coventry Youth Court"),
            crown("COVCC", "Coventry Combined Court"),
            yot("COVYOS", "Coventry Youth Offending Service"),
        ),
        custody_target=120, weight=0.8,
    ),
    SchemeSpec(
        "SES", "South Essex Liaison and Diversion Service", "South Essex Partnership University NHS Foundation Trust",
        "Y61", 1,
        ("SS0", "SS1", "SS2", "SS13", "SS14", "SS16", "RM17", "RM20"),
        (
            custody("SOUTHEND", "Southend custody centre"),
            custody("BASILDON", "Basildon custody centre"),
            custody("GRAYS", "Grays custody centre", DAY7),
            mags("SOUTHMC", "Southend Magistrates' Court"),
            mags("BASMC", "Basildon Magistrates' Court"),
            crown("BASCC", "Basildon Crown Court"),
            yot("SENDYOS", "Southend Youth Offending Service"),
        ),
        custody_target=180,
    ),
    SchemeSpec(
        "WAK", "Wakefield Liaison and Diversion Service", "South West Yorkshire Partnership NHS Foundation Trust",
        "Y63", 1,
        ("WF1", "WF2", "WF4", "WF8", "WF10"),
        (
            custody("HAVERTOP", "Havertop custody suite, Featherstone"),
            mags("WAKMC", "Wakefield Magistrates' Court"),
            youth("WAKYC", "Wakefield Youth Court"),
            crown("LEEDCC", "Leeds Crown Court"),
            yot("WAKYOS", "Wakefield Youth Offending Team"),
        ),
        custody_target=240, weight=0.7,
    ),
    # Wave 2, April 2015 (plausible footprints)
    SchemeSpec(
        "LAN", "Lancashire Liaison and Diversion Service", "Lancashire Care NHS Foundation Trust", "Y62", 2,
        ("PR1", "PR2", "FY1", "FY4", "LA1", "BB1", "BB2", "BB11"),
        (
            custody("PRESTON", "Preston custody suite"),
            custody("BLACKPL", "Blackpool custody suite", DAY7),
            custody("LANCAST", "Lancaster custody suite", DAY7),
            mags("PRESMC", "Preston Magistrates' Court"),
            mags("BPLMC", "Blackpool Magistrates' Court"),
            crown("PRESCC", "Preston Crown Court"),
            yot("LANYOT", "Lancashire Youth Offending Team"),
        ),
    ),
    SchemeSpec(
        "GMC", "Greater Manchester Liaison and Diversion Service",
        "Greater Manchester Mental Health NHS Foundation Trust", "Y62", 2,
        ("M1", "M4", "M8", "M13", "M40", "M6", "OL1", "BL1", "SK1", "WN1"),
        (
            custody("LONGSIGHT", "Longsight custody suite, Manchester"),
            custody("SWINTON", "Swinton custody suite"),
            custody("PENDLE", "Pendleton custody suite, Salford", DAY7),
            mags("MANMC", "Manchester and Salford Magistrates' Court"),
            youth("MANYC", "Manchester Youth Court"),
            crown("MINSHULL", "Manchester Crown Court, Minshull Street"),
            yot("MANYJS", "Manchester Youth Justice Service"),
        ),
        custody_target=120, weight=1.5,
    ),
    SchemeSpec(
        "CHE", "Cheshire Liaison and Diversion Service", "Cheshire and Wirral Partnership NHS Foundation Trust", "Y62",
        2,
        ("CH1", "CH2", "CW1", "CW7", "WA1", "WA2", "WA7", "SK11"),
        (
            custody("MIDDLEW", "Middlewich custody suite"),
            custody("BLACON", "Blacon custody suite, Chester"),
            custody("RUNCORN", "Runcorn custody suite", DAY7),
            mags("CHESMC", "Chester Magistrates' Court"),
            mags("WARRMC", "Warrington Magistrates' Court"),
            crown("CHESCC", "Chester Crown Court"),
        ),
        weight=0.8,
    ),
    SchemeSpec(
        "DUR", "Durham and Darlington Liaison and Diversion Service", "Tees, Esk and Wear Valleys NHS Foundation Trust",
        "Y63", 2,
        ("DH1", "DL1", "DL3", "DL5", "SR8", "DH9"),
        (
            custody("DURHAM", "Durham custody suite, Aykley Heads"),
            custody("DARL", "Darlington custody suite", DAY7),
            mags("NAYMC", "Newton Aycliffe Magistrates' Court"),
            crown("DURCC", "Durham Crown Court"),
        ),
        custody_target=240, weight=0.6,
    ),
    SchemeSpec(
        "HUM", "Humberside Liaison and Diversion Service", "Humber NHS Foundation Trust", "Y63", 2,
        ("HU1", "HU3", "HU5", "HU9", "DN31", "DN32", "DN15", "DN16"),
        (
            custody("CLOUGH", "Clough Road custody suite, Hull"),
            custody("GRIMSBY", "Grimsby custody suite", DAY7),
            mags("HULLMC", "Hull Magistrates' Court"),
            mags("GRIMMC", "Grimsby Magistrates' Court"),
            crown("HULLCC", "Hull Crown Court"),
        ),
        weight=0.8,
    ),
    SchemeSpec(
        "SYO", "South Yorkshire Liaison and Diversion Service", "Sheffield Health and Social Care NHS Foundation Trust",
        "Y63", 2,
        ("S1", "S2", "S5", "S9", "DN1", "DN4", "S60", "S70"),
        (
            custody("SHEPCOTE", "Shepcote Lane custody suite, Sheffield"),
            custody("DONCUST", "Doncaster custody suite", DAY7),
            mags("SHEFMC", "Sheffield Magistrates' Court"),
            mags("DONCMC", "Doncaster Magistrates' Court"),
            crown("SHEFCC", "Sheffield Crown Court"),
        ),
    ),
    SchemeSpec(
        "NOT", "Nottinghamshire Liaison and Diversion Service", "Nottinghamshire Healthcare NHS Foundation Trust",
        "Y60", 2,
        ("NG1", "NG2", "NG3", "NG5", "NG7", "NG18", "NG19"),
        (
            custody("BRIDEWELL", "Bridewell custody suite, Nottingham"),
            custody("MANSFLD", "Mansfield custody suite", DAY7),
            mags("NOTTMC", "Nottingham Magistrates' Court"),
            mags("MANSMC", "Mansfield Magistrates' Court"),
            crown("NOTTCC", "Nottingham Crown Court"),
        ),
    ),
    SchemeSpec(
        "LIN", "Lincolnshire Liaison and Diversion Service", "Lincolnshire Partnership NHS Foundation Trust", "Y60", 2,
        ("LN1", "LN2", "LN5", "PE21", "NG31", "DN21"),
        (
            custody("LINCOLN", "Lincoln custody suite"),
            custody("BOSTON", "Boston custody suite", DAY7),
            mags("LINCMC", "Lincoln Magistrates' Court"),
            crown("LINCCC", "Lincoln Crown Court"),
        ),
        custody_target=240, weight=0.6,
    ),
    SchemeSpec(
        "STA", "Staffordshire Liaison and Diversion Service",
        "South Staffordshire and Shropshire Healthcare NHS Foundation Trust", "Y60", 2,
        ("ST1", "ST4", "ST5", "ST6", "ST16", "WS11", "DE14"),
        (
            custody("NORTHERN", "Northern Area custody suite, Hanley"),
            custody("WATLING", "Watling Street custody suite, Cannock", DAY7),
            mags("NSTAFFMC", "North Staffordshire Justice Centre"),
            crown("STAFCC", "Stafford Crown Court"),
        ),
        weight=0.7,
    ),
    SchemeSpec(
        "BIR", "Birmingham Liaison and Diversion Service", "Birmingham and Solihull Mental Health NHS Foundation Trust",
        "Y60", 2,
        ("B1", "B6", "B10", "B11", "B20", "B23", "B33", "B42"),
        (
            custody("PERRYB", "Perry Barr custody suite, Birmingham"),
            custody("OLDBURY", "Oldbury custody suite"),
            mags("BIRMC", "Birmingham Magistrates' Court"),
            youth("BIRYC", "Birmingham Youth Court"),
            crown("BIRCC", "Birmingham Crown Court"),
            yot("BIRYOS", "Birmingham Youth Offending Service"),
        ),
        custody_target=120, weight=1.4,
    ),
    SchemeSpec(
        "NOR", "Norfolk Liaison and Diversion Service", "Norfolk and Suffolk NHS Foundation Trust", "Y61", 2,
        ("NR1", "NR2", "NR3", "NR18", "NR30", "NR31", "PE30"),
        (
            custody("AYLSHAM", "Aylsham police investigation centre"),
            custody("WYMOND", "Wymondham police investigation centre", DAY7),
            custody("KLYNN", "King's Lynn police investigation centre", DAY7),
            mags("NORWMC", "Norwich Magistrates' Court"),
            mags("KLYNNMC", "King's Lynn Magistrates' Court"),
            crown("NORWCC", "Norwich Crown Court"),
        ),
        weight=0.8,
    ),
    SchemeSpec(
        "KEN", "Kent Liaison and Diversion Service", "Kent and Medway NHS and Social Care Partnership Trust", "Y59", 2,
        ("ME1", "ME4", "ME7", "ME14", "CT1", "CT9", "TN1", "DA1"),
        (
            custody("MEDWAY", "Medway police station custody suite, Gillingham"),
            custody("CANTER", "Canterbury custody suite"),
            custody("TONBRIDGE", "Tonbridge custody suite", DAY7),
            mags("MEDMC", "Medway Magistrates' Court, Chatham"),
            mags("CANTMC", "Canterbury Magistrates' Court"),
            crown("MAIDCC", "Maidstone Crown Court"),
        ),
        weight=1.1,
    ),
    SchemeSpec(
        "SUR", "Surrey Liaison and Diversion Service", "Surrey and Borders Partnership NHS Foundation Trust", "Y59", 2,
        ("GU1", "GU2", "GU21", "KT12", "TW18", "RH1", "RH2"),
        (
            custody("GUILDFD", "Guildford custody suite"),
            custody("STAINES", "Staines custody suite", DAY7),
            custody("SALFORDS", "Salfords custody suite", DAY7),
            mags("GUILMC", "Guildford Magistrates' Court"),
            mags("STAIMC", "Staines Magistrates' Court"),
            crown("GUILCC", "Guildford Crown Court"),
        ),
        custody_target=240, weight=0.7,
    ),
    SchemeSpec(
        "HAM", "Hampshire Liaison and Diversion Service", "Southern Health NHS Foundation Trust", "Y59", 2,
        ("SO14", "SO15", "SO16", "PO1", "PO4", "PO5", "RG21", "PO30"),
        (
            custody("SOTON", "Southampton central custody suite"),
            custody("PORTSM", "Portsmouth custody suite"),
            custody("BASING", "Basingstoke custody suite", DAY7),
            mags("SOTONMC", "Southampton Magistrates' Court"),
            mags("PORTMC", "Portsmouth Magistrates' Court"),
            crown("WINCC", "Winchester Crown Court"),
        ),
        weight=1.1,
    ),
    SchemeSpec(
        "DAC", "Devon and Cornwall Liaison and Diversion Service", "Devon Partnership NHS Trust", "Y58", 2,
        ("EX1", "EX2", "EX4", "PL1", "PL4", "TQ1", "TQ2", "TR1", "TR14"),
        (
            custody("EXETER", "Exeter custody centre"),
            custody("CHARLES", "Charles Cross custody centre, Plymouth"),
            custody("TORQUAY", "Torquay custody centre", DAY7),
            custody("CAMBORNE", "Camborne custody centre", DAY7),
            mags("EXETMC", "Exeter Magistrates' Court"),
            mags("PLYMMC", "Plymouth Magistrates' Court"),
            crown("EXETCC", "Exeter Crown Court"),
        ),
        weight=1.0,
    ),
    SchemeSpec(
        "TVA", "Thames Valley Liaison and Diversion Service", "Oxford Health NHS Foundation Trust", "Y59", 2,
        ("OX1", "OX4", "OX16", "RG1", "RG30", "MK6", "MK9", "HP11", "SL1"),
        (
            custody("ABINGDON", "Abingdon custody suite"),
            custody("LODDON", "Loddon Valley custody suite, Reading"),
            custody("MKEYNES", "Milton Keynes custody suite", DAY7),
            mags("OXFMC", "Oxford Magistrates' Court"),
            mags("READMC", "Reading Magistrates' Court"),
            mags("MKMC", "Milton Keynes Magistrates' Court"),
            crown("OXFCC", "Oxford Crown Court"),
        ),
        weight=1.2,
    ),
)
# fmt: on
