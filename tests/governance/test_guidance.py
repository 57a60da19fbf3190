"""The guidance library: loaded whole from its file or not at all, versioned, superseded, and
linked to the standards criteria it supports (shown on the standards pages)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from liaison.core.errors import Conflict, Invalid
from liaison.governance.guidance import DEFAULT_FILE, guidance_for_criteria, load
from liaison.governance.models import GuidanceDocument
from liaison.standards.framework import load as load_framework
from liaison.standards.related import related_to


@pytest.fixture
def framework(db):
    return load_framework().framework


def _file(tmp_path: Path, documents: list[dict]) -> Path:
    path = tmp_path / "guidance.json"
    path.write_text(json.dumps({"source": "tests", "documents": documents}))
    return path


def _doc(**overrides) -> dict:
    return {
        "code": "boards",
        "version": 1,
        "title": "Boards",
        "published_on": "2020-01-01",
        "summary": "About boards",
        "body": "Text",
        "supports": {"framework": "ld-quality", "criteria": ["INT.1.2"]},
        **overrides,
    }


def test_the_shipped_library_loads_once_and_again_changes_nothing(framework):
    first = load()
    again = load()
    assert first.created == GuidanceDocument.objects.count() >= 8 and first.unchanged == 0
    assert again.created == 0 and again.unchanged == first.created


def test_a_new_version_supersedes_the_old_one(framework):
    load()
    old = GuidanceDocument.objects.get(code="partnership-boards", version=1)
    new = GuidanceDocument.objects.get(code="partnership-boards", version=2)
    assert old.superseded_by == new and new.current


def test_a_changed_file_under_a_loaded_version_is_refused(framework, tmp_path):
    load(_file(tmp_path, [_doc()]))
    with pytest.raises(Conflict):
        load(_file(tmp_path, [_doc(summary="Something else")]))


def test_a_criterion_no_framework_has_is_refused_and_nothing_is_written(framework, tmp_path):
    path = _file(
        tmp_path, [_doc(code="good"), _doc(code="bad", supports={"framework": "ld-quality", "criteria": ["NOPE.1"]})]
    )
    with pytest.raises(Invalid, match=r"NOPE\.1"):
        load(path)
    assert GuidanceDocument.objects.count() == 0


def test_a_document_without_body_or_link_is_not_guidance(framework, tmp_path):
    with pytest.raises(Invalid, match="body text or a link"):
        load(_file(tmp_path, [_doc(body="")]))


def test_the_standards_pages_lookup_finds_current_guidance_for_a_criterion(framework):
    load()
    links = related_to("ld-quality", ["INT.1.2", "COV.1.1"])
    assert [link.title for link in links["INT.1.2"]] == ["Running a local partnership board"]
    assert "version 2" in links["INT.1.2"][0].note
    assert "COV.1.1" not in links
    assert guidance_for_criteria("ld-quality", ["INT.1.2"]) == {"INT.1.2": links["INT.1.2"]}


def test_the_standards_framework_page_shows_the_guidance_beside_its_criterion(client, framework, network):
    load()
    client.force_login(network.commissioner)
    body = client.get(f"/standards/frameworks/{framework.pk}/").content.decode()
    assert "Running a local partnership board" in body and "/governance/guidance/partnership-boards/" in body


def test_the_command_loads_and_lists(framework):
    out = StringIO()
    call_command("guidance", "load", str(DEFAULT_FILE), stdout=out)
    call_command("guidance", "list", stdout=out)
    assert "Loaded" in out.getvalue() and "superseded by" in out.getvalue()
