"""Structured reports to police, courts and probation, rendered from a share's snapshot alone.

The snapshot is taken when the share is made and holds exactly what was selected; nothing here
reads the live record, so a report always says what was shared, even after findings change.
Each recipient type has versioned wording: a share keeps the version it was made with, so an
old report reads as it did when it was sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from liaison.accounts.models import User
from liaison.core.vocabulary import FindingStatus
from liaison.organisations.models import PointOfContact
from liaison.pathway.models import Episode
from liaison.screening.models import Finding, FindingSource
from liaison.sharing.codes import (
    Agency,
    Channel,
    ChildRoute,
    ConfidentialityBasis,
    ConsentMethod,
    LawfulBasis6,
    LawfulBasis9,
    OverrideKind,
    PsychiatricReport,
    Purpose,
    ReportKind,
    Schedule1Condition,
    ShareBasis,
    TreatmentRequirement,
    YouthRequirement,
)
from liaison.sharing.models import Consent
from liaison.sharing.selectors import ReferralLine


@dataclass(frozen=True)
class ReportTemplate:
    kind: ReportKind
    version: int
    title: str
    intro: str
    needs: str = "Relevant needs and findings"
    engagement: str = "Engagement with services"
    recommendations: str = "Recommendations"


_INTRO = (
    "This report is from the NHS liaison and diversion (L&D) service. It contains only the "
    "information selected for this purpose. "
)
TEMPLATES: dict[tuple[str, int], ReportTemplate] = {
    (ReportKind.COURT, 1): ReportTemplate(
        ReportKind.COURT,
        1,
        "Liaison and diversion report to the court",
        _INTRO + "It is to help the court with decisions on bail, remand or sentence.",
        recommendations="Recommendations to the court",
    ),
    (ReportKind.POLICE, 1): ReportTemplate(
        ReportKind.POLICE,
        1,
        "Liaison and diversion report to police and prosecutors",
        _INTRO + "It is to help with decisions in custody, on charge and on out-of-court disposals.",
    ),
    (ReportKind.PROBATION, 1): ReportTemplate(
        ReportKind.PROBATION,
        1,
        "Liaison and diversion report to probation or the youth offending team",
        _INTRO + "It is to inform a pre-sentence report or supervision.",
        recommendations="Recommendations for the pre-sentence report",
    ),
    (ReportKind.GENERAL, 1): ReportTemplate(
        ReportKind.GENERAL, 1, "Liaison and diversion information sharing report", _INTRO.strip()
    ),
}
CURRENT_VERSION: dict[str, int] = {}
for _kind, _version in TEMPLATES:
    CURRENT_VERSION[_kind] = max(CURRENT_VERSION.get(_kind, 0), _version)


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _name(user: User | None) -> str:
    return str(user) if user is not None else ""


@dataclass(frozen=True)
class Selection:
    """What the practitioner chose to share."""

    findings: list[Finding]
    referrals: list[ReferralLine]
    summary: str
    treatment_requirements: list[str]
    psychiatric_report: str
    recommendations: str
    youth_requirements: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Recipient:
    agency: str
    agency_name: str
    name: str
    purpose: str


@dataclass(frozen=True)
class Lawful:
    """The UK GDPR pair (and Schedule 1 condition), and the common-law basis beside it."""

    article_6: str
    article_9: str
    schedule1_condition: str
    confidentiality: str


def _consent_basis(consent: Consent) -> dict[str, Any]:
    return {
        "kind": ShareBasis.CONSENT.value,
        "consent_id": str(consent.pk),
        "given_at": consent.given_at.isoformat(),
        "method": _label(ConsentMethod, consent.method),
        "recorded_by": _name(consent.recorded_by),
        "guardian": consent.guardian_name,
        "guardian_relationship": consent.guardian_relationship,
        "child_route": _label(ChildRoute, consent.child_route) if consent.child_route else "",
        "appropriate_adult": consent.appropriate_adult_name,
        "appropriate_adult_role": consent.appropriate_adult_role,
    }


def _override_basis(override: dict[str, Any], approver_role: str) -> dict[str, Any]:
    consulted_at = override.get("caldicott_consulted_at")
    return {
        "kind": ShareBasis.OVERRIDE.value,
        "override_kind": _label(OverrideKind, override.get("override_kind", "")),
        "reason": override.get("override_reason", ""),
        "statute": override.get("override_statute", ""),
        "approved_by": _name(override.get("override_approved_by")),
        "approver_title": approver_role,
        "caldicott_consulted": override.get("caldicott_consulted"),
        "caldicott_guardian": override.get("caldicott_guardian", ""),
        "caldicott_consulted_at": consulted_at.isoformat() if consulted_at else None,
        "caldicott_not_consulted_reason": override.get("caldicott_not_consulted_reason", ""),
        "person_informed": override.get("person_informed"),
        "person_not_informed_reason": override.get("person_not_informed_reason", ""),
    }


def snapshot(
    *,
    episode: Episode,
    selection: Selection,
    kind: ReportKind,
    recipient: Recipient,
    lawful: Lawful,
    channel: str,
    at: datetime,
    by: User,
    consent: Consent | None,
    override: dict[str, Any],
    approver_role: str,
    age: int | None,
    author_role: str = "",
    court: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The share's content as plain JSON, with labels as they read today."""
    person = episode.person
    scheme = episode.scheme
    basis = _consent_basis(consent) if consent is not None else _override_basis(override, approver_role)
    agency, purpose = recipient.agency, recipient.purpose
    return {
        "template": {"kind": kind.value, "version": CURRENT_VERSION[kind]},
        "person": {
            "name": person.full_name,
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
            "age_at_episode": age,
            "pnc_id": person.pnc_id,
        },
        "context": {
            "scheme": scheme.name,
            "provider": scheme.provider,
            "contact": {
                "phone": scheme.contact_phone,
                "email": scheme.contact_email,
                "address": scheme.contact_address,
            },
            "point_of_contact": _label(PointOfContact, episode.point_of_contact),
            "site": episode.site.name,
            "identified_at": episode.identified_at.isoformat(),
        },
        "court": {"case_number": "", "hearing_date": None, **(court or {})},
        "recipient": {
            "agency": agency,
            "agency_label": _label(Agency, agency),
            "agency_name": recipient.agency_name,
            "name": recipient.name,
            "purpose": purpose,
            "purpose_label": _label(Purpose, purpose),
        },
        "findings": [
            {
                "id": f.pk,
                "domain": f.domain,
                "domain_label": f.domain_label,
                "status_label": _label(FindingStatus, f.status),
                "source_label": _label(FindingSource, f.source),
                "note": f.note,
            }
            for f in selection.findings
        ],
        "referrals": [
            {
                "event_id": r.event.pk,
                "service": r.service,
                "reason": r.reason,
                "referred_at": r.event.occurred_at.isoformat(),
                "status_label": r.status_label,
            }
            for r in selection.referrals
        ],
        "summary": selection.summary,
        "recommendations": {
            "treatment_requirements": [_label(TreatmentRequirement, t) for t in selection.treatment_requirements],
            "youth_requirements": [_label(YouthRequirement, t) for t in selection.youth_requirements],
            "psychiatric_report": selection.psychiatric_report,
            "psychiatric_report_label": _label(PsychiatricReport, selection.psychiatric_report),
            "note": selection.recommendations,
        },
        "basis": basis,
        "lawful_basis": {
            "article_6": _label(LawfulBasis6, lawful.article_6),
            "article_9": _label(LawfulBasis9, lawful.article_9),
            "schedule1_condition": _label(Schedule1Condition, lawful.schedule1_condition),
        },
        # The common-law duty of confidentiality: recorded, and shown, apart from the GDPR basis.
        "confidentiality": {
            "basis": lawful.confidentiality,
            "label": _label(ConfidentialityBasis, lawful.confidentiality),
        },
        "shared": {"at": at.isoformat(), "channel": _label(Channel, channel)},
        "author": {"name": _name(by), "job_title": by.job_title, "role": author_role, "scheme": scheme.name},
    }


