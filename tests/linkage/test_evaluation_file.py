"""The evaluation linkage file: research-consented people only, keyed, audited, refused without a key."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from liaison.audit.models import AccessAction, AccessAudit
from liaison.core import clock
from liaison.linkage.evaluation import HEADER, KEY_ENV, pseudonym
from liaison.sharing.actions import ConsentDetails, consent_record, consent_withdraw
from tests import factories

KEY = "an evaluation key long enough to be a secret, for tests"


def research(episode, by, decision="given", **at):
    details = ConsentDetails(scope="research", decision=decision, method="verbal")
    return consent_record(by=by, episode=episode, details=details, **at)


@pytest.fixture
def register(network):
    """Four people in scheme A: consented to research (verified NHS number, PNC ID, postcode);
    consented with an unverified NHS number; refused; consented then withdrew."""
    by, site = network.practitioner_a, network.custody_a

    def met(**details):
        who = factories.person(by=by, scheme=network.scheme_a, date_of_birth=date(1990, 5, 17), **details)
        return factories.episode(by=by, site=site, who=who, occurred_at=clock.now() - timedelta(days=3))

    yes = met(nhs_number="9434765919", nhs_number_status="verified", pnc_id="12/0345678U", postcode="LS1 4AP", sex="1")
    unverified = met(nhs_number="9434765870", nhs_number_status="unverified")
    refused, withdrew = met(), met()
    research(yes, by)
    research(unverified, by)
    research(refused, by, decision="refused")
    consent_withdraw(by=by, consent=research(withdrew, by), note="Changed their mind")
    return yes, unverified


def export(network, tmp_path, *extra):
    out = tmp_path / "evaluation.csv"
    call_command(
        "linkage", "evaluation-file", "--by", network.analyst.username, "--output", str(out), *extra, stdout=StringIO()
    )
    return list(csv.DictReader(out.open()))


def test_the_file_holds_only_people_with_research_consent_in_force(network, register, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY)
    yes, unverified = register

    rows = export(network, tmp_path)

    assert {r["pseudonym"] for r in rows} == {pseudonym(KEY, yes.person.pk), pseudonym(KEY, unverified.person.pk)}
    assert len(rows) == 2
    first = next(r for r in rows if r["pseudonym"] == pseudonym(KEY, yes.person.pk))
    assert list(first) == HEADER
    assert first | {"pseudonym": ""} == {
        "pseudonym": "",
        "nhs_number": "9434765919",
        "pnc_id": "12/0345678U",
        "date_of_birth": "1990-05-17",
        "sex": "1",
        "postcode_district": "LS1",
        "index_date": yes.identified_at.date().isoformat(),
        "index_site": network.custody_a.code,
    }
    other = next(r for r in rows if r["pseudonym"] == pseudonym(KEY, unverified.person.pk))
    assert other["nhs_number"] == ""  # not verified: not given to the evaluation
    assert str(yes.person.pk) not in (tmp_path / "evaluation.csv").read_text()


def test_every_export_is_audited_with_who_the_rows_and_the_filter(network, register, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY)
    today = clock.now().date()

    export(network, tmp_path, "--from", (today - timedelta(days=30)).isoformat(), "--to", today.isoformat())

    (row,) = AccessAudit.objects.filter(action=AccessAction.EXPORT)
    assert row.user == network.analyst and row.channel == "cli"
    assert row.what.startswith("evaluation linkage file: 2 rows, index dates ")
    assert str(today) in row.what


def test_a_filter_leaves_out_people_first_met_outside_it(network, register, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY)

    assert export(network, tmp_path, "--to", "2000-01-01") == []


def test_without_the_evaluation_key_nothing_is_written_or_audited(network, register, tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)

    with pytest.raises(CommandError, match=KEY_ENV):
        export(network, tmp_path)
    assert not (tmp_path / "evaluation.csv").exists()
    assert not AccessAudit.objects.filter(action=AccessAction.EXPORT).exists()


def test_only_a_national_analyst_may_take_it(network, register, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY)
    out = tmp_path / "evaluation.csv"

    with pytest.raises(CommandError, match="national analysts"):
        call_command("linkage", "evaluation-file", "--by", network.team_lead_a.username, "--output", str(out))
    assert not out.exists()
