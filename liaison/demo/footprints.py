"""Where the demo's 26 schemes work, and when: each scheme's footprint, grown in waves until
the whole of England is covered, as the national programme was rolled out.

The waves reproduce the published milestones (`organisations.CoverageClaim`, docs/domain.md):
10 schemes from April 2014; 26 and about half of England (53%) from April 2015; about 82% from
April 2018 (NHS England; RAND says 75%); nearly all by March 2020 and all from April 2020, so
full cover holds by March 2021 (the sources disagree between the two). Early schemes covered
parts of force areas, so footprints are local authorities; a force area code stands for all
of its local authorities (2023 boundaries, `geography/data`). Later steps are plausible
extensions into neighbouring areas, not a record of who actually commissioned what.
"""

from __future__ import annotations

from datetime import date

from liaison.demo.network import WAVE_GO_LIVE

WAVE_1 = WAVE_GO_LIVE[1]
WAVE_2 = WAVE_GO_LIVE[2]
_2016, _2017, _2018, _2019, _2020 = (date(year, 4, 1) for year in range(2016, 2021))

# scheme code -> ((from, (area codes, ...)), ...): each area covered from that date on.
# fmt: off
FOOTPRINTS: dict[str, tuple[tuple[date, tuple[str, ...]], ...]] = {
    "MER": (
        (WAVE_1, (
            "E23000004",  # Merseyside (whole force area)
        )),
    ),
    "LON": (
        (WAVE_1, (
            "E09000028",  # Southwark
            "E09000022",  # Lambeth
            "E09000023",  # Lewisham
            "E09000008",  # Croydon
            "E09000006",  # Bromley
        )),
        (_2017, (
            "E09000007",  # Camden
            "E09000012",  # Hackney
            "E09000013",  # Hammersmith and Fulham
            "E09000014",  # Haringey
            "E09000019",  # Islington
            "E09000020",  # Kensington and Chelsea
            "E09000025",  # Newham
            "E09000030",  # Tower Hamlets
            "E09000032",  # Wandsworth
            "E09000033",  # Westminster
            "E23000034",  # London, City of (whole force area)
        )),
        (_2019, (
            "E09000002",  # Barking and Dagenham
            "E09000003",  # Barnet
            "E09000004",  # Bexley
            "E09000005",  # Brent
            "E09000009",  # Ealing
            "E09000010",  # Enfield
            "E09000011",  # Greenwich
            "E09000015",  # Harrow
            "E09000016",  # Havering
            "E09000017",  # Hillingdon
            "E09000018",  # Hounslow
            "E09000021",  # Kingston upon Thames
            "E09000024",  # Merton
            "E09000026",  # Redbridge
            "E09000027",  # Richmond upon Thames
            "E09000029",  # Sutton
            "E09000031",  # Waltham Forest
        )),
    ),
    "AWI": (
        (WAVE_1, (
            "E06000023",  # Bristol, City of
            "E06000025",  # South Gloucestershire
            "E06000024",  # North Somerset
            "E06000022",  # Bath and North East Somerset
            "E23000038",  # Wiltshire (whole force area)
        )),
        (_2019, (
            "E06000066",  # Somerset
        )),
        (_2020, (
            "E23000037",  # Gloucestershire (whole force area)
        )),
    ),
    "LEI": (
        (WAVE_1, (
            "E06000016",  # Leicester
        )),
        (_2016, (
            "E06000017",  # Rutland
            "E07000129",  # Blaby
            "E07000130",  # Charnwood
            "E07000131",  # Harborough
            "E07000132",  # Hinckley and Bosworth
            "E07000133",  # Melton
            "E07000134",  # North West Leicestershire
            "E07000135",  # Oadby and Wigston
        )),
        (_2019, (
            "E23000022",  # Northamptonshire (whole force area)
        )),
    ),
    "SUS": (
        (WAVE_1, (
            "E23000033",  # Sussex (whole force area)
        )),
    ),
    "DOR": (
        (WAVE_1, (
            "E23000039",  # Dorset (whole force area)
        )),
    ),
    "SAM": (
        (WAVE_1, (
            "E08000024",  # Sunderland
            "E06000002",  # Middlesbrough
        )),
        (_2016, (
            "E06000001",  # Hartlepool
            "E06000003",  # Redcar and Cleveland
            "E06000004",  # Stockton-on-Tees
        )),
        (_2017, (
            "E08000021",  # Newcastle upon Tyne
            "E08000037",  # Gateshead
            "E08000022",  # North Tyneside
            "E08000023",  # South Tyneside
            "E06000057",  # Northumberland
        )),
    ),
    "COV": (
        (WAVE_1, (
            "E08000026",  # Coventry
        )),
        (_2017, (
            "E23000017",  # Warwickshire (whole force area)
        )),
    ),
    "SES": (
        (WAVE_1, (
            "E06000033",  # Southend-on-Sea
            "E06000034",  # Thurrock
            "E07000066",  # Basildon
            "E07000069",  # Castle Point
            "E07000075",  # Rochford
        )),
        (_2016, (
            "E07000067",  # Braintree
            "E07000068",  # Brentwood
            "E07000070",  # Chelmsford
            "E07000071",  # Colchester
            "E07000072",  # Epping Forest
            "E07000073",  # Harlow
            "E07000074",  # Maldon
            "E07000076",  # Tendring
            "E07000077",  # Uttlesford
        )),
        (_2018, (
            "E23000027",  # Hertfordshire (whole force area)
        )),
        (_2019, (
            "E23000026",  # Bedfordshire (whole force area)
        )),
    ),
    "WAK": (
        (WAVE_1, (
            "E08000036",  # Wakefield
        )),
        (_2016, (
            "E08000035",  # Leeds
            "E08000032",  # Bradford
            "E08000034",  # Kirklees
            "E08000033",  # Calderdale
        )),
        (_2018, (
            "E23000009",  # North Yorkshire (whole force area)
        )),
    ),
    "LAN": (
        (WAVE_2, (
            "E23000003",  # Lancashire (whole force area)
        )),
        (_2019, (
            "E23000002",  # Cumbria (whole force area)
        )),
    ),
    "GMC": (
        (WAVE_2, (
            "E23000005",  # Greater Manchester (whole force area)
        )),
    ),
    "CHE": (
        (WAVE_2, (
            "E23000006",  # Cheshire (whole force area)
        )),
    ),
    "DUR": (
        (WAVE_2, (
            "E23000008",  # Durham (whole force area)
        )),
    ),
    "HUM": (
        (WAVE_2, (
            "E23000012",  # Humberside (whole force area)
        )),
    ),
    "SYO": (
        (WAVE_2, (
            "E23000011",  # South Yorkshire (whole force area)
        )),
    ),
    "NOT": (
        (WAVE_2, (
            "E23000019",  # Nottinghamshire (whole force area)
        )),
        (_2017, (
            "E23000018",  # Derbyshire (whole force area)
        )),
    ),
    "LIN": (
        (WAVE_2, (
            "E23000020",  # Lincolnshire (whole force area)
        )),
    ),
    "STA": (
        (WAVE_2, (
            "E23000015",  # Staffordshire (whole force area)
        )),
        (_2019, (
            "E23000016",  # West Mercia (whole force area)
        )),
    ),
    "BIR": (
        (WAVE_2, (
            "E08000025",  # Birmingham
            "E08000029",  # Solihull
        )),
        (_2016, (
            "E08000028",  # Sandwell
            "E08000027",  # Dudley
            "E08000030",  # Walsall
            "E08000031",  # Wolverhampton
        )),
    ),
    "NOR": (
        (WAVE_2, (
            "E23000024",  # Norfolk (whole force area)
        )),
        (_2018, (
            "E23000025",  # Suffolk (whole force area)
        )),
        (_2020, (
            "E23000023",  # Cambridgeshire (whole force area)
        )),
    ),
    "KEN": (
        (WAVE_2, (
            "E23000032",  # Kent (whole force area)
        )),
    ),
    "SUR": (
        (WAVE_2, (
            "E23000031",  # Surrey (whole force area)
        )),
    ),
    "HAM": (
        (WAVE_2, (
            "E06000044",  # Portsmouth
            "E06000045",  # Southampton
            "E07000084",  # Basingstoke and Deane
            "E07000085",  # East Hampshire
            "E07000086",  # Eastleigh
            "E07000087",  # Fareham
            "E07000088",  # Gosport
            "E07000089",  # Hart
            "E07000090",  # Havant
            "E07000092",  # Rushmoor
            "E07000093",  # Test Valley
            "E07000094",  # Winchester
        )),
        (_2016, (
            "E06000046",  # Isle of Wight
            "E07000091",  # New Forest
        )),
    ),
    "DAC": (
        (WAVE_2, (
            "E06000026",  # Plymouth
            "E06000027",  # Torbay
            "E07000040",  # East Devon
            "E07000041",  # Exeter
            "E07000044",  # South Hams
            "E07000045",  # Teignbridge
        )),
        (_2016, (
            "E07000042",  # Mid Devon
            "E07000043",  # North Devon
            "E07000046",  # Torridge
            "E07000047",  # West Devon
            "E06000052",  # Cornwall
            "E06000053",  # Isles of Scilly
        )),
    ),
    "TVA": (
        (WAVE_2, (
            "E07000177",  # Cherwell
            "E07000178",  # Oxford
            "E07000179",  # South Oxfordshire
            "E07000180",  # Vale of White Horse
            "E07000181",  # West Oxfordshire
            "E06000038",  # Reading
        )),
        (_2017, (
            "E06000037",  # West Berkshire
            "E06000041",  # Wokingham
            "E06000036",  # Bracknell Forest
            "E06000039",  # Slough
            "E06000040",  # Windsor and Maidenhead
            "E06000042",  # Milton Keynes
            "E06000060",  # Buckinghamshire
        )),
    ),
}
# fmt: on
