"""Mutation fuzz over the bundled facts files: a broken file is a BriefgenError, never a crash.

Each example deletes, duplicates or re-indents a line, or swaps a value for one
of another type, then builds a brief. The result must be written outputs or a
BriefgenError with a message; any other exception is a bug.

CI runs a few dozen examples; ``BRIEFGEN_FUZZ_EXAMPLES=5000`` runs a long campaign.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import BriefgenError
from briefgen.sheets.brief import make_brief

ROOT = Path(__file__).resolve().parents[2]
FILES = [ROOT / "facts" / "csto.yaml", ROOT / "facts" / "nato.yaml", ROOT / "tests" / "data" / "mini.yaml"]
TEXTS = {p.name: p.read_text(encoding="utf-8").splitlines() for p in FILES if p.is_file()}

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "30"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                    suppress_health_check=[HealthCheck.too_slow])

NEW_VALUES = ["[1, 2]", "{a: b}", "123", "", "~", "- x", "&anchor x", "*nope", "'unterminated",
              "2026-02-30", "yes", "no", "1992-05-15", "!!binary aGk=", "!!python/object:os.system",
              "<<: *x", "|", ">-", "[", "}", "\"\\x00\"", "\"\\u202e\"", "%TAG", "@at", "`tick`"]
KEY_VALUE = re.compile(r"^(\s*(?:- )?[\w-]+:)(\s.*)?$")


@st.composite
def mutations(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(TEXTS)))
    lines = list(TEXTS[name])
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "retype", "swap"]))
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
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = [""]
    return name, "\n".join(lines) + "\n"


@SETTINGS
@given(mutations())
def test_mutated_facts_file_is_written_or_a_briefgen_error(case):
    name, text = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        out = Path(tmp) / "out"
        try:
            result = make_brief(path, output=out)
        except BriefgenError as exc:
            assert str(exc).strip()
            assert "Traceback" not in str(exc)
            assert not out.exists()
            return
        assert all(p.is_file() and p.stat().st_size > 0 for p in result.paths)
