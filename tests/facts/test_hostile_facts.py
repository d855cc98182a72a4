"""Hostile facts files through the CLI: one located line per problem, exit 1, nothing written.

The unit tests in test_yamlread.py / test_facts.py check the reader and the
schema; these check what a user sees: ``briefgen brief bad.yaml`` prints
``file:line: message`` on stderr, no traceback, nothing on stdout, and the
output folder is never created.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hostile_cases import BAD_FACTS, BASE, TEMPLATE, YAML11
from pypdf import PdfReader

from briefgen.cli import cli
from briefgen.inputs.yamlfile import MAX_NODES


def brief(facts: Path, out: Path, *extra: str):
    return CliRunner().invoke(cli, ["brief", str(facts), "-o", str(out), *extra],
                              catch_exceptions=False)


def assert_refused(result, out: Path, *expected: str, lines: int | None = None):
    """Exit 1, the expected text on stderr, no traceback, no stdout, no output folder."""
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not out.exists(), "a refused input must not create outputs"
    if lines is not None:
        assert len(result.stderr.strip().splitlines()) == lines, result.stderr


@pytest.mark.parametrize("name", sorted(BAD_FACTS))
def test_bad_facts_file_is_refused_with_file_and_line(tmp_path, name):
    text, expected = BAD_FACTS[name]
    facts = tmp_path / f"{name}.yaml"
    facts.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = brief(facts, out)
    assert_refused(result, out, *(f"{facts}{e}" if e.startswith(":") else e for e in expected))


def test_several_problems_print_one_line_each_and_a_count(tmp_path):
    text = BASE.replace("2026-11-01", "soon").replace("title: Test", "titel: Test")
    facts = tmp_path / "many.yaml"
    facts.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = brief(facts, out)
    assert_refused(result, out, f"{facts}:2: unknown key 'titel'", f"{facts}:3: 'as_of'",
                   f"{facts}:1: 'title' is missing", f"3 problems in {facts}", lines=4)


def test_non_utf8_bytes_name_the_line(tmp_path):
    facts = tmp_path / "latin1.yaml"
    facts.write_bytes(BASE.replace("Test Organisation", "Caf\xe9").encode("latin-1"))
    out = tmp_path / "out"
    assert_refused(brief(facts, out), out, f"{facts}:2: not UTF-8 text (byte 0xe9)", lines=1)


def test_20_mb_file_is_refused_by_size_before_parsing(tmp_path, monkeypatch):
    facts = tmp_path / "huge.yaml"
    with facts.open("wb") as fh:
        fh.write(BASE.encode())
        fh.write(b"# " + b"x" * 20_000_000 + b"\n")
    out = tmp_path / "out"
    monkeypatch.setattr(yaml, "compose", _never_called)  # the parser never sees the text
    result = brief(facts, out)
    assert_refused(result, out, "MB; briefgen reads at most 2 MB", lines=1)


def _never_called(*args, **kwargs):
    raise AssertionError("the YAML parser ran on input that should have been refused first")


@pytest.mark.parametrize("shape", ["billion-laughs", "nested-aliases"])
def test_yaml_bomb_is_refused_after_a_bounded_number_of_nodes(tmp_path, shape, monkeypatch):
    if shape == "billion-laughs":
        lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    else:  # each level doubles through a mapping of aliases: 2**40 values
        lines = ["l0: &l0 {x: lol}"]
        lines += [f"l{i}: &l{i} {{a: *l{i - 1}, b: *l{i - 1}}}" for i in range(1, 41)]
    facts = tmp_path / "bomb.yaml"
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    built = _count_nodes_built(monkeypatch)
    result = brief(facts, out)
    assert_refused(result, out, "aliases expanding without end?); refused", lines=1)
    assert built["n"] <= MAX_NODES + 1  # the work is bounded by the node count, not by luck


def test_missing_file_is_an_input_error_not_a_traceback(tmp_path):
    out = tmp_path / "out"
    assert_refused(brief(tmp_path / "nope.yaml", out), out, "nope.yaml: no such file", lines=1)


def test_yaml_11_guesses_stay_text_and_dates_are_typed_only_where_the_schema_says(tmp_path):
    """``no`` prints as "no", not False; ``1992-05-15`` in a value is text; as_of is a date."""
    facts = tmp_path / "yaml11.yaml"
    facts.write_text(YAML11, encoding="utf-8")
    template = tmp_path / "show.md.j2"
    template.write_text(TEMPLATE, encoding="utf-8")
    out = tmp_path / "out"
    result = brief(facts, out, "-t", str(template), "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    text = "".join(PdfReader(out / "t-show.pdf").pages[0].extract_text().split())
    for shown in ("[name=no]", "[yes_word=yes]", "[on_word=on]", "[signed=1992-05-15]",
                  "[octal=010]", "[sexagesimal=1:20]", "[float=3.0]", "[tilde=~x]",
                  "[as_of=1992-05-15|1993]"):
        assert shown in text, (shown, text)


def _count_nodes_built(monkeypatch) -> dict:
    """Count the values the YAML reader builds (the bound a bomb must hit)."""
    from briefgen.inputs import yamlfile

    counter = {"n": 0}
    build = yamlfile._Builder.build

    def counted(self, node, loc, depth):
        counter["n"] += 1
        return build(self, node, loc, depth)

    monkeypatch.setattr(yamlfile._Builder, "build", counted)
    return counter
