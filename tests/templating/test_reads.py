"""What a template reads, found in its source: required and optional facts, item fields,
blocks, through macros, imports, includes and extends."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.facts.slips import near_miss
from briefgen.templating.reads import analyse_template


@pytest.fixture
def reads(tmp_path):
    def _reads(text: str, **others: str):
        for name, body in others.items():
            (tmp_path / f"{name}.md.j2").write_text(body, encoding="utf-8")
        (tmp_path / "t.md.j2").write_text(text, encoding="utf-8")
        return analyse_template("t.md.j2", [tmp_path])
    return _reads


def test_attribute_item_get_and_guards(reads):
    r = reads('{{ facts.a }}\n{{ facts["b"].value }}\n{% if "c" in facts %}{{ facts.c }}{% endif %}\n'
              '{{ facts.get("d") }}\n{{ facts.e.value if "e" in facts else "" }}\n'
              '{% if facts.f is defined %}{{ facts.f }}{% endif %}\n')
    required = r.required()
    assert set(required) == {"a", "b"}
    assert required["b"].line == 2
    assert r.used_keys() == {"a", "b", "c", "d", "e", "f"}


def test_a_value_from_get_guards_its_own_reads(reads):
    r = reads('{% set x = facts.get("former") %}{% if x %}{% for m in x.items %}{{ m.left }}'
              '{% endfor %}{% endif %}')
    assert r.required() == {}
    assert set(r.item_fields()["former"]) == {"left"}


def test_macros_with_constant_keys_and_item_loops(reads):
    r = reads('{% macro line(key) %}{% if key in facts %}{{ facts[key] }}{% endif %}{% endmacro %}'
              '{% macro names(f) %}{% for m in f.items[:3] %}{{ m.name }}{{ m.joined }}{% endfor %}'
              '{% endmacro %}{{ line("hq") }}{{ names(facts.members) }}'
              '{% for k in ["p", "q"] %}{{ facts[k] }}{% endfor %}')
    assert set(r.required()) == {"members", "p", "q"}
    assert "hq" in r.used_keys() and "hq" not in r.required()
    assert set(r.item_fields()["members"]) == {"name", "joined"}


def test_import_include_and_computed_keys(reads):
    r = reads('{% import "lib.md.j2" as lib %}{% from "lib.md.j2" import show %}'
              '{{ lib.show(facts.x) }}{% include "part.md.j2" %}',
              lib="{% macro show(f) %}{% for i in f %}{{ i.outcome or i.text }}{% endfor %}"
                  "{% endmacro %}",
              part="{{ facts.from_include }}")
    assert set(r.required()) == {"x", "from_include"}
    assert r.required()["from_include"].file.endswith("part.md.j2")
    assert r.stands_in("x", "outcome") == {"text"}
    assert not r.any_fact
    assert reads("{% for k in facts.keys() %}{{ facts[k] }}{% endfor %}").any_fact


def test_extends_uses_the_overriding_block_and_super(reads):
    r = reads('{% extends "base.md.j2" %}{% block a %}{{ facts.child }}{{ super() }}{% endblock %}',
              base="{% block a %}{{ facts.parent }}{% endblock %}{% block b %}{{ facts.b }}"
                   "{% endblock %}")
    assert set(r.required()) == {"child", "parent", "b"}
    assert r.problems == []


def test_an_unknown_block_in_an_override_is_a_problem(reads):
    r = reads('{% extends "base.md.j2" %}\n{% block critcisms %}x{% endblock %}',
              base="{% block criticisms %}{% endblock %}{% block title %}{% endblock %}")
    [problem] = r.problems
    assert problem.line == 2 and problem.code == "BG104"
    assert "did you mean 'criticisms'?" in problem.message


def test_the_bundled_brief_reads_what_the_docs_say():
    from briefgen.bundled import templates_dir

    r = analyse_template("brief.md.j2", [templates_dir()])
    assert set(r.required()) == {"name", "summary"}  # a file without a defence clause builds too
    assert {"joined", "name"} <= set(r.item_fields()["members"])


def test_doc_lists_what_the_bundled_templates_need():
    from briefgen.facts.slips import bundled_reads, needs_markdown

    doc = (Path(__file__).resolve().parents[2] / "docs/facts-format.md").read_text("utf-8")
    section = doc.split("<!-- template-needs:start -->\n")[1].split("<!-- template-needs:end -->")[0]
    assert section == needs_markdown(bundled_reads()), "run python scripts/template_needs.py"


@pytest.mark.parametrize(("word", "choices", "expected"), [
    ("headquarter", ["headquarters"], "headquarters"),
    ("joinde", ["joined", "name"], "joined"),
    ("defence_clause_ru", ["defence_clause"], None),
    ("forces", ["former_members"], None),
    ("Name", ["name"], "name"),
])
def test_near_miss(word, choices, expected):
    assert near_miss(word, choices) == expected


def test_a_missing_include_is_a_problem_with_its_line(reads):
    r = reads('# T\n{% include "nope.md.j2" %}\n{% include "gone.md.j2" ignore missing %}\n')
    [problem] = r.problems
    assert (problem.line, problem.code) == (2, "BG111")
    assert "template 'nope.md.j2' not found" in problem.message


def test_recursive_macros_and_includes_end(reads):
    r = reads('{% macro a() %}{{ a() }}{{ facts.x }}{% endmacro %}{{ a() }}'
              '{% include "t.md.j2" %}')
    assert set(r.required()) == {"x"}
