"""Turn each scheme's free-text force areas into a footprint: every local authority of each
force area named, from the scheme's go-live, with no end. Names that match no force area are
kept in the scheme's `footprint_note`, as is the fact that the footprint was taken from whole
force areas (early schemes covered parts of them). Also stores the published coverage claims.

No events are written: a migration has no one to act as, and what it does follows from each
scheme's recorded `police_force_areas`, itself in the scheme's `scheme:change` history."""

import re
from datetime import date

from django.db import migrations

_WORDS = re.compile(r"\b(police|constabulary|service|force|area|the)\b")


def _key(name):
    """`Metropolitan Police Service` and `Metropolitan Police` alike; `London, City of` and
    `City of London Police` alike; `&` and `and` alike."""
    text = name.lower().replace("&", " and ")
    if text.startswith("london, city of"):
        text = "city of london"
    return " ".join(_WORDS.sub(" ", text).replace(",", " ").split())


def footprints(apps, schema_editor):
    Scheme = apps.get_model("organisations", "Scheme")
    Footprint = apps.get_model("organisations", "Footprint")
    ForceArea = apps.get_model("geography", "ForceArea")
    LocalAuthority = apps.get_model("geography", "LocalAuthority")
    forces = {_key(f.name): f for f in ForceArea.objects.all()}
    for scheme in Scheme.objects.all():
        names = [n.strip() for n in scheme.police_force_areas.split(",") if n.strip()]
        matched = [forces[_key(n)] for n in names if _key(n) in forces]
        unmatched = [n for n in names if _key(n) not in forces]
        Footprint.objects.bulk_create(
            Footprint(scheme=scheme, local_authority=la, effective_from=scheme.go_live)
            for la in LocalAuthority.objects.filter(force_area__in=matched).order_by("code")
        )
        notes = []
        if matched:
            notes.append("Taken from whole force areas: " + ", ".join(f.name for f in matched))
        if unmatched:
            notes.append("Not a force area: " + ", ".join(unmatched))
        scheme.footprint_note = "; ".join(notes)[:300]
        scheme.save(update_fields=["footprint_note"])


FAQ = "https://www.england.nhs.uk/commissioning/health-just/liaison-and-diversion/ld-faqs/"
UPDATES = "https://www.england.nhs.uk/commissioning/health-just/liaison-and-diversion/news/programme-updates/"
PSE = "https://www.publicsectorexecutive.com/Public-Sector-News/sixteen-new-liaison-and-diversion-teams-launched"
RAND = "https://www.rand.org/pubs/research_briefs/RBA1271-1.html"

CLAIMS = [
    dict(
        as_of=date(2014, 4, 1), schemes=10, source="Public Sector Executive, reporting NHS England (2015)", url=PSE,
        statement="The first wave of 10 schemes ... were launched in April last year.",
    ),
    dict(
        as_of=date(2015, 4, 1), schemes=26, population=28_500_000, percent="53.0",
        source="Public Sector Executive, reporting NHS England (2015)", url=PSE,
        statement="NHS England has launched 16 new L&D teams ... The new teams bring the total to 26 schemes "
        "nationwide and cover 28.5 million people, or half of the country.",
        note="The article says half; 53% is the share quoted with these 28.5 million in the programme's notes, "
        "not in this article.",
    ),
    dict(
        as_of=date(2018, 4, 1), percent="82.0", source="NHS England, Liaison and Diversion: frequently asked questions",
        url=FAQ,
        statement="NHS England are rolling-out L&D services across the country, by April 2018 delivering the new "
        "specification to 82% population coverage in England and then 100% by March 2021.",
    ),
    dict(
        as_of=date(2018, 4, 1), percent="75.0", source="RAND Europe, national evaluation of L&D services (2021)",
        url=RAND, statement="About 75% of England covered by April 2018.",
        note="RAND's figure as quoted in the programme's notes; this entry was not checked against the report.",
    ),
    dict(
        as_of=date(2020, 3, 31), percent="100.0", source="NHS England, L&D programme updates (September 2019)",
        url=UPDATES,
        statement="The programme is on track to secure NHS England commissioned L&D services accessible to 100% "
        "of the population by March 2020.",
        note="A plan stated in September 2019, not a report of coverage reached.",
    ),
    dict(
        as_of=date(2021, 3, 31), percent="100.0", source="NHS England, Liaison and Diversion: frequently asked questions",
        url=FAQ, statement="... and then 100% by March 2021.",
    ),
]


def claims(apps, schema_editor):
    CoverageClaim = apps.get_model("organisations", "CoverageClaim")
    if not CoverageClaim.objects.exists():
        CoverageClaim.objects.bulk_create(CoverageClaim(**c) for c in CLAIMS)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_footprints"), ("geography", "0002_reference_data")]

    operations = [
        migrations.RunPython(footprints, migrations.RunPython.noop),
        migrations.RunPython(claims, migrations.RunPython.noop),
    ]
