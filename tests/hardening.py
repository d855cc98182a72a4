"""Helpers for the hardening tests: run the real CLI in a subprocess and judge a refusal.

A refusal (docs/robustness.md) is: a non-zero exit, one line per problem on
stderr naming the file, no traceback, no internal error, nothing on stdout,
and nothing left in the output folder (hidden temp files included).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini.yaml"


@dataclass
class Run:
    """What one CLI run did."""

    code: int
    stdout: str
    stderr: str


def cli(*args, env: dict | None = None, cwd: Path | None = None, timeout: float = 120,
        stdout=subprocess.PIPE) -> Run:
    """Run ``python -m briefgen ARGS`` with ``env`` added to the environment."""
    full = dict(os.environ)
    full.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "briefgen", *map(str, args)], cwd=cwd,
                          env=full, stdout=stdout, stderr=subprocess.PIPE, text=True,
                          timeout=timeout)
    return Run(proc.returncode, proc.stdout or "", proc.stderr)


def listing(folder: Path) -> list[str]:
    """Every entry under ``folder`` (hidden ones too), relative, sorted."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def assert_refused(run: Run, *expected: str, out: Path | None = None, code: int = 1,
                   before: list[str] | None = None) -> None:
    """The run refused cleanly: ``code``, each expected text on stderr, no traceback.

    ``out`` must hold exactly ``before`` (default: nothing, or not exist).
    """
    assert run.code == code, (run.code, run.stderr)
    for text in expected:
        assert text in run.stderr, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert "internal error" not in run.stderr, run.stderr
    assert run.stdout == "", run.stdout
    if out is not None:
        assert listing(out) == (before or []), listing(out)


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (Linux, from /proc)."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent and fields[0] != "Z":
                found.append(int(entry.name))
                todo.append(int(entry.name))
    return found


def still_running(pids: list[int]) -> list[int]:
    """Those of ``pids`` that are running (not gone, not zombies)."""
    out = []
    for p in pids:
        try:
            state = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.append(p)
    return out


def course(tmp_path: Path, n: int = 2, extra: str = "", formats: str = "pdf") -> Path:
    """A course folder of ``n`` copies of the mini facts file, one brief each; its manifest."""
    folder = tmp_path / "course"
    (folder / "facts").mkdir(parents=True)
    text = MINI.read_text(encoding="utf-8")
    for i in range(n):
        (folder / "facts" / f"m{i}.yaml").write_text(text.replace("id: mini", f"id: mini{i}"),
                                                     encoding="utf-8")
    manifest = folder / "course.yaml"
    manifest.write_text(f"defaults:\n  formats: [{formats}]\njobs:\n  - facts: facts/*.yaml\n"
                        "    output: '{stem}'\n" + extra, encoding="utf-8")
    return manifest
