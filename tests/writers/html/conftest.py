"""Every bundled sheet as an HTML page and an LMS fragment, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundled_sheets import SHEETS


@pytest.fixture(scope="session")
def html_sheets(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Sheet name → {"html": page bytes, "lms": fragment bytes} (A4)."""
    out = {}
    for name, make in SHEETS.items():
        folder: Path = tmp_path_factory.mktemp(f"html-{name}")
        paths = make(folder, "a4", formats=("html", "lms")).paths
        page = next(p for p in paths if not p.name.endswith(".lms.html"))
        fragment = next(p for p in paths if p.name.endswith(".lms.html"))
        out[name] = {"html": page.read_bytes(), "lms": fragment.read_bytes()}
    return out
