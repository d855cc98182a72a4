"""``briefgen check --format json|github|sarif``: every problem with its file, line and code.

The SARIF log is validated against the official SARIF 2.1.0 JSON Schema
(tests/data/sarif, with its licence notice) by ``jsonschema``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator

from briefgen.authoring.diagnostics_format import to_github
from briefgen.cli import cli
from briefgen.errors import Problem
from briefgen.inputs.codes import CODES, RESERVED

ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = json.loads((ROOT / "tests/data/sarif/sarif-schema-2.1.0.json").read_text("utf-8"))
BROKEN = """\
id: Bad Id
title: T
as_of: soon
sources:
  - id: s1
    title: S
    url: https://example.org/s
facts:
  hq:
    valeu: X
    sources: [s2]
"""
FIELDS = {"file", "line", "column", "severity", "code", "rule", "message", "suggestion"}


def check(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


@pytest.fixture
def broken(tmp_path) -> Path:
    path = tmp_path / "broken facts.yaml"  # a space, to test escaping in URIs and annotations
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_json_lists_every_problem_with_the_documented_fields(broken):
    result = check(str(broken), "--format", "json")
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert all(set(r) == FIELDS for r in records)
    found = {(r["line"], r["code"]) for r in records}
    assert found == {(1, "BG123"), (3, "BG122"), (10, "BG121"), (11, "BG141")}
    typo = next(r for r in records if r["code"] == "BG121")
    assert typo["suggestion"] == "value" and typo["column"] == 5 and typo["severity"] == "error"
    assert all(r["file"] == str(broken) for r in records)


def test_json_of_clean_files_is_an_empty_list_and_exit_0(mini_facts):
    result = check(str(mini_facts), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_stale_facts_are_warnings_in_every_format(mini_facts):
    result = check(str(mini_facts), "--max-age", "1", "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records and {(r["severity"], r["code"]) for r in records} == {("warning", "BG150")}
    github = check(str(mini_facts), "--max-age", "1", "--format", "github").stdout
    assert github.startswith("::warning file=")


def test_github_prints_one_annotation_per_problem(broken):
    result = check(str(broken), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    assert lines[0] == (f"::error file={broken},line=1,col=1,title=BG123::'id': 'Bad Id' must be "
                        "lower-case letters, digits, '-', '_' or '.', starting with a letter or digit")
    assert any(re.match(r"::error file=.*,line=10,col=5,title=BG121::unknown key 'valeu'", x)
               for x in lines)


def test_github_escapes_newlines_percent_commas_and_colons():
    text = to_github([Problem("a,b:c.yaml", 2, "50% done\nnext line", code="BG130")])
    assert text == "::error file=a%2Cb%3Ac.yaml,line=2,title=BG130::50%25 done%0Anext line"


def test_sarif_validates_against_the_official_schema_and_carries_lines(broken, mini_facts):
    result = check(str(broken), str(mini_facts), "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    errors = sorted(Draft4Validator(SARIF_SCHEMA).iter_errors(log), key=str)
    assert not errors, errors[0].message
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    lines = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
             for r in run["results"]}
    assert lines == {("BG123", 1), ("BG122", 3), ("BG121", 10), ("BG141", 11)}
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"] and r["level"] == "error"
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == Path(broken).as_uri()  # absolute path: a file:// URI, space escaped
        assert " " not in uri


def test_sarif_of_a_clean_run_validates_too(mini_facts):
    log = json.loads(check(str(mini_facts), "--format", "sarif").stdout)
    assert list(Draft4Validator(SARIF_SCHEMA).iter_errors(log)) == []
    assert log["runs"][0]["results"] == []


def test_sarif_schema_is_the_official_one_with_its_notice():
    assert SARIF_SCHEMA["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    notice = (ROOT / "tests/data/sarif/NOTICE.md").read_text("utf-8")
    assert "OASIS" in notice and "sarif-schema-2.1.0.json" in notice


def test_a_bad_yaml_file_has_a_code_and_line_too(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: [t\ntitle: x\n", encoding="utf-8")
    records = json.loads(check(str(path), "--format", "json").stdout)
    assert [(r["line"], r["code"]) for r in records] == [(2, "BG006")]
    missing = json.loads(check(str(tmp_path / "nope.yaml"), "--format", "json").stdout)
    assert [(r["line"], r["code"]) for r in missing] == [(None, "BG001")]


def test_check_reads_the_kind_from_the_schema_line(tmp_path):
    theme = tmp_path / "t.yaml"
    theme.write_text("# yaml-language-server: $schema=schemas/theme.schema.json\naccent: blue\n",
                     encoding="utf-8")
    records = json.loads(check(str(theme), "--format", "json").stdout)
    assert [(r["line"], r["code"]) for r in records] == [(2, "BG323")]


def test_specs_and_manifests_without_a_schema_line_are_known_by_their_keys(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("title: T\nrows:\n  - label: A\n", encoding="utf-8")
    manifest = tmp_path / "m.yaml"
    manifest.write_text("jobs:\n  - facts: nowhere.yaml\n", encoding="utf-8")
    records = json.loads(check(str(spec), str(manifest), "--format", "json").stdout)
    assert [(r["line"], r["code"]) for r in records] == [(3, "BG440"), (2, "BG541")]


def test_text_format_is_unchanged(broken):
    result = check(str(broken))
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{broken}:10: unknown key 'valeu'; did you mean 'value'?" in result.stderr
    assert "1 of 1 file has problems" in result.stderr


def test_every_code_is_documented_named_and_outside_the_reserved_ranges():
    docs = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for code, (name, text) in CODES.items():
        assert f"`{code}`" in docs, f"{code} is not in docs/diagnostics.md"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) and text
        number = int(code[2:])
        assert not any(lo <= number <= hi for lo, hi, _ in RESERVED), code
    used = set()
    for path in (ROOT / "briefgen").rglob("*.py"):
        used |= set(re.findall(r"\"(BG\d{3})\"", path.read_text(encoding="utf-8")))
    assert used <= set(CODES), used - set(CODES)
