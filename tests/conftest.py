"""Shared fixtures: paths to test data and the bundled facts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def mini_facts() -> Path:
    """A small valid facts file of a made-up organisation."""
    return DATA / "mini.yaml"


@pytest.fixture
def write_yaml(tmp_path):
    """Write a YAML text to a temp file and return its path."""

    def _write(text: str, name: str = "facts.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def has(tool: str) -> bool:
    """Whether a command-line tool is installed."""
    return shutil.which(tool) is not None
