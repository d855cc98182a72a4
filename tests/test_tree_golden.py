"""Golden checks of the document tree the bundled brief template builds.

Set BRIEFGEN_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.document.dump import dump_document
from briefgen.facts import load_facts
from briefgen.sheets.brief import brief_document

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", ["mini"])
def test_brief_tree_matches_golden(name):
    facts = load_facts(Path(__file__).parent / "data" / f"{name}.yaml")
    doc, stem = brief_document(facts)
    got = dump_document(doc)
    path = GOLDEN / f"{name}-{stem}.tree.txt"
    if os.environ.get("BRIEFGEN_UPDATE_GOLDEN") or not path.exists():
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
