"""The bundled Questionnaires: valid FHIR R4, one file per version, licence metadata, and the
questions and answer codes each scorer reads."""

from __future__ import annotations

import itertools
import json

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from liaison.screening.instruments.catalogue import CODES, FOLDER, bundled, bundled_files
from liaison.screening.instruments.definition import QUESTIONNAIRE_BASE, DefinitionError, Licence, parse
from liaison.screening.scorers import BANDS, SCORED_ITEMS

FILES = sorted(FOLDER.glob("*.json"))
SCORED = ("bjmhs", "phq9", "gad7", "audit", "auditc", "dast10", "helps")
LICENSED = ("ldsq", "hasi", "aq10", "chat")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_bundled_file_is_a_valid_fhir_r4_questionnaire(path):
    resource = json.loads(path.read_text(encoding="utf-8"))
    Questionnaire.model_validate(resource)
    code, version = path.stem.rsplit("-", 1)
    assert resource["url"] == f"{QUESTIONNAIRE_BASE}{code}"
    assert resource["version"] == version
    assert resource["title"] and resource["status"]


def test_every_instrument_has_a_bundled_file():
    assert all(bundled_files(c) for c in CODES)
    assert {p.stem.rsplit("-", 1)[0] for p in FILES} == set(CODES)


@pytest.mark.parametrize("code", [*SCORED, "ld-core"])
def test_scored_instruments_carry_their_questions_and_scorer_link_ids(code):
    definition = bundled(code)
    assert definition.has_items
    asked = {it.link_id for it in definition.answerable()}
    assert set(SCORED_ITEMS[code]) <= asked


@pytest.mark.parametrize("code", LICENSED)
def test_licensed_instruments_are_bundled_without_any_question(code):
    definition = bundled(code)
    assert definition.licence == Licence.LICENCE_REQUIRED
    assert not definition.has_items
    assert "item" not in definition.resource


@pytest.mark.parametrize(
    ("code", "licence"),
    [
        ("phq9", Licence.PUBLIC_DOMAIN),
        ("audit", Licence.FREE_WITH_CONDITIONS),
        ("dast10", Licence.FREE_WITH_CONDITIONS),
    ],
)
def test_licence_status_and_its_condition_are_in_the_questionnaire(code, licence):
    definition = bundled(code)
    assert definition.licence == licence
    assert definition.notice


def test_dast10_carries_the_authors_credit_and_audit_that_it_is_not_for_sale():
    assert "Skinner" in bundled("dast10").notice and "non-commercial" in bundled("dast10").notice
    assert "must not be sold" in bundled("audit").notice


@pytest.mark.parametrize(("code", "first", "last"), [("phq9", "Not at all", "Nearly every day"),
                                                     ("audit", "Never", "4 or more times per week")])  # fmt: skip
def test_answer_options_keep_the_printed_order(code, first, last):
    item = bundled(code).item("1")
    assert (item.options[0].display, item.options[-1].display) == (first, last)


def test_answer_codes_are_the_points_the_official_form_gives():
    audit = bundled("audit")
    assert audit.item("1").codes == ("0", "1", "2", "3", "4")
    assert audit.item("9").codes == audit.item("10").codes == ("0", "2", "4")
    assert bundled("phq9").item("9").codes == ("0", "1", "2", "3")


def test_bands_cover_each_range_without_gaps():
    for code, bands in BANDS.items():
        if code == "bjmhs":
            continue  # its band is the referral rule, not a range of the total
        edges = [(b.low, b.high) for b in bands]
        assert edges[0][0] == 0
        assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(edges)), code


def test_the_core_screen_asks_the_young_persons_questions_only_at_10_to_17():
    core = bundled("ld-core")
    young = {it.link_id for it in core.answerable(age_band="10-17")}
    adult = {it.link_id for it in core.answerable(age_band="25-34")}
    assert {"cyp.guardian", "cyp.safeguarding", "cyp.school", "cyp.yot"} <= young - adult


def test_the_core_screen_never_asks_for_a_risk_score():
    core = bundled("ld-core")
    for link_id in ("risk.self", "risk.others", "risk.from_others"):
        assert core.item(link_id).type == "text"


def test_a_questionnaire_for_another_instrument_is_refused():
    resource = json.loads(bundled_files("phq9")[-1].read_text())
    with pytest.raises(DefinitionError, match="not 'gad7'"):
        parse(resource, code="gad7")


def test_unsupported_item_types_are_refused_with_every_reason():
    resource = json.loads(bundled_files("phq9")[-1].read_text())
    resource["item"][0]["item"][0]["type"] = "attachment"
    resource["item"][0]["item"][2]["linkId"] = "2"
    with pytest.raises(DefinitionError) as refused:
        parse(resource, code="phq9")
    assert any("attachment" in p for p in refused.value.problems)
    assert any("more than once" in p for p in refused.value.problems)


@pytest.mark.parametrize("code", ["audit", "auditc"])
def test_audit_question_2s_lowest_option_reads_0_to_2_as_on_the_uk_form(code):
    assert bundled(code).item("2").options[0].display == "0 to 2"


@pytest.mark.parametrize("code", ["audit", "auditc", "helps", "ld-core"])
def test_a_changed_instrument_is_a_new_version_beside_the_one_earlier_responses_name(code):
    versions = [p.stem.rsplit("-", 1)[1] for p in bundled_files(code)]
    assert versions == ["1.0.0", "1.1.0"]
    assert bundled(code).version == "1.1.0"


def test_the_helps_instrument_documents_both_positive_rules_and_the_setting():
    description = bundled("helps").description
    assert "LIAISON_HELPS_RULE" in description
    assert "two or more yes answers (two-or-more, the default)" in description
    assert "three-part rule (three-part)" in description


def test_the_core_screen_no_longer_asks_about_young_person_or_woman_in_custody():
    asked = {it.link_id for it in bundled("ld-core").walk()}
    assert not {"domain.young_person", "domain.woman"} & asked


def test_a_questionnaire_with_an_extension_value_only_r4b_has_is_refused_as_not_r4():
    resource = json.loads(bundled_files("phq9")[-1].read_text())
    resource["extension"].append({"url": "https://example.org/x", "valueCodeableReference": {"concept": {"text": "a"}}})
    with pytest.raises(DefinitionError, match="not a valid FHIR R4 Questionnaire"):
        parse(resource, code="phq9")
