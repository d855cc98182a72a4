"""Golden files for tests: compare, and regenerate only when asked.

Run ``pytest --regen-goldens`` (or set ``BRIEFGEN_REGEN_GOLDENS=1``) after a
deliberate change to rewrite the expected files, then read the diff before you
commit it. Without the flag a missing golden fails: a golden never writes
itself.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REGEN = {"flag": False}


def regenerating() -> bool:
    """True when this run rewrites goldens (``--regen-goldens`` or the environment variable)."""
    return REGEN["flag"] or bool(os.environ.get("BRIEFGEN_REGEN_GOLDENS"))


def check_golden(path: Path, got: str) -> None:
    """Assert ``got`` equals the golden file ``path``; rewrite it when regenerating."""
    if regenerating():
        path.write_text(got, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"missing golden {path}; run pytest --regen-goldens to create it, then review it")
    assert got == path.read_text(encoding="utf-8"), f"{path} differs (pytest --regen-goldens after review)"
