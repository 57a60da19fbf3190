"""A tile map of England's 39 police force areas: one square each, placed roughly where the
force is (column, row from the north-west), so the map reads as England without shipping
boundaries. Each tile also has a short label for the square itself."""

from __future__ import annotations

# force area code -> (column, row, label on the tile)
# fmt: off
TILES: dict[str, tuple[int, int, str]] = {
    "E23000007": (4, 0, "NBR"),  # Northumbria
    "E23000002": (3, 1, "CUM"),  # Cumbria
    "E23000008": (4, 1, "DUR"),  # Durham
    "E23000013": (5, 1, "CLE"),  # Cleveland
    "E23000003": (2, 2, "LAN"),  # Lancashire
    "E23000010": (3, 2, "WYK"),  # West Yorkshire
    "E23000009": (4, 2, "NYK"),  # North Yorkshire
    "E23000012": (5, 2, "HUM"),  # Humberside
    "E23000004": (1, 3, "MER"),  # Merseyside
    "E23000005": (2, 3, "GMP"),  # Greater Manchester
    "E23000011": (3, 3, "SYK"),  # South Yorkshire
    "E23000019": (4, 3, "NTT"),  # Nottinghamshire
    "E23000020": (5, 3, "LIN"),  # Lincolnshire
    "E23000006": (1, 4, "CHE"),  # Cheshire
    "E23000015": (2, 4, "STA"),  # Staffordshire
    "E23000018": (3, 4, "DER"),  # Derbyshire
    "E23000021": (4, 4, "LEI"),  # Leicestershire
    "E23000023": (5, 4, "CAM"),  # Cambridgeshire
    "E23000024": (6, 4, "NFK"),  # Norfolk
    "E23000016": (1, 5, "WMC"),  # West Mercia
    "E23000014": (2, 5, "WMP"),  # West Midlands
    "E23000017": (3, 5, "WAR"),  # Warwickshire
    "E23000022": (4, 5, "NTH"),  # Northamptonshire
    "E23000026": (5, 5, "BED"),  # Bedfordshire
    "E23000025": (6, 5, "SFK"),  # Suffolk
    "E23000037": (1, 6, "GLO"),  # Gloucestershire
    "E23000038": (2, 6, "WIL"),  # Wiltshire
    "E23000029": (3, 6, "TVP"),  # Thames Valley
    "E23000027": (4, 6, "HRT"),  # Hertfordshire
    "E23000028": (5, 6, "ESX"),  # Essex
    "E23000036": (1, 7, "ASP"),  # Avon and Somerset
    "E23000030": (2, 7, "HAM"),  # Hampshire
    "E23000031": (3, 7, "SUR"),  # Surrey
    "E23000001": (4, 7, "MET"),  # Metropolitan Police
    "E23000034": (5, 7, "COL"),  # London, City of
    "E23000035": (0, 8, "D&C"),  # Devon & Cornwall
    "E23000039": (1, 8, "DOR"),  # Dorset
    "E23000033": (3, 8, "SUS"),  # Sussex
    "E23000032": (4, 8, "KEN"),  # Kent
}
# fmt: on
