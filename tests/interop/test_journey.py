"""A partner system runs the whole L&D journey through the API alone.

Identify a person new to L&D, complete the PHQ-9, decide the finding it suggests, refer on and
give the referral a support worker, record consent, share with the court (the finding and the
referral in the report), fetch the report as a PDF and close the episode. Past the tokens and
the network of schemes, sites and staff, every id the journey uses comes from an earlier API
answer: nothing is looked up in the database or made by a factory. The suite runs on SQLite and
again on PostgreSQL, so the journey does too.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response.json()


def answers_from(questionnaire: dict[str, Any]) -> dict[str, str]:
    """Answers read off the Questionnaire itself: the third option ("more than half the days") for
    the first five required questions and the first ("not at all") for the rest, a total of 10."""
    required = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("type") == "choice" and item.get("required"):
                required.append(item)
            walk(item.get("item", []))

    walk(questionnaire["item"])
    return {
        item["linkId"]: item["answerOption"][2 if n < 5 else 0]["valueCoding"]["code"]
        for n, item in enumerate(required)
    }


def test_a_partner_completes_the_journey_with_only_what_the_api_returned(network, api_as):
    practitioner = api_as(network.practitioner_a)
    team_lead = api_as(network.team_lead_a)

    # Who am I, which scheme do I record in, and at which custody suite.
    me = ok(practitioner.get("/me"))
    scheme = next(s for s in me["schemes"] if s["can_record"])
    sites = ok(practitioner.get(f"/schemes/{scheme['id']}/sites"))
    custody = next(s for s in sites if s["can_record"] and s["point_of_contact"] == "custody")

    # Identify: nobody of that name yet, so record the person and open an episode.
    found = ok(practitioner.get("/people", q="Marlowe"))
    assert found == {"people": [], "known_elsewhere": [], "more": False}
    person = ok(
        practitioner.post(
            "/people",
            {
                "scheme": scheme["code"],
                "given_name": "Jude",
                "family_name": "Marlowe",
                "date_of_birth": "1990-05-17",
                "sex": "1",
                "nhs_number": "9990000018",
            },
        ),
        201,
    )
    episode = ok(
        practitioner.post(
            "/episodes",
            {
                "person_id": person["id"],
                "site": custody["code"],
                "referral_source": "E1",
                "alerted_by": "Custody sergeant",
                "concerns": ["mental_health"],
            },
        ),
        201,
    )
    assert (episode["stage"], episode["person"]["id"], episode["site"]) == ("identified", person["id"], custody["code"])
    assert "screen" in episode["next_steps"]
    at = f"/episodes/{episode['id']}"

    # The person's consent to the service comes before any screening.
    service = {"scope": "service", "decision": "given", "method": "verbal"}
    assert ok(practitioner.post(f"{at}/consents", service), 201)["scope"] == "service"

    # Complete the PHQ-9, answering from its published Questionnaire.
    phq9 = next(i for i in ok(practitioner.get("/instruments")) if i["code"] == "phq9")
    assert phq9["can_start"]
    questionnaire = ok(practitioner.get(f"/instruments/{phq9['code']}"))
    assert questionnaire["version"] == phq9["version"]
    screening = ok(
        practitioner.post(f"{at}/screenings", {"instrument": phq9["code"], "answers": answers_from(questionnaire)}),
        201,
    )
    assert (screening["total"], screening["flags"]) == (10, [])
    [suggested] = screening["suggested_findings"]
    assert (suggested["domain"], suggested["status"]) == ("mental_health", "suspected")
    fhir = ok(practitioner.get(f"{at}/screenings/{screening['id']}"))
    assert fhir["resourceType"] == "QuestionnaireResponse"
    assert [s["id"] for s in ok(practitioner.get(f"{at}/screenings"))] == [screening["id"]]

    # The suggestion waits for the practitioner, and cannot be shared until decided.
    [pending] = ok(practitioner.get(f"{at}/findings"))
    assert (pending["id"], pending["decision"], pending["shareable"]) == (suggested["finding_id"], "pending", False)
    decided = ok(practitioner.post(f"{at}/findings/{pending['id']}/decision", {"decision": "confirmed"}), 201)
    assert decided["data"]["finding_id"] == pending["id"]
    [finding] = ok(practitioner.get(f"{at}/findings"))
    assert (finding["decision"], finding["shareable"]) == ("confirmed", True)

    # Refer on to a service the team lead added to the scheme's directory.
    lead_scheme = next(s for s in ok(team_lead.get("/me"))["schemes"] if s["id"] == scheme["id"])
    added = ok(
        team_lead.post(
            "/services",
            {"scheme": lead_scheme["code"], "name": "Wirral talking therapies", "service_type": "talking_therapies"},
        ),
        201,
    )
    directory = ok(practitioner.get("/services", q="Wirral", scheme=scheme["code"]))
    [service] = directory["items"]
    assert service["id"] == added["id"]
    referral = ok(practitioner.post(f"{at}/referrals", {"service_id": service["id"], "urgency": "urgent"}), 201)

    # Support to the first appointment, by one of the scheme's support workers.
    workers = ok(practitioner.get(f"/schemes/{scheme['id']}/support-workers"))
    worker = next(w for w in workers if "support_worker" in w["roles"])
    supported = ok(practitioner.post(f"/referrals/{referral['id']}/support", {"worker_id": worker["id"]}), 201)
    assert supported["referral"]["support_worker_id"] == worker["id"]

    # Consent to tell the magistrates' court, then the share: the finding and the referral.
    consent = ok(
        practitioner.post(
            f"{at}/consents",
            {
                "scope": "share",
                "agency": "magistrates_court",
                "purpose": "sentencing",
                "decision": "given",
                "method": "verbal",
            },
        ),
        201,
    )
    shares = [c["id"] for c in ok(practitioner.get(f"{at}/consents")) if c["scope"] == "share"]
    assert shares == [consent["id"]]
    share = ok(
        practitioner.post(
            f"{at}/shares",
            {
                "agency": "magistrates_court",
                "recipient_name": "Legal adviser, Wirral Magistrates' Court",
                "purpose": "sentencing",
                "lawful_basis_6": "6_1_e",
                "lawful_basis_9": "9_2_h",
                "channel": "report",
                "finding_ids": [finding["id"]],
                "referral_event_ids": [referral["event_id"]],
                "summary": "Low mood; referred to talking therapies with support to the first appointment",
            },
        ),
        201,
    )
    assert (share["basis"], share["consent_id"]) == ("consent", consent["id"])
    assert ok(practitioner.get(f"/shares/{share['id']}"))["event_id"] == share["event_id"]

    # The report, as the court receives it: a real PDF holding what was chosen.
    pdf = practitioner.client.get(share["report_pdf"])
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    report = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(" ".join(page.extract_text() for page in report.pages).split())
    assert "Jude Marlowe" in text
    assert "Mental health: suspected" in text
    assert "Wirral talking therapies" in text

    # Close: the referral is active, so closing needs saying so.
    outcomes = {"justice_outcome": "charged_bailed", "ld_outcome": "diverted_within"}
    refused = practitioner.post(f"{at}/close", outcomes)
    assert (refused.status_code, refused.json()["code"]) == (409, "active_support")
    closed = ok(practitioner.post(f"{at}/close", {**outcomes, "confirm_active_support": True}), 201)
    assert closed["stage_after"] == "closed"

    # The record reads back as the journey left it.
    final = ok(practitioner.get(at))
    assert (final["stage"], final["is_open"], final["justice_outcome"]) == ("closed", False, "charged_bailed")
    assert [f["id"] for f in final["findings"]] == [finding["id"]]
    # Every write answered with the event it wrote; the timeline holds each of them, closing last.
    timeline = [e["id"] for e in ok(practitioner.get(f"{at}/events"))]
    written = [screening["event_id"], decided["id"], referral["event_id"], supported["event"]["id"]]
    written += [consent["event_id"], share["event_id"]]
    assert set(written) <= set(timeline) and timeline[-1] == closed["id"]
    assert ok(practitioner.get(f"/people/{person['id']}"))["episodes"][0]["stage"] == "closed"
