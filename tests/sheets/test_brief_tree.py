"""Golden checks of the document tree the bundled brief template builds from a facts file."""

from __future__ import annotations

import pytest
from conftest import DATA
from goldens import check_golden

from briefgen.document.dump import dump_document
from briefgen.facts import load_facts
from briefgen.sheets.brief import brief_document

GOLDENS = DATA.parent / "sheets" / "goldens"


@pytest.mark.parametrize("name", ["mini"])
def test_brief_tree_matches_golden(name):
    doc, stem = brief_document(load_facts(DATA / f"{name}.yaml"))
    check_golden(GOLDENS / f"{name}-{stem}.tree.txt", dump_document(doc))
