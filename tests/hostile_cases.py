"""Hostile and typo facts files shared by the tests of the reader, the CLI and the JSON Schemas."""

from __future__ import annotations

BASE = """\
id: t
title: Test Organisation
as_of: 2026-11-01
sources:
  - id: s1
    title: A source
    url: https://example.org/s1
facts:
  name:
    value: Test
    sources: [s1]
"""


BAD_FACTS = {
    # name: (file text, expected messages (after "<file>:"))
    "not-yaml": ("id: [t\ntitle: x\n", [":2: not valid YAML"]),
    "tab-indent": ("id: t\nfacts:\n\tname: x\n", [":3: not valid YAML"]),
    "a-list": ("- id: t\n- title: x\n", [":1: a facts file must be a mapping", "not a list"]),
    "plain-text": ("just some words\n", [":1: a facts file must be a mapping", "not plain text"]),
    "duplicate-key": (BASE + "id: u\n", [":12: duplicate key 'id' (first at line 1)"]),
    "duplicate-fact": (BASE + "  name:\n    value: Again\n    sources: [s1]\n",
                       [":12: duplicate key 'name' (first at line 9)"]),
    "number-for-list": (BASE.replace("sources: [s1]", "sources: 3"),
                        [":11: 'facts.name.sources' must be a list, not '3'"]),
    "mapping-for-text": (BASE.replace("value: Test", "value: {a: 1}"),
                         [":10: 'facts.name.value' must be text, not a mapping"]),
    "bad-date": (BASE.replace("2026-11-01", "2026-13-45"),
                 [":3: 'as_of': '2026-13-45' is not a date; write YYYY-MM-DD"]),
    "words-for-date": (BASE.replace("2026-11-01", "last spring"),
                       [":3: 'as_of': 'last spring' is not a date"]),
    "unknown-key-typo": (BASE.replace("title: Test", "titel: Test"),
                         [":2: unknown key 'titel'; did you mean 'title'?"]),
    "unknown-fact-field": (BASE.replace("    value: Test", "    valeu: Test"),
                           [":10: unknown key 'valeu'; did you mean 'value'?"]),
    "unknown-source": (BASE.replace("sources: [s1]", "sources: [s2]"),
                       [":11: source 's2' is not listed under 'sources:'; known ids: s1"]),
    "misspelt-source": (BASE.replace("id: s1", "id: treaty").replace("sources: [s1]", "sources: [traety]"),
                        [":11: source 'traety' is not listed under 'sources:'; did you mean 'treaty'?"]),
    "empty": ("", [":1: the facts file is empty"]),
    "only-comments": ("# nothing here\n\n", [":1: the facts file is empty"]),
    "merge-key": ("base: &b {x: 1}\nother:\n  <<: *b\n", [":3: merge keys (<<) are not supported"]),
    "deep-nesting": ("a: " + "[" * 3000 + "]" * 3000 + "\n", ["nest"]),
}


YAML11 = """\
id: t
title: Test
as_of: 1992-05-15
sources:
  - id: s1
    title: A source
    url: https://example.org/s1
facts:
  name: {value: no, sources: [s1]}
  yes_word: {value: yes, sources: [s1]}
  on_word: {value: on, sources: [s1]}
  signed: {value: 1992-05-15, sources: [s1]}
  octal: {value: 010, sources: [s1]}
  sexagesimal: {value: 1:20, sources: [s1]}
  float: {value: 3.0, sources: [s1]}
  tilde: {value: ~x, sources: [s1]}
"""
TEMPLATE = ("# {{ facts.name.value }}\n\n{% for k in facts.keys() %}[{{ k }}={{ facts[k].value }}]\n"
            "{% endfor %}\n[as_of={{ meta.as_of | date('iso') }}|{{ meta.as_of.year + 1 }}]\n")
