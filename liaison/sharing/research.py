"""Research consent: who has agreed to take part in research, and what an evaluation receives.

Research is a consent scope of its own (`ConsentScope.RESEARCH`), recorded and withdrawn through
the same consent actions and page as any other. A person has research consent when their latest
research decision (on any episode, by when it was given) is "given" and has not been withdrawn: a
later refusal, or a withdrawal (which ends every standing consent of the scope), takes them out.

`EVALUATION_COLUMNS` is the evaluation linkage file's layout (`liaison linkage evaluation-file`),
kept here beside the consent it depends on so that the data dictionary can print it.
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from liaison.people.models import Person
from liaison.sharing.codes import ConsentDecision, ConsentScope
from liaison.sharing.models import Consent

EVALUATION_COLUMNS: tuple[tuple[str, str, str], ...] = (
    (
        "pseudonym",
        "text",
        "The person's keyed pseudonym for this evaluation (HMAC-SHA256 with the evaluation's own key)",
    ),
    ("nhs_number", "text", "The NHS number, only when verified on PDS; else empty"),
    ("pnc_id", "text", "The Police National Computer ID where held; else empty"),
    ("date_of_birth", "date", "Date of birth (YYYY-MM-DD), empty when not known"),
    ("sex", "code", "Sex as recorded (NHS Data Dictionary person stated gender code)"),
    ("postcode_district", "text", "The outward part of the postcode (e.g. LS1), never the full postcode"),
    ("index_date", "date", "The date of the person's first episode (London), the evaluation's index date"),
    ("index_site", "code", "The site code where that first episode started"),
)


def research_consented_people() -> QuerySet[Person]:
    """People whose latest research decision is consent given and not withdrawn."""
    latest = Consent.objects.filter(person=OuterRef("pk"), scope=ConsentScope.RESEARCH).order_by(
        "-given_at", "-recorded_at"
    )
    return (
        Person.objects.annotate(
            research_decision=Subquery(latest.values("decision")[:1]),
            research_withdrawn=Subquery(latest.values("withdrawn_at")[:1]),
        )
        .filter(research_decision=ConsentDecision.GIVEN, research_withdrawn__isnull=True)
        .order_by("pk")
    )
