"""`liaison instruments export CODE` prints the Questionnaire; `list` the instruments."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from fhir.resources.R4B.questionnaire import Questionnaire


def test_export_prints_the_current_questionnaire_as_json(db):
    out = StringIO()
    call_command("instruments", "export", "gad7", stdout=out)
    resource = json.loads(out.getvalue())
    Questionnaire.model_validate(resource)
    assert resource["url"].endswith("/Questionnaire/gad7")


def test_export_refuses_an_unknown_code(db):
    with pytest.raises(CommandError, match="no instrument"):
        call_command("instruments", "export", "nope")


def test_list_names_every_instrument_with_its_licence(db):
    out = StringIO()
    call_command("instruments", "list", stdout=out)
    assert "ldsq" in out.getvalue() and "licence-required" in out.getvalue()
    assert len(out.getvalue().splitlines()) == 12
