"""Fixtures of tests/sheets: every bundled sheet built once per session, on A4 and Letter."""

from __future__ import annotations

import pytest
from bundled_sheets import PAPERS, SHEETS


@pytest.fixture(scope="session")
def bundled_pdfs(tmp_path_factory):
    """(sheet, paper) → (BuildResult, warnings) for every bundled sheet, PDF only."""
    out = {}
    for name, make in SHEETS.items():
        for paper in PAPERS:
            result = make(tmp_path_factory.mktemp(f"{name}-{paper}"), paper)
            out[(name, paper)] = result
    return out
