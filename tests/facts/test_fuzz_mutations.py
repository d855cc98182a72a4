"""Mutation fuzz over the bundled facts files: a broken file is a BriefgenError, never a crash.

Each example deletes, duplicates or re-indents a line, or swaps a value for one
of another type, then builds a brief. The result must be written outputs or a
BriefgenError with a message; any other exception is a bug.

CI runs a few dozen examples; ``BRIEFGEN_FUZZ_EXAMPLES=5000`` runs a long campaign.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from mutations import fuzz_settings, mutated_text

from briefgen.errors import BriefgenError
from briefgen.sheets.brief import make_brief

ROOT = Path(__file__).resolve().parents[2]
FILES = [ROOT / "facts" / "csto.yaml", ROOT / "facts" / "nato.yaml", ROOT / "tests" / "data" / "mini.yaml"]
TEXTS = {p.name: p.read_text(encoding="utf-8").splitlines() for p in FILES if p.is_file()}

SETTINGS = fuzz_settings()


@st.composite
def mutations(draw) -> tuple[str, str]:
    """(file name, text) of a bundled facts file with one to three mutations."""
    name = draw(st.sampled_from(sorted(TEXTS)))
    return name, draw(mutated_text(TEXTS[name]))


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
