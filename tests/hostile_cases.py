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
    # round three: keys named like the validator's type tags, raw control characters
    "key-named-str": (BASE + "str: 1\n", [":12: unknown key 'str'"]),
    "key-named-int": (BASE + "int: 1\n", [":12: unknown key 'int'"]),
    "key-with-bracket": (BASE + "'list[str]': 1\n", [":12: unknown key 'list[str]'"]),
    "fact-field-named-str": (BASE.replace("    value: Test", "    str: x\n    value: Test"),
                             [":10: unknown key 'str'"]),
    "source-field-named-int": (BASE.replace("    url: https", "    int: 3\n    url: https"),
                               [":7: unknown key 'int'"]),
    "raw-control-character": ("id: t\ntitle: a\x01b\n", [":2: not valid YAML: U+0001"]),
    "raw-escape-in-quotes": ('id: t\ntitle: "a\x1bb"\n', [":2: not valid YAML: U+001B"]),
    "raw-control-late": (BASE + "# a comment\x07\n", [":12: not valid YAML: U+0007"]),
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


# ---- round three (issue 27): what lands on a handout ------------------------------------

LINK_TARGETS = {
    # name: (a fact value pasted into a link by a template, the /URI a handout may carry or None)
    "javascript": ("javascript:alert(1)", None),
    "javascript-mixed-case": ("JaVaScRiPt:alert(document.domain)", None),
    "javascript-entity": ("javascript&#58;alert(1)", None),
    "javascript-tab": ("java\tscript:alert(1)", None),
    "javascript-control-first": ("\x01javascript:alert(1)", None),
    "vbscript": ("vbscript:msgbox(1)", None),
    "file": ("file:///etc/passwd", None),
    "file-windows": ("file://C:/Windows/win.ini", None),
    "data": ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", None),
    "unc": ("\\\\evil.example\\share\\minutes.docx", None),
    "unc-ip": ("\\\\10.0.0.1\\c$", None),
    "scheme-relative": ("//evil.example/share", None),
    "backslash-host": ("https://ok.example\\@evil.example/", None),
    "user-name-before-host": ("https://www.nato.int@evil.example/", None),
    "no-host": ("https:evil.example/x", None),
    "relative-path": ("../../../etc/passwd", None),
    "office-uri": ("ms-word:ofe|u|https://evil.example/x.docx", None),
    "smb": ("smb://evil.example/share", None),
    "mailto-empty": ("mailto:", None),
    "port-not-a-number": ("http://example.org:99999999/", None),
    "https": ("https://example.org/ok", "https://example.org/ok"),
    "mailto": ("mailto:desk@example.org", "mailto:desk@example.org"),
    "space-encoded": ("https://example.org/a b", "https://example.org/a%20b"),
    "bidi-removed": ("https://example.org/\u202egpj.exe", "https://example.org/gpj.exe"),
    "mixed-script-host": ("https://www.n\u0430to.int/", "https://www.xn--nto-6cd.int/"),
    "idn-host": ("https://\u043a\u0440\u0435\u043c\u043b\u044c.\u0440\u0444/",
                 "https://xn--e1ajeds9e.xn--p1ai/"),
}
"""Every refused target prints as text with a warning naming the facts file and line."""

TEMPLATE_LINKS = {
    # name: (a link target written by the template itself, the /URI or None)
    "template-user-name": ("https://www.nato.int@evil.example/", None),
    "template-scheme-relative": ("//evil.example/x", None),
    "template-unc": ("<\\\\evil.example\\share>", None),
    "template-office-uri": ("ms-excel:ofe|u|https://evil.example/x.xlsx", None),
}
"""Refused with a warning naming the template file."""

SOURCE_URLS = {
    # name: (a source's url:, the /URI its entry links to or None, the warning code)
    "source-user-name": ("https://www.nato.int@evil.example/", None, "BG181"),
    "source-mixed-script": ("https://www.n\u0430to.int/docs", "https://www.xn--nto-6cd.int/docs",
                            "BG182"),
    "source-bidi": ("https://example.org/\u202egpj.exe", "https://example.org/gpj.exe", "BG180"),
}

