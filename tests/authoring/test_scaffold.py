"""``briefgen new``: scaffolds an author fills in, and ``check`` listing every blank left."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator
from pypdf import PdfReader
from yaml12 import load_yaml12

from briefgen.authoring.scaffold import template_fact_reads
from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FILLERS = {"id": "rio-treaty", "url": "https://example.org/rio", "accessed": "2026-01-15",
           "as_of": "2026-01-15", "joined": "1948-12-03", "date": "1962-10-23"}


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def todo_values(text: str) -> int:
    """TODO markers written as values (not in comments), counted independently of briefgen."""
    return sum(line.split("#")[0].count("TODO") for line in text.splitlines()
               if not line.lstrip().startswith("#"))


def fill(text: str) -> str:
    """Replace every TODO value the way an author would: real-looking text, dates, ids."""
    def value(match: re.Match) -> str:
        key = match.group(2)
        return match.group(1) + FILLERS.get(key, f"Rio example {key.replace('_', ' ')}")

    text = re.sub(r"^(\s*(?:- )?(\w+): )TODO", value, text, flags=re.M)
    return text.replace("[TODO]", "[rio-treaty]")


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_brief_template_reads_the_documented_facts():
    reads = {r.key: r for r in template_fact_reads("brief.md.j2", [ROOT / "templates"])}
    required = {k for k, r in reads.items() if r.required}
    assert required == {"name", "summary"}  # a file without a defence clause builds a brief
    assert {"members", "headquarters", "invocations", "criticisms"} <= set(reads) - required
    assert reads["members"].items and reads["members"].fields[:2] == ["name", "joined"]
    assert not reads["summary"].items


def test_new_facts_unfilled_fails_check_with_one_line_per_todo(here):
    result = run("new", "facts", "rio-2")
    assert result.exit_code == 0, result.stderr
    path = here / "rio-2.yaml"
    assert result.stdout.split() == [str(Path("rio-2.yaml")), str(here / "schemas" / "facts.schema.json")]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/facts.schema.json\n")
    checked = run("check", "rio-2.yaml")
    assert checked.exit_code == 1
    lines = checked.stderr.strip().splitlines()
    assert lines[-1] == "briefgen: 1 of 1 file has problems"
    problems = lines[:-1]
    assert len(problems) == todo_values(text) > 10
    assert all(re.match(r"rio-2\.yaml:\d+: '[\w.]+' is not filled in yet \(TODO\)$", p) for p in problems)
    numbers = [int(p.split(":")[1]) for p in problems]
    assert all("TODO" in text.splitlines()[n - 1] for n in numbers)  # each names its own line


def test_new_facts_filled_in_checks_clean_and_builds_a_one_page_brief(here):
    run("new", "facts", "rio-2")
    path = here / "rio-2.yaml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    checked = run("check", "rio-2.yaml")
    assert checked.exit_code == 0, checked.stderr
    built = run("brief", "rio-2.yaml", "-f", "pdf", "-o", "out")
    assert built.exit_code == 0, built.stderr
    reader = PdfReader(here / "out" / "rio-2-brief.pdf")
    assert len(reader.pages) == 1
    assert "Rio example value" in reader.pages[0].extract_text()
    schema = json.loads((here / "schemas" / "facts.schema.json").read_text(encoding="utf-8"))
    assert list(Draft7Validator(schema).iter_errors(load_yaml12(path.read_text("utf-8")))) == []


def test_new_never_overwrites(here):
    (here / "rio-2.yaml").write_text("mine\n", encoding="utf-8")
    result = run("new", "facts", "rio-2")
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert (here / "rio-2.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not list(here.glob(".rio-2.yaml.*"))  # no temporary file left behind


def test_new_facts_uses_a_course_template_and_the_course_schemas(here):
    assert run("init", "course").exit_code == 0
    (here / "course" / "templates" / "motto.md.j2").write_text(
        '{% extends "bundled/brief.md.j2" %}{% block criticisms %}{{ facts.motto }}'
        '{% endblock %}', encoding="utf-8")
    result = run("new", "facts", "rio-2", "-t", "motto", "--templates", "course/templates",
                 "-o", "course/facts/rio-2.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["course/facts/rio-2.yaml"]  # the course's schemas are used
    text = (here / "course" / "facts" / "rio-2.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/facts.schema.json\n")
    assert re.search(r"^  motto: ", text, re.M) and re.search(r"^  summary: ", text, re.M)


def test_new_facts_refuses_a_bad_id(here):
    result = run("new", "facts", "Rio Treaty")
    assert result.exit_code == 1 and "cannot be a facts id" in result.stderr
    assert not list(here.iterdir())


def test_new_theme_has_one_todo_and_then_loads_as_the_default_look(here):
    result = run("new", "theme", "course")
    assert result.exit_code == 0, result.stderr
    path = here / "course.theme.yaml"
    checked = run("check", str(path))
    assert checked.exit_code == 1
    assert "course.theme.yaml:5: 'description' is not filled in yet (TODO)" in checked.stderr
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert run("check", str(path)).exit_code == 0
    from briefgen.theme.loader import load_theme
    from briefgen.theme.model import DEFAULT_THEME

    theme, size = load_theme(path)
    assert theme == DEFAULT_THEME and size == "a4"


def test_new_spec_rows_are_the_facts_both_files_share(here):
    result = run("new", "spec", "csto", "nato")
    assert result.exit_code == 0, result.stderr
    path = here / "csto-vs-nato.spec.yaml"
    checked = run("check", str(path))
    assert checked.exit_code == 1 and checked.stderr.count("not filled in yet") == 2
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert run("check", str(path)).exit_code == 0
    from briefgen.comparison.spec import check_spec, load_spec
    from briefgen.facts import load_facts

    loaded = load_spec(path)
    files = [load_facts(ROOT / "facts" / "csto.yaml"), load_facts(ROOT / "facts" / "nato.yaml")]
    assert check_spec(loaded, files) == []
    assert {"cmp_trigger", "defence_clause"} <= {row.fact for row in loaded.spec.rows}


def test_schema_command_prints_or_writes_the_shipped_schema(here):
    shipped = (ROOT / "schemas" / "spec.schema.json").read_text(encoding="utf-8")
    assert run("schema", "spec").stdout == shipped
    result = run("schema", "spec", "-o", "out/spec.json")
    assert result.exit_code == 0
    assert (here / "out" / "spec.json").read_text(encoding="utf-8") == shipped
    assert run("schema", "poster").exit_code == 2
