"""Every command of the README's Usage block runs as written (issue 26).

Each line is run through the CLI in a scratch folder holding copies of facts/ and
examples/ (globs expanded as a shell would), and must exit 0. Two lines are not run,
for stated reasons: ``--links`` asks the web (tests never do) and ``--watch`` runs
until stopped.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[1]
NOT_RUN = {"--links": "asks the web; tests never reach the internet",
           "--watch": "rebuilds until stopped"}


def usage_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Usage\n\n```\n(.*?)```", readme, re.S).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_usage_block_is_found():
    commands = usage_commands()
    assert len(commands) >= 15 and all(c.startswith("briefgen") for c in commands)


@pytest.mark.slow
def test_every_usage_command_runs_as_written(tmp_path):
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        for command in usage_commands():
            if any(flag in command.split() for flag in NOT_RUN):
                continue
            args = []
            for word in shlex.split(command)[1:]:
                args += sorted(glob.glob(word)) if any(ch in word for ch in "*?[") else [word]
            result = CliRunner().invoke(cli, args, catch_exceptions=False)
            assert result.exit_code == 0, f"{command}\n{result.stderr}"
    finally:
        os.chdir(old)
