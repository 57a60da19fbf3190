"""The data migration that keeps consents and shares recorded before ADR 0022 valid.

Its schema is today's for the columns it writes, so it runs here on rows made with today's
models and then set back to how older rows were stored."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

from django.apps import apps

from liaison.core.events import EVENTS
from liaison.sharing.models import Consent, InformationShare
from liaison.sharing.reports import report_of
from tests.sharing.conftest import TOLD, consent_to, screened, share

MIGRATION = importlib.import_module("liaison.sharing.migrations.0002_consent_in_law")


def test_an_old_override_gets_the_common_law_basis_its_kind_rests_on(network, case):
    s = share(
        network,
        case.episode,
        override_kind="safeguarding",
        override_reason="Risk to a child",
        override_approver=network.team_lead_a,
        **TOLD,
    )
    InformationShare.objects.filter(pk=s.pk).update(
        override_kind="legal_duty", confidentiality_basis="consent", caldicott_consulted=None, person_informed=None
    )
    MIGRATION.existing_rows_in_law(apps, None)
    s.refresh_from_db()
    assert s.confidentiality_basis == "required_by_law"


def test_an_old_under_16_consent_naming_a_guardian_reads_as_the_parental_route(network):
    young = screened(network, born=date.today() - timedelta(days=15 * 365))
    consent = consent_to(
        network,
        young.episode,
        child_route="parental",
        child_route_reason="x",
        guardian_name="Pat",
        guardian_relationship="Mother",
    )
    Consent.objects.filter(pk=consent.pk).update(child_route="", child_route_reason="")
    MIGRATION.existing_rows_in_law(apps, None)
    consent.refresh_from_db()
    assert consent.child_route == "parental" and "before the Gillick route" in consent.child_route_reason


def test_a_version_1_share_event_and_an_old_snapshot_still_read(network, case):
    consent_to(network, case.episode)
    s = share(network, case.episode)
    v1 = {k: v for k, v in s.event.data.items() if k in EVENTS.get("share:make").older[1].model.model_fields}
    assert EVENTS.get("share:make").read(v1, 1).confidentiality_basis == ""
    old = {k: v for k, v in s.snapshot.items() if k != "confidentiality"}
    rows = dict(next(sec for sec in report_of(old).sections if sec.heading == "Basis for sharing").rows)
    assert rows["Common-law duty of confidentiality"] == "Not recorded separately"
