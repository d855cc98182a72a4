"""The pre-commit hook other repositories use: what it runs and on which files."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "briefgen-check")


def test_hook_runs_briefgen_check_on_facts_yaml():
    h = hook()
    assert h["language"] == "python" and h["entry"].split()[:2] == ["briefgen", "check"]
    files = re.compile(h["files"])
    assert files.search("facts/csto.yaml") and files.search("course/facts/rio.yml")
    assert files.search("facts/comparisons/defence-clause.yaml")
    assert not files.search("templates/themes/default.yaml")
    assert not files.search("course.yaml")


def test_hook_command_passes_the_bundled_files_and_fails_a_broken_one(tmp_path):
    args = shlex.split(hook()["entry"])[1:]
    bundled = [str(p) for p in sorted((ROOT / "facts").rglob("*.yaml"))]
    ok = CliRunner().invoke(cli, [*args, *bundled])
    assert ok.exit_code == 0, ok.stderr
    broken = tmp_path / "facts" / "x.yaml"
    broken.parent.mkdir()
    broken.write_text("id: x\ntitle: TODO\n", encoding="utf-8")
    failed = CliRunner().invoke(cli, [*args, *bundled, str(broken)])
    assert failed.exit_code == 1 and f"{broken}:2: 'title' is not filled in yet" in failed.stderr
