"""The JSON Schemas for editors: shipped, generated from the models, and in agreement with them.

An independent validator (``jsonschema``) and briefgen's own give the same
verdict on every schema-level problem of a corpus of valid and broken files;
problems a schema cannot see (a cited source that is not listed, a YAML syntax
error the editor's parser reports itself) are left out of the comparison.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hostile_cases import BAD_FACTS, BASE, YAML11
from jsonschema import Draft7Validator, FormatChecker
from yaml12 import load_yaml12

from briefgen.authoring.check import check_file
from briefgen.authoring.jsonschemas import KINDS, schema_dir, schema_text
from briefgen.inputs.codes import is_schema_level

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def validator(kind: str) -> Draft7Validator:
    """The shipped schema of ``kind`` with format checking (dates), as an editor applies it."""
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=FormatChecker())


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_what_the_models_generate(kind):
    shipped = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(kind), (
        f"schemas/{kind}.schema.json is out of date: run `python -m briefgen.authoring.jsonschemas`")
    Draft7Validator.check_schema(json.loads(shipped))


def test_the_package_finds_the_shipped_schemas():
    assert sorted(p.name for p in schema_dir().glob("*.schema.json")) == sorted(
        f"{k}.schema.json" for k in KINDS)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"briefgen.schemas" = "schemas"' in pyproject
    assert '"briefgen.schemas" = ["*.schema.json"]' in pyproject


def test_field_descriptions_become_hover_text():
    facts = json.loads(schema_text("facts"))
    assert "as-of" not in facts["properties"]["as_of"]["description"]
    assert "YYYY-MM-DD" in facts["properties"]["as_of"]["description"]
    fact = facts["definitions"]["Fact"]["properties"]
    assert all(p.get("description") for p in fact.values())
    known = facts["properties"]["facts"]["properties"]  # completion of the brief's fact keys
    assert "needed by the brief" in known["summary"]["description"]
    assert "a list" in known["members"]["description"]
    theme = json.loads(schema_text("theme"))
    assert "#RRGGBB" in theme["properties"]["accent"]["description"]
    assert theme["properties"]["accent"]["anyOf"][0]["pattern"] == "^#[0-9A-Fa-f]{6}$"


BUNDLED = {
    "facts": sorted((ROOT / "facts").glob("*.yaml")),
    "spec": sorted((ROOT / "facts" / "comparisons").glob("*.yaml")),
    "theme": sorted((ROOT / "templates" / "themes").glob("*.yaml")),
    "manifest": sorted((ROOT / "examples").rglob("course.yaml")),
}
BUNDLED_FILES = [(kind, path) for kind, paths in BUNDLED.items() for path in paths]


@pytest.mark.parametrize("kind, path", BUNDLED_FILES,
                         ids=[str(p.relative_to(ROOT)) for _, p in BUNDLED_FILES])
def test_bundled_file_names_its_schema_and_validates_against_it(kind, path):
    text = path.read_text(encoding="utf-8")
    match = LINE.match(text.splitlines()[0])
    assert match, f"{path} must start with '# yaml-language-server: $schema=…'"
    target = (path.parent / match.group(1)).resolve()
    assert target == (ROOT / "schemas" / f"{kind}.schema.json").resolve()
    errors = [e.message for e in validator(kind).iter_errors(load_yaml12(text))]
    assert errors == []


def test_every_bundled_kind_is_covered():
    assert all(BUNDLED[kind] for kind in KINDS)


FACT = "  {key}:\n{body}"
CORPUS_FACTS = {
    **{f"hostile-{name}": text for name, (text, _) in BAD_FACTS.items()},
    "base": BASE,
    "yaml-1.1-words": YAML11,
    "both-value-and-items": BASE + "  m:\n    value: X\n    items: [{name: a}]\n    sources: [s1]\n",
    "neither-value-nor-items": BASE + "  m:\n    label: M\n    sources: [s1]\n",
    "null-value": BASE + "  m:\n    value:\n    sources: [s1]\n",
    "blank-value": BASE + "  m:\n    value: '   '\n    sources: [s1]\n",
    "no-sources": BASE + "  m:\n    value: X\n",
    "empty-sources": BASE + "  m:\n    value: X\n    sources: []\n",
    "items-with-own-sources": BASE + "  m:\n    items:\n      - {name: a, sources: [s1]}\n",
    "items-one-without-sources": BASE + "  m:\n    items:\n      - {name: a, sources: [s1]}\n"
                                        "      - {name: b}\n",
    "quote-with-items": BASE + "  m:\n    quote: true\n    items: [{name: a}]\n    sources: [s1]\n",
    "quote-yes": BASE + "  m:\n    quote: yes\n    value: X\n    sources: [s1]\n",
    "quote-1": BASE + "  m:\n    quote: 1\n    value: X\n    sources: [s1]\n",
    "quote-maybe": BASE + "  m:\n    quote: maybe\n    value: X\n    sources: [s1]\n",
    "number-value": BASE + "  m:\n    value: 5\n    sources: [s1]\n",
    "extra-item-field": BASE + "  m:\n    items: [{name: a, outcome: won, rank: 3}]\n"
                               "    sources: [s1]\n",
    "null-item-field": BASE + "  m:\n    items: [{name: a, outcome: }]\n    sources: [s1]\n",
    "list-item-field": BASE + "  m:\n    items: [{name: a, by: [x, y]}]\n    sources: [s1]\n",
    "item-bad-date": BASE + "  m:\n    items: [{name: a, joined: 1992-02-30}]\n"
                            "    sources: [s1]\n",
    "capital-fact-key": BASE + "  Bad_Key:\n    value: X\n    sources: [s1]\n",
    "upper-language": BASE.replace("as_of:", "language: EN\nas_of:"),
    "ftp-url": BASE.replace("https://example.org/s1", "ftp://example.org/s1"),
    "no-sources-list": BASE.replace("sources:\n  - id: s1\n    title: A source\n"
                                    "    url: https://example.org/s1\n", "sources: []\n"),
    "no-facts": BASE.split("facts:")[0] + "facts: {}\n",
    "missing-title": BASE.replace("title: Test Organisation\n", ""),
    "numeric-id": BASE.replace("id: t\n", "id: 2024\n"),
    "empty-title": BASE.replace("title: Test Organisation", "title: ''"),
}
CORPUS_OTHER = {
    ("theme", "ok"): "accent: '#7A1F2B'\nbase_size: 9.5\npage_size: A4\n",
    ("theme", "bad-colour"): "accent: blue\n",
    ("theme", "too-small"): "base_size: 3\n",
    ("theme", "not-a-number"): "base_size: ten\n",
    ("theme", "unknown-key"): "acent: '#000000'\n",
    ("theme", "legal-paper"): "page_size: legal\n",
    ("theme", "a-list"): "- accent\n",
    ("spec", "ok"): "title: T\nrows:\n  - label: A\n    fact: a\n    contrast: yes\n",
    ("spec", "row-without-fact"): "title: T\nrows:\n  - label: A\n",
    ("spec", "no-rows"): "title: T\nrows: []\n",
    ("spec", "missing-title"): "rows:\n  - label: A\n    fact: a\n",
    ("spec", "contrast-maybe"): "title: T\nrows:\n  - label: A\n    fact: a\n    contrast: maybe\n",
    ("spec", "per-file-keys"): "title: T\nrows:\n  - label: A\n    facts: {x: a, y: b}\n",
    ("manifest", "ok"): "defaults:\n  formats: PDF\n  page_size: Letter\njobs:\n  - facts: a.yaml\n",
    ("manifest", "bad-format"): "defaults:\n  formats: [pdf, odt]\njobs:\n  - facts: a.yaml\n",
    ("manifest", "zero-pages"): "jobs:\n  - facts: a.yaml\n    pages: 0\n",
    ("manifest", "unknown-kind"): "jobs:\n  - facts: a.yaml\n    kind: poster\n",
    ("manifest", "no-jobs"): "title: x\njobs: []\n",
    ("manifest", "job-without-facts"): "jobs:\n  - template: brief\n",
    ("manifest", "orientation"): "jobs:\n  - facts: [a.yaml, b.yaml]\n    kind: compare\n"
                                 "    orientation: Landscape\n",
    ("manifest", "unknown-key"): "jobs:\n  - facts: a.yaml\n    fromat: pdf\n",
}
CORPUS = [("facts", name, text) for name, text in CORPUS_FACTS.items()] + [
    (kind, name, text) for (kind, name), text in CORPUS_OTHER.items()]
READING = re.compile(r"^BG00[1-9]$")  # file and YAML syntax: the editor's parser reports these


@pytest.mark.parametrize("kind, name, text", CORPUS, ids=[f"{k}-{n}" for k, n, _ in CORPUS])
def test_schema_and_briefgen_agree(tmp_path, kind, name, text):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"# yaml-language-server: $schema={kind}.schema.json\n{text}", encoding="utf-8")
    codes = [p.code for p in check_file(path).problems]
    if any(READING.match(c) for c in codes):
        pytest.skip("a YAML-level problem: the editor's parser reports it, not the schema")
    ours = sorted({c for c in codes if is_schema_level(c)})
    theirs = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator(kind).iter_errors(load_yaml12(text))]
    assert bool(ours) == bool(theirs), f"briefgen: {ours or 'valid'}; jsonschema: {theirs or 'valid'}"


def test_the_corpus_has_both_verdicts(tmp_path):
    """The agreement test is not vacuous: valid and schema-invalid files, of every kind."""
    seen = {(kind, False) for kind in KINDS} | {(kind, True) for kind in KINDS}
    found = set()
    for kind, name, text in CORPUS:
        path = tmp_path / f"{kind}-{name}.yaml"
        path.write_text(f"# yaml-language-server: $schema={kind}.schema.json\n{text}",
                        encoding="utf-8")
        found.add((kind, any(is_schema_level(p.code) for p in check_file(path).problems)))
    assert seen <= found