# ---- rendering


@dataclass
class Section:
    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    text: str = ""
    empty: str = ""


@dataclass
class Report:
    title: str
    intro: str
    template: str
    sections: list[Section]
    # The L&D service that sends it, for the report's NHS header: name, provider and contact lines.
    person: str = ""
    service: str = ""
    provider: str = ""
    contact: list[str] = field(default_factory=list)


def _when(value: Any) -> str:
    at = parse_datetime(str(value or ""))
    if at is None:
        return ""
    at = timezone.localtime(at)
    return f"{at.day} {at:%B %Y, %H:%M}"


def _day(value: Any) -> str:
    d = parse_date(str(value or ""))
    return f"{d.day} {d:%B %Y}" if d else "Not known"


def report_of(snap: dict[str, Any]) -> Report:
    """The report's sections, for the HTML page and the PDF alike."""
    t = snap.get("template", {})
    tpl = TEMPLATES.get((t.get("kind"), t.get("version"))) or TEMPLATES[(ReportKind.GENERAL, 1)]
    person, context, recipient = snap["person"], snap["context"], snap["recipient"]
    age = person.get("age_at_episode")
    court = snap.get("court") or {}
    sections = [
        Section(
            "Person and context",
            rows=[
                ("Name", person["name"]),
                ("Date of birth", _day(person.get("date_of_birth"))),
                ("Age when seen", str(age) if age is not None else "Not known"),
                ("PNC ID", person.get("pnc_id") or "Not known"),
                *([("Court case number", court["case_number"])] if court.get("case_number") else []),
                *([("Hearing date", _day(court["hearing_date"]))] if court.get("hearing_date") else []),
                ("Where L&D met them", f"{context['point_of_contact']}, {context['site']}"),
                ("Identified", _when(context["identified_at"])),
                ("L&D service", f"{context['scheme']} ({context['provider']})"),
            ],
        ),
        Section(
            "Shared with",
            rows=[
                ("Agency", recipient["agency_label"]),
                *([("Named agency", recipient["agency_name"])] if recipient.get("agency_name") else []),
                ("Recipient", recipient["name"]),
                ("Purpose", recipient["purpose_label"]),
                ("Shared", f"{_when(snap['shared']['at'])}, {snap['shared']['channel'].lower()}"),
            ],
        ),
        Section(
            tpl.needs,
            items=[
                f"{f['domain_label']}: {f['status_label'].lower()} (source: {f['source_label']})"
                + (f". {f['note']}" if f.get("note") else "")
                for f in snap["findings"]
            ],
            text=snap.get("summary", ""),
            empty="No findings were selected for this report.",
        ),
        Section(
            tpl.engagement,
            items=[
                f"Referred to {r['service']} on {_when(r['referred_at'])}"
                + (f". Progress: {r['status_label']}" if r.get("status_label") else "")
                + (f". Reason: {r['reason']}" if r.get("reason") else "")
                for r in snap["referrals"]
            ],
            empty="No referrals were selected for this report.",
        ),
        Section(tpl.recommendations, items=_recommendations(snap), empty="No recommendations were made."),
        Section("Basis for sharing", rows=_basis_rows(snap)),
        Section(
            "Author",
            rows=[
                ("Name", snap["author"]["name"]),
                *([("Role", role)] if (role := snap["author"].get("role") or snap["author"].get("job_title")) else []),
                ("Service", snap["author"]["scheme"]),
                *_contact_rows(context.get("contact") or {}),
            ],
        ),
    ]
    return Report(
        tpl.title,
        tpl.intro,
        f"{_label(ReportKind, tpl.kind)} report, template version {tpl.version}",
        sections,
        person=person["name"],
        service=context["scheme"],
        provider=context["provider"],
        contact=[value for _, value in _contact_rows(context.get("contact") or {})],
    )