UNPRINTABLE = {
    # name: (a text with characters the one rule removes, as the handout prints it)
    "rlo": ("abc\u202edef", "abcdef"),
    "isolates": ("a\u2066b\u2069c", "abc"),
    "tag-characters": ("ok\U000e0041\U000e0042", "ok"),
    "invisible-times": ("2\u20623", "23"),
    "bom-inside": ("in\ufeffside", "inside"),
    "line-separator": ("one\u2028two", "onetwo"),
    "hangul-filler": ("a\u3164b", "ab"),
    "escape": ("x\x1b[31my", "x[31my"),
    "osc": ("x\x1b]0;owned\x07y", "x]0;ownedy"),
    "c1-control": ("x\x9by", "xy"),
}
"""In a fact value, a source title, a source URL, an item field: BG180 with its line."""

MESSAGE_INJECTIONS = {
    # name: (text put into a key, value or file name that a message repeats)
    "workflow-command": "x\n::error file=forged.yaml,line=1::forged",
    "stop-commands": "x\n::stop-commands::pwned",
    "carriage-return": "x\r::warning::forged",
    "esc-clear": "x\x1b[2J\x1b[H",
    "osc-title": "x\x1b]0;owned\x07",
    "osc-hyperlink": "x\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "bidi": "x\u202eexe.txt",
    "nel": "x\x85::error::forged",
}
"""Whatever carries them, stderr shows them escaped, on the line of the message."""

MANIFEST_OUTPUTS = {
    # name: an output: pattern that str.format would crash on or substitute more than documented
    "attribute": "{stem.nope}",
    "dunder": "{stem.__class__.__name__}",
    "index": "{stem[0]}",
    "format-spec-huge": "{stem:>20000000000}",
    "format-spec": "{stem:>20}",
    "conversion": "{stem!r}",
    "positional": "{0}",
    "empty-braces": "{}",
    "lone-open": "a{stem",
    "lone-close": "stem}b",
    "unknown-name": "{facts}",
}
"""Each is refused with BG544 and the manifest's line; nothing is written."""

STATE_FILES = {
    # name: the text of a planted or damaged .briefgen-state.json
    "deep-nesting": "[" * 200_000 + "]" * 200_000,
    "job-is-text": '{"version": 1, "jobs": {"m0": "built"}}',
    "job-is-list": '{"version": 1, "jobs": {"m0": [1, 2]}}',
    "outputs-is-list": '{"version": 1, "jobs": {"m0": {"input": "x", "outputs": [1]}}}',
    "outputs-hash-is-number": '{"version": 1, "jobs": {"m0": {"input": "x", "outputs": {"m0.pdf": 1}}}}',
    "input-is-mapping": '{"version": 1, "jobs": {"m0": {"input": {}, "outputs": {}}}}',
    "jobs-is-list": '{"version": 1, "jobs": []}',
    "pack-is-text": '{"version": 1, "jobs": {}, "pack": "x"}',
    "pack-outputs-missing": '{"version": 1, "jobs": {}, "pack": {"input": "x"}}',
    "top-is-list": "[1, 2, 3]",
    "huge-number": '{"version": 1e999999, "jobs": {}}',
    "not-utf8": "\udcff\udcfe",
}
"""Each is ignored (every job is built again) and replaced by a valid state file."""

TEMPLATE_MEMORY = {
    # name: a template line asking for more memory than there is
    "center": "{{ 'x'|center(10**12) }}",
    "indent": "{{ 'x\\ny'|indent(10**12) }}",
    "center-past-c-int": "{{ 'x'|center(10**19) }}",
    "format-width": "{{ '%*d'|format(10**12, 1) }}",
}
"""Each is exit 1 with one line naming the template and line, never "template error: "."""

BAD_TZ = {
    # name: a TZ value naming a file that is not a zoneinfo file
    "passwd": "/etc/passwd",
    "passwd-colon": ":/etc/passwd",
    "folder": "/etc",
    "empty-file": "EMPTY",  # replaced by an empty file of the test
}
