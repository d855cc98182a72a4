"""The course pack's PDF (``briefgen/writers/pdf/pack.py``): the same sheets give the same bytes."""

from __future__ import annotations

import hashlib

from clirun import run_cli

from briefgen.writers.pdf.pack import merged_pdf


def test_the_same_sheets_make_the_same_pack_however_memory_falls(tmp_path, mini_facts,
                                                                  monkeypatch):
    """pypdf remembers what it copied from a reader by ``id(reader)``; a page-number stamp's
    reader freed and its id given to the next one made the pack reuse objects or not as
    memory fell (up to five different packs of one input in one process). Built six times here
    with other objects allocated between: one pack."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    result = run_cli("brief", mini_facts, "-f", "pdf", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "out" / "mini-brief.pdf"
    sheets = [(f"job{n}", pdf) for n in range(12)]
    junk, packs = [], set()
    for n in range(6):
        junk.append([object() for _ in range(n * 37)])
        packs.add(hashlib.sha256(merged_pdf(sheets, "Course")).hexdigest())
    assert len(packs) == 1
