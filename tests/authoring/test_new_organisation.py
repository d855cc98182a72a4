"""A new organisation is first-class (issue 26): scaffolded from the spec, checked against it,
compared with NATO; and `check` in a course folder uses the folder's template overrides."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from clirun import run_cli as run

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "facts" / "comparisons" / "defence-clause.yaml"



def fill(text: str) -> str:
    """Fill a scaffold's TODOs as an author would (made-up facts, example.org sources)."""
    text = text.replace("id: TODO", "id: sco-charter", 1)
    text = re.sub(r"(\s+)url: TODO", r"\1url: https://example.org/sco", text)
    text = re.sub(r"(as_of|accessed): TODO", r"\1: 2026-11-01", text)
    text = text.replace("[TODO]", "[sco-charter]")
    n = iter(range(1000))
    return re.sub(r"\bTODO\b", lambda m: f"Made-up text {next(n)} for the test.", text)


def test_new_facts_from_the_spec_asks_for_every_cell_and_compares_with_nato(tmp_path):
    result = run("new", "facts", "sco", "--spec", SPEC, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "sco.yaml").read_text(encoding="utf-8")
    for key in ("cmp_trigger", "cmp_obligation", "cmp_use_of_force", "cmp_scope",
                "cmp_decision_rule", "cmp_un_reporting", "cmp_invocations", "cmp_membership",
                "cmp_withdrawal", "defence_clause"):
        assert re.search(rf"^  {key}:", text, re.M), key
    (tmp_path / "sco.yaml").write_text(fill(text), encoding="utf-8")
    checked = run("check", "sco.yaml", "--spec", SPEC, "--strict", cwd=tmp_path)
    assert checked.exit_code == 0, checked.stderr
    out = tmp_path / "out"
    compared = run("compare", tmp_path / "sco.yaml", "facts/nato.yaml", "-o", out, "--strict")
    assert compared.exit_code == 0, compared.stderr
    if shutil.which("pdftotext"):
        page = subprocess.run(["pdftotext", str(out / "sco-vs-nato.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Made-up text" in page and "not covered by the curated facts" not in page


def test_new_facts_for_the_comparison_template_is_not_empty(tmp_path):
    result = run("new", "facts", "sco", "--template", "comparison", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "sco.yaml").read_text(encoding="utf-8")
    assert "  cmp_trigger:" in text
    (tmp_path / "sco.yaml").write_text(fill(text), encoding="utf-8")
    assert run("check", "sco.yaml", "--strict", cwd=tmp_path).exit_code == 0
    # every fact the bundled spec needs is there: compared with NATO, no cell is a dash
    out = tmp_path / "out"
    compared = run("compare", tmp_path / "sco.yaml", "facts/nato.yaml", "-o", out, "--strict")
    assert compared.exit_code == 0, compared.stderr
    if shutil.which("pdftotext"):
        page = subprocess.run(["pdftotext", str(out / "sco-vs-nato.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Made-up text" in page and "not covered by the curated facts" not in page


def test_check_spec_names_each_missing_cell_with_the_spec_line(tmp_path):
    facts = ROOT / "tests" / "data" / "mini.yaml"
    result = run("check", facts, "--spec", SPEC)
    assert result.exit_code == 0
    line = next(i for i, t in enumerate(SPEC.read_text("utf-8").splitlines(), 1)
                if "label: Withdrawal" in t)
    assert re.search(rf"defence-clause\.yaml:{line}: .*row 'Withdrawal': .*mini\.yaml has no fact "
                     r"'cmp_withdrawal'", result.stderr), result.stderr
    assert run("check", facts, "--spec", SPEC, "--strict").exit_code == 1


def test_check_in_a_course_folder_uses_its_template_override(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief.md.j2").write_text(
        '{% extends "bundled/brief.md.j2" %}\n{% block critcisms %}x{% endblock %}\n', encoding="utf-8")
    shutil.copy(ROOT / "tests" / "data" / "mini.yaml", tmp_path / "mini.yaml")
    checked = run("check", "mini.yaml", cwd=tmp_path)
    assert checked.exit_code == 1
    assert "critcisms" in checked.stderr and "did you mean 'criticisms'?" in checked.stderr
    built = run("brief", "mini.yaml", "-o", tmp_path / "out", cwd=tmp_path)
    assert built.exit_code != 0  # brief refuses it the same way


@pytest.mark.parametrize("key", ["members"])
def test_scaffold_says_which_labels_print(tmp_path, key):
    result = run("new", "facts", "x", cwd=tmp_path)
    assert result.exit_code == 0
    text = (tmp_path / "x.yaml").read_text(encoding="utf-8")
    block = text[text.index(f"  # {key}:"):]
    assert "how the fact is named on the page" in block.splitlines()[1]
    summary = text[text.index("  summary:"):].splitlines()[1]
    assert "the bundled sheets do not print it" in summary
