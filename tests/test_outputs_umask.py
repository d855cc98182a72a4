"""Outputs honour the umask, or keep the mode of the file they replace (outputs.mode_for).

Under ``umask 077`` a handout, the course pack, its zip and the batch state
file are private (0600): they were chmodded 0644, readable by every user.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hardening import MINI, course


def run_with_umask(mask: int, *args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``briefgen ARGS`` in a process whose umask is ``mask``."""
    return subprocess.run([sys.executable, "-m", "briefgen", *map(str, args)], cwd=cwd,
                          preexec_fn=lambda: os.umask(mask), capture_output=True, text=True,
                          timeout=300)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o077, 0o600), (0o027, 0o640), (0o022, 0o644)])
def test_a_brief_is_written_with_the_mode_the_umask_gives(tmp_path, mask, expected):
    out = tmp_path / "out"
    proc = run_with_umask(mask, "brief", MINI, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert {p.name: mode(p) for p in out.iterdir()} == {"mini-brief.pdf": expected,
                                                        "mini-brief.docx": expected}
    assert mode(out) == 0o777 & ~mask


def test_a_replaced_output_keeps_its_mode(tmp_path):
    out = tmp_path / "out"
    assert run_with_umask(0o022, "brief", MINI, "-o", out).returncode == 0
    (out / "mini-brief.pdf").chmod(0o600)
    (out / "mini-brief.docx").chmod(0o640)
    before = (out / "mini-brief.pdf").stat().st_ino
    proc = run_with_umask(0o022, "brief", MINI, "-o", out, "--pages", "2")
    assert proc.returncode == 0, proc.stderr
    assert (out / "mini-brief.pdf").stat().st_ino != before  # really replaced
    assert mode(out / "mini-brief.pdf") == 0o600 and mode(out / "mini-brief.docx") == 0o640


def test_a_course_under_umask_077_is_private_throughout(tmp_path):
    manifest = course(tmp_path, n=2)
    manifest.write_text(manifest.read_text().replace("defaults:\n", "defaults:\n  pack: course-pack\n"))
    proc = run_with_umask(0o077, "batch", manifest, "--pack")
    assert proc.returncode == 0, proc.stderr
    out = manifest.parent / "out"
    files = [p for p in out.rglob("*") if p.is_file() and p.name != ".briefgen.lock"]
    names = {p.name for p in files}
    assert {"course-pack.pdf", "course-pack.zip", ".briefgen-state.json"} <= names, names
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_new_writes_files_with_the_mode_the_umask_gives(tmp_path):
    proc = run_with_umask(0o022, "new", "facts", "x", "-o", tmp_path / "x.yaml")
    assert proc.returncode == 0, proc.stderr
    assert mode(tmp_path / "x.yaml") == 0o644  # mkstemp's 0600 was kept before
