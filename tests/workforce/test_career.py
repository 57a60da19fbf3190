"""The career and competency framework loads from its file: whole or not at all, once per version."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.core.errors import Conflict, Invalid
from liaison.workforce.career import DEFAULT_FILE, load
from liaison.workforce.models import CareerFramework, RoleProfile


def test_the_shipped_framework_has_role_profiles_at_levels_2_to_8_with_peer_roles(db):
    framework = load().framework
    roles = list(framework.roles.all())
    assert {r.level for r in roles} == set(range(2, 9))
    assert len(roles) == 9
    peers = [r for r in roles if r.lived_experience]
    assert peers and all(r.group == "peer_support" for r in peers)
    assert all(r.competencies.exists() for r in roles)
    assert "paraphrased" in framework.note.lower()


def test_loading_the_same_version_again_changes_nothing(db):
    first = load()
    again = load()
    assert first.created and not again.created
    assert CareerFramework.objects.count() == 1


def test_a_changed_file_under_a_loaded_version_is_refused(db, tmp_path: Path):
    load()
    raw = json.loads(DEFAULT_FILE.read_text())
    raw["roles"][0]["title"] = "Assistant"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(raw))
    with pytest.raises(Conflict, match="next version"):
        load(changed)
    raw["version"] = 2
    changed.write_text(json.dumps(raw))
    assert load(changed).created
    assert RoleProfile.objects.filter(title="Assistant").count() == 1


def test_a_role_naming_an_unknown_competency_loads_nothing(db, tmp_path: Path):
    raw = json.loads(DEFAULT_FILE.read_text())
    raw["roles"][0]["competencies"].append("NOPE")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(raw))
    with pytest.raises(Invalid, match="unknown competencies NOPE"):
        load(broken)
    assert not CareerFramework.objects.exists()


def test_the_command_loads_and_lists_and_says_what_is_wrong(db, tmp_path: Path):
    out = StringIO()
    call_command("workforce", "load", stdout=out)
    call_command("workforce", "list", stdout=out)
    assert "Loaded ld-career version 1 (9 role profiles)" in out.getvalue()
    assert "ld-career v1" in out.getvalue()
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(CommandError, match="is not JSON"):
        call_command("workforce", "load", str(bad))
