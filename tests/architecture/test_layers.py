"""The layers are a contract: `make lint` (import-linter) fails on an upward import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def run_lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script on our own tree
        [str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": str(LINT.parent)},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_the_code(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "liaison", tree / "liaison", ignore=shutil.ignore_patterns("__pycache__", "static"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_code_as_it_is_keeps_the_layers(tmp_path):
    result = run_lint(copy_of_the_code(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_pathway_importing_screening_breaks_the_contract(tmp_path):
    tree = copy_of_the_code(tmp_path)
    (tree / "liaison" / "pathway" / "upward.py").write_text("from liaison.screening import models  # noqa\n")
    result = run_lint(tree)
    assert result.returncode == 1
    assert "liaison.pathway is not allowed to import liaison.screening" in result.stdout
