"""The framework is loaded from its file: whole or not at all, the same version once, a new
version beside the old ones."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.core.errors import Conflict, Invalid
from liaison.standards.framework import DEFAULT_FILE, load
from liaison.standards.models import Criterion, Framework, Method


def _shipped_with(tmp_path, change):
    """The shipped file with one change made, written beside the test."""
    data = json.loads(DEFAULT_FILE.read_text())
    change(data)
    path = tmp_path / "framework.json"
    path.write_text(json.dumps(data))
    return path


def test_the_shipped_framework_follows_the_specification_nice_and_the_peer_support_model(db):
    f = load().framework
    titles = [d.title for d in f.domains.order_by("order")]
    assert titles[0] == "Coverage"
    assert any("NICE QS163" in t for t in titles)
    assert any("Peer support" in t for t in titles)
    methods = set(Criterion.objects.filter(framework=f).values_list("method", flat=True))
    assert methods == {Method.MEASURED, Method.SELF_ASSESSED}


def test_every_measured_criterion_names_its_measure_and_no_self_assessed_one_does(db):
    for c in Criterion.objects.filter(framework=load().framework):
        assert bool(c.measure) == c.measured, c.code


def test_loading_the_same_version_again_changes_nothing(db):
    first = load()
    again = load()
    assert first.created and not again.created
    assert Framework.objects.count() == 1 and again.framework.pk == first.framework.pk


def test_a_changed_file_under_a_loaded_version_is_refused(db, tmp_path):
    load()
    changed = _shipped_with(tmp_path, lambda d: d["domains"][0].update(title="Coverage, rewritten"))
    with pytest.raises(Conflict, match="give the file the next version"):
        load(changed)


def test_a_new_version_is_a_new_framework_and_the_old_one_stays(db, tmp_path):
    old = load().framework
    new = load(_shipped_with(tmp_path, lambda d: d.update(version=2))).framework
    assert {f.version for f in Framework.objects.all()} == {1, 2}
    assert Criterion.objects.filter(framework=old).count() == Criterion.objects.filter(framework=new).count()


def test_a_bad_file_is_refused_naming_the_problem_and_nothing_is_written(db, tmp_path):
    bad = _shipped_with(tmp_path, lambda d: d["domains"][0]["standards"][0]["criteria"][0].update(method="guessed"))
    with pytest.raises(Invalid, match="method"):
        load(bad)
    assert not Framework.objects.exists()


def test_a_measured_criterion_without_its_measure_is_refused(db, tmp_path):
    bad = _shipped_with(tmp_path, lambda d: d["domains"][0]["standards"][0]["criteria"][0].update(method="measured"))
    with pytest.raises(Invalid, match="names its measure"):
        load(bad)


def test_the_command_loads_and_lists_and_says_which_measures_do_not_exist_yet(db):
    out = StringIO()
    call_command("standards", "load", stdout=out)
    assert "Loaded ld-quality version 1" in out.getvalue()
    assert "feedback_responses" in out.getvalue()
    out = StringIO()
    call_command("standards", "load", stdout=out)
    assert "Already loaded, unchanged" in out.getvalue()
    out = StringIO()
    call_command("standards", "list", stdout=out)
    assert "ld-quality v1" in out.getvalue()


def test_the_command_refuses_a_file_that_is_not_json_with_a_clear_error(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="is not JSON"):
        call_command("standards", "load", str(bad))
