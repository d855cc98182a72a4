"""YAML reading: strings only, line numbers, and refusal of hostile files."""

from __future__ import annotations

import pytest
import yaml

from briefgen.errors import InputError
from briefgen.inputs.yamlfile import MAX_NODES, load_yaml


def test_scalars_stay_text_so_the_schema_decides(write_yaml):
    doc = load_yaml(write_yaml("country: no\nsigned: 1992-05-15\ncount: 3\nempty:\n"))
    assert doc.data == {"country": "no", "signed": "1992-05-15", "count": "3", "empty": None}


def test_every_key_and_item_has_its_line(write_yaml):
    doc = load_yaml(write_yaml("a: 1\nlist:\n  - x\n  - y: 2\n"))
    assert doc.line_of(("a",)) == 1
    assert doc.line_of(("list", 1, "y")) == 4
    assert doc.line_of(("list", 1, "missing")) == 4  # falls back to the enclosing item


def test_duplicate_key_names_both_lines(write_yaml):
    with pytest.raises(InputError, match=r"facts.yaml:3: duplicate key 'a' \(first at line 1\)"):
        load_yaml(write_yaml("a: 1\nb: 2\na: 3\n"))


def test_syntax_error_names_the_line(write_yaml):
    with pytest.raises(InputError, match=r"facts.yaml:2: not valid YAML"):
        load_yaml(write_yaml("a: [1, 2\nb: 3\n"))


def test_empty_file(write_yaml):
    with pytest.raises(InputError, match="is empty"):
        load_yaml(write_yaml("  \n# only a comment\n"))


def test_non_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1.yaml:2: not UTF-8"):
        load_yaml(path)


def test_billion_laughs_is_refused_quickly(write_yaml):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    with pytest.raises(InputError, match=f"more than {MAX_NODES:,} values"):
        load_yaml(write_yaml("\n".join(lines) + "\n"))


def test_deep_nesting_is_refused(write_yaml):
    with pytest.raises(InputError, match="nest"):
        load_yaml(write_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n"))


def _never_called(*args, **kwargs):
    raise AssertionError("the YAML parser ran on input that should have been refused first")


def test_huge_file_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: '" + b"x" * 20_000_000 + b"'\n")
    monkeypatch.setattr(yaml, "compose", _never_called)
    with pytest.raises(InputError, match="20.0 MB; briefgen reads at most"):
        load_yaml(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_yaml(tmp_path / "nope.yaml")
