"""Mutation strategies shared by the fuzz tests of every input kind.

A mutation deletes, duplicates, re-indents or swaps lines, replaces a value by
one of another type, inserts hostile text (Jinja, Markdown, XML, control
characters, huge numbers), or corrupts bytes (not UTF-8, NUL, truncation).
``BRIEFGEN_FUZZ_EXAMPLES`` sets the number of examples (CI: 30, derandomized).
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "30"))


def fuzz_settings(share: float = 1.0):
    """Hypothesis settings: ``share`` of the examples (slow properties run fewer)."""
    n = max(3, int(EXAMPLES * share))
    return settings(max_examples=n, deadline=None, derandomize=EXAMPLES <= 100,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


NEW_VALUES = ["[1, 2]", "{a: b}", "123", "", "~", "- x", "&anchor x", "*nope", "'unterminated",
              "2026-02-30", "1992-05-15", "%TAG", "@at", "`tick`", "yes", "no", "1e999", "-1", "0",
              "999999999999999999999", "nan",
              "!!binary aGk=", "!!python/object:os.system", "<<: *x", "|", ">-", "[", "}",
              "\"\\x00\"", "\"\\u202e\"", "\"\\x01\\x1b\"", "'#GGGGGG'", "'#12345'",
              "\"a&b<c>\\\"d\"", "../../../../etc/passwd", "/dev/zero", "'*'", "'**/*'",
              "'{stem}{template}'", "'{0}'", "'{__class__}'", "CON", "'x' ", "\"\\uffff\"",
              "'" + "w " * 3000 + "'", "[" + ", ".join(["x"] * 300) + "]"]
SNIPPETS = ["{{ facts.name }}", "{{ 1/0 }}", "{{ range(10**9) | list }}", "{% for x in %}",
            "{% include 'nope.md.j2' %}", "{% extends 'brief' %}", "{{ ''.__class__ }}",
            "{{ facts }}", "{% raw %}", "{#", "::: columns", "::::", "| a | b |\n|---|---|",
            "<script>x</script>", "[l](javascript:alert(1))", "[l](https://x.org/\x01)",
            "\x00", "\x1b[31m", "\ufeff", "\u202e", "#" * 7 + " deep", "> " * 40 + "q",
            "- " * 30 + "nested", "1. " * 30 + "n", "![img](/etc/passwd)", "{{ mark_row() }}",
            "{% set x = x %}", "{{ cite }}", "{{ _('Key facts') }}", "{{ today }}"]
KEY_VALUE = re.compile(r"^(\s*(?:- )?[\w-]+:)(\s.*)?$")


@st.composite
def mutated_text(draw, lines: list[str], snippets: bool = False) -> str:
    """``lines`` with one to three mutations, as text (may not be UTF-8 once encoded)."""
    lines = list(lines) or [""]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        kinds = ["delete", "duplicate", "indent", "dedent", "retype", "swap", "truncate"]
        if snippets:
            kinds += ["snippet", "snippet"]
        kind = draw(st.sampled_from(kinds))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i][draw(st.integers(1, 4)):]
        elif kind == "retype":
            m = KEY_VALUE.match(lines[i])
            if m:
                lines[i] = f"{m.group(1)} {draw(st.sampled_from(NEW_VALUES))}"
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate":
            lines = lines[:i] + [lines[i][: draw(st.integers(0, len(lines[i])))]]
        else:
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.sampled_from(SNIPPETS)) + lines[i][pos:]
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


@st.composite
def mutated_bytes(draw, lines: list[str], snippets: bool = False) -> bytes:
    """Like :func:`mutated_text`, sometimes with bytes that are not UTF-8 or a NUL."""
    data = draw(mutated_text(lines, snippets)).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 5)) == 0:
        pos = draw(st.integers(0, len(data)))
        data = data[:pos] + draw(st.sampled_from([b"\xff", b"\xc3", b"\x00", b"\xed\xa0\x80"])) \
            + data[pos:]
    return data
