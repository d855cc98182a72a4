"""Run the CLI in-process from a given folder, as a user would from a shell there."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner, Result

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, cwd: Path = ROOT) -> Result:
    """``briefgen ARGS…`` run from ``cwd`` (the repository by default); stdout and stderr apart."""
    old = os.getcwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
