"""The benchmark script runs end to end on a tiny corpus and writes its JSON.

No timing is asserted here: speed is measured by ``benchmarks/run.py`` itself
and read as ratios (docs/benchmarks.md), never as a pass/fail test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_quick_run_writes_json(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--n", "3", "--quick",
         "--json", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,  # a shared, loaded machine
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"n", "quick", "machine", "rows", "raw"} <= set(data)
    assert data["n"] == 3 and data["quick"] is True
    assert {"cpu", "cores", "python", "os"} <= set(data["machine"])
    names = [r["name"] for r in data["rows"]]
    assert any(n.startswith("cold CLI") for n in names)
    assert any(n.startswith("batch 3 pairs -j2") for n in names)
    for r in data["rows"]:
        assert {"name", "unit", "briefgen", "reference", "ratio", "target", "ok"} <= set(r)
    cold = next(r for r in data["rows"] if r["name"].startswith("cold CLI"))
    assert cold["briefgen"] > 0 and cold["reference"] > 0
    assert "briefgen benchmark" in proc.stdout


@pytest.mark.slow
def test_tagging_cost_script_prints_a_row_per_sheet():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "tagging.py"), "--reps", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]  # 1 would mean over budget: a finding
    rows = [line for line in proc.stdout.splitlines() if line.startswith(("brief ", "timeline "))]
    assert len(rows) == 12 and "ms per page (budget 20)" in proc.stdout


@pytest.mark.slow
def test_firstseen_runs_both_checkouts_and_the_floor(tmp_path):
    """``firstseen.py`` against a baseline (here this checkout itself): every side timed."""
    out = tmp_path / "firstseen.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "firstseen.py"), "--baseline", str(ROOT),
         "--reps", "1", "--k", "1", "--json", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    for side in ("current", "baseline"):
        assert data[side]["warm_per_brief"] > 0 and data[side]["cold_pair"] > 0
        assert len(data[side]["scales"]) == 1  # one never-seen brief, fitted
    assert data["floor"]["warm_per_pair"] > 0 and data["floor"]["warm_cpu_per_pair"] > 0
    assert "the floor (same files" in proc.stdout and "2x target is" in proc.stdout