def _contact_rows(contact: dict[str, str]) -> list[tuple[str, str]]:
    """How to reach the L&D service, as far as the scheme has said (older reports have none)."""
    labels = (("phone", "Telephone"), ("email", "Email"), ("address", "Address"))
    return [(label, contact[key]) for key, label in labels if contact.get(key)]


def with_article(noun: str) -> str:
    """'a drug rehabilitation requirement', 'an alcohol treatment requirement'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _recommendations(snap: dict[str, Any]) -> list[str]:
    rec = snap["recommendations"]
    items = [f"Referral made: {r['service']}" for r in snap["referrals"]]
    items += [f"Suitable for {with_article(t.lower())}" for t in rec["treatment_requirements"]]
    items += [f"Suitable for {with_article(t[0].lower() + t[1:])}" for t in rec.get("youth_requirements", [])]
    if rec.get("psychiatric_report") and rec["psychiatric_report"] != PsychiatricReport.NOT_STATED:
        items.append(rec["psychiatric_report_label"])
    if rec.get("note"):
        items.append(rec["note"])
    return items


def _consent_rows(basis: dict[str, Any]) -> list[tuple[str, str]]:
    rows = [
        ("Basis", "The person's consent"),
        ("Consent given", f"{_when(basis['given_at'])}, {basis['method'].lower()}"),
        ("Consent recorded by", basis["recorded_by"]),
    ]
    if basis.get("child_route"):
        rows.append(("Under 16", basis["child_route"]))
    if basis.get("guardian"):
        who = basis["guardian"] + (f" ({basis['guardian_relationship']})" if basis.get("guardian_relationship") else "")
        rows.append(("Parent or guardian involved", who))
    if basis.get("appropriate_adult"):
        role = f" ({basis['appropriate_adult_role']})" if basis.get("appropriate_adult_role") else ""
        rows.append(("Appropriate adult", basis["appropriate_adult"] + role))
    return rows


def _yes_no(value: Any, yes: str, no: str, missing: str = "Not recorded") -> str:
    return missing if value is None else (yes if value else no)


def _override_rows(basis: dict[str, Any]) -> list[tuple[str, str]]:
    rows = [("Basis", f"Shared without consent: {basis['override_kind'].lower()}")]
    if basis.get("statute"):
        rows.append(("Statute", basis["statute"]))
    rows += [
        ("Reason", basis["reason"]),
        ("Approved by", basis["approved_by"] + (f", {basis['approver_title']}" if basis.get("approver_title") else "")),
    ]
    # Overrides shared before these were asked have no such keys: they read "Not recorded".
    consulted = basis.get("caldicott_consulted")
    guardian = f"Yes: {basis.get('caldicott_guardian', '')}, {_when(basis.get('caldicott_consulted_at'))}"
    rows.append(
        (
            "Caldicott Guardian consulted",
            _yes_no(consulted, guardian, f"No: {basis.get('caldicott_not_consulted_reason', '')}"),
        )
    )
    told = basis.get("person_informed")
    rows.append(("Person told", _yes_no(told, "Yes", f"No: {basis.get('person_not_informed_reason', '')}")))
    return rows


def _basis_rows(snap: dict[str, Any]) -> list[tuple[str, str]]:
    """The basis, the UK GDPR pair and, apart from it, the common-law confidentiality basis."""
    basis = snap["basis"]
    lawful = snap["lawful_basis"]
    rows = _consent_rows(basis) if basis["kind"] == ShareBasis.CONSENT else _override_rows(basis)
    rows += [("UK GDPR Article 6", lawful["article_6"]), ("UK GDPR Article 9", lawful["article_9"])]
    if lawful.get("schedule1_condition"):
        rows.append(("Data Protection Act 2018", lawful["schedule1_condition"]))
    confidentiality = snap.get("confidentiality", {}).get("label") or "Not recorded separately"
    return [*rows, ("Common-law duty of confidentiality", confidentiality)]


def withdrawal_notice(consent: Consent | None) -> str:
    """Shown on the report wherever the consent it relied on has since been withdrawn."""
    if consent is None or consent.withdrawn_at is None:
        return ""
    at = timezone.localtime(consent.withdrawn_at)
    return (
        f"Consent for this share was withdrawn on {at.day} {at:%B %Y, %H:%M} (recorded by {consent.withdrawn_by}). "
        "Do not share this information again on the basis of that consent."
    )
