"""Facts files seen for the first time: this checkout against a BASELINE checkout, one run.

    python benchmarks/firstseen.py --baseline /path/to/old/checkout [--reps 5] [--k 6]
                                   [--json PATH] [--instructions]

What it measures, for both checkouts, interleaved (this, baseline, this, …) so a
busy minute hurts both:

- **warm, facts first seen**: one Python process per repetition imports
  briefgen, builds two warm-up briefs (imports, fonts, compiled templates), then
  times ``make_brief`` (PDF + DOCX) on ``k`` facts files it has never built, each
  with nothing remembered for it (a fresh ``XDG_CACHE_HOME`` per process: no
  validated facts, no fitted scale). The figure is the median per brief.
- **cold pair, facts first seen**: ``python -m briefgen brief FILE -o DIR`` as
  a whole process on a file never built before, with the disk cache (fonts,
  templates) warmed by an untimed run: the row the main benchmark calls "cold CLI
  pair, facts first seen".

- **the floor, warm**: :mod:`floor` (the least code that writes the same content
  with reportlab and python-docx: no templates, no tree, no tagging, no fit of its
  own beyond ``KeepInFrame``) in its own process on the same ``k`` files after the
  same two warm-ups, interleaved with the two checkouts. It says how far the
  libraries alone allow a brief to go: a target below the floor cannot be met
  by briefgen's own code.

With ``--instructions``, nothing is timed: each checkout's warm process runs under
valgrind (cachegrind), and the instructions one never-seen brief costs are counted
(:func:`instructions`), a figure the machine's load does not move.

Both checkouts run the same facts files, written by the BASELINE's
``benchmarks/synth.py`` from its own bundled facts (older code refuses fields the
newer facts files have; newer code reads the older files). The code under test is
chosen by ``PYTHONPATH``, the interpreter and libraries are this one's. Only ratios
between the two are read (docs/benchmarks.md); nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

WORKER = r"""
import json, sys, time
from pathlib import Path
from briefgen.sheets.brief import make_brief
out, files = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
for f in files[:2]:
    make_brief(f, output=out / "warm")
times, cpu, scales = [], [], []
for f in files[2:]:
    t0, c0 = time.perf_counter(), time.process_time()
    r = make_brief(f, output=out / "seen")
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
    scales.append(r.scale)
print(json.dumps({"times": times, "cpu": cpu, "scales": scales}))
"""

FLOOR_WORKER = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import floor
out, files = Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]
out.mkdir(parents=True, exist_ok=True)
for f in files[:2]:
    floor.write_pair(f, out)
times, cpu = [], []
for f in files[2:]:
    t0, c0 = time.perf_counter(), time.process_time()
    floor.write_pair(f, out)
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
print(json.dumps({"times": times, "cpu": cpu}))
"""


def _env(code: Path, cache: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code), XDG_CACHE_HOME=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache.parent / f"pyc-{code.name}")
    return env


def warm_run(code: Path, files: list[Path], work: Path) -> dict:
    """One process of :data:`WORKER` for checkout ``code``: seconds per never-seen brief."""
    cache = Path(tempfile.mkdtemp(prefix="xdg-", dir=work))
    out = Path(tempfile.mkdtemp(prefix="out-", dir=work))
    proc = subprocess.run([sys.executable, "-c", WORKER, str(out), *map(str, files)],
                          env=_env(code, cache), capture_output=True, text=True, cwd=work)
    if proc.returncode:
        raise RuntimeError(f"{code}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def floor_run(files: list[Path], work: Path) -> dict:
    """One process of :data:`FLOOR_WORKER`: seconds per pair the floor writes, warm."""
    cache = Path(tempfile.mkdtemp(prefix="xdg-", dir=work))
    out = Path(tempfile.mkdtemp(prefix="out-", dir=work))
    proc = subprocess.run([sys.executable, "-c", FLOOR_WORKER, str(HERE), str(out),
                           *map(str, files)], env=_env(ROOT, cache), capture_output=True,
                          text=True, cwd=work)
    if proc.returncode:
        raise RuntimeError(f"floor: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold_run(code: Path, file: Path, cache: Path, work: Path) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one whole ``briefgen brief`` process of ``code``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "briefgen", "brief", str(file), "-o",
                           str(work / f"cold-{code.name}")], env=_env(code, cache),
                          capture_output=True, text=True, cwd=work)
    secs = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise RuntimeError(f"{code} on {file}: {proc.stderr[-2000:]}")
    return secs, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(code: Path, files: list[Path], k: int, work: Path) -> float:
    """Instructions (valgrind's cachegrind, ``I refs``) per never-seen brief of checkout ``code``.

    :data:`WORKER` runs twice under valgrind, once with the two warm-up files only and
    once with ``k`` never-seen files after them; the difference over ``k`` is one
    brief's work, imports and warm-up excluded. The count does not move with the
    machine's load (a shared machine swamps wall and CPU times), at about 30× the time.
    """
    import re
    import shutil

    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    counts = []
    for chosen in (files[:2], files[:2 + k]):
        cache = Path(tempfile.mkdtemp(prefix="xdg-", dir=work))
        out = Path(tempfile.mkdtemp(prefix="out-", dir=work))
        proc = subprocess.run(
            [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
             sys.executable, "-c", WORKER, str(out), *map(str, chosen)],
            env=_env(code, cache), capture_output=True, text=True, cwd=work)
        found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
        if proc.returncode or not found:
            raise RuntimeError(f"{code}: {proc.stderr[-2000:]}")
        counts.append(int(found.group(1).replace(",", "")))
    return (counts[1] - counts[0]) / k


def count_instructions(baseline: Path, k: int, work: Path) -> dict:
    """Instructions per never-seen brief, this checkout and ``baseline`` (same facts files)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("baseline_synth", baseline / "benchmarks"
                                                  / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    files = synth.generate(2 + k, work / "facts")
    out = {}
    for side, code in (("current", ROOT), ("baseline", baseline)):
        warm_run(code, files[:2], work)  # untimed: compiled .pyc in place, as for the timed runs
        out[side] = instructions(code, files, k, work)
    out["ratio"] = out["baseline"] / out["current"]
    return out


def compare(baseline: Path, reps: int, k: int, work: Path) -> dict:
    """Interleaved warm and cold first-seen runs of this checkout and ``baseline``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("baseline_synth", baseline / "benchmarks"
                                                  / "synth.py")
    synth = importlib.util.module_from_spec(spec)  # the baseline's: files both checkouts read
    spec.loader.exec_module(synth)
    files = synth.generate(2 + reps * (k + 2), work / "facts")
    sides = {"current": ROOT, "baseline": baseline}
    warm: dict[str, list] = {s: [] for s in sides}
    cold: dict[str, list] = {s: [] for s in sides}
    caches = {s: work / f"cold-cache-{s}" for s in sides}
    floors: list[dict] = []
    loads = [os.getloadavg()]
    for side, code in sides.items():  # untimed: fonts and templates into each disk cache
        cold_run(code, files[0], caches[side], work)
    rest = files[2:]
    for r in range(reps):
        chunk = rest[r * (k + 2):(r + 1) * (k + 2)]
        for side, code in (sides.items() if r % 2 == 0 else reversed(sides.items())):
            warm[side].append(warm_run(code, files[:2] + chunk[:k], work))
            cold[side].append(cold_run(code, chunk[k + (side == "baseline")], caches[side], work))
        floors.append(floor_run(files[:2] + chunk[:k], work))
        loads.append(os.getloadavg())
        print(f"rep {r + 1}/{reps}: load {loads[-1][0]:.2f}", file=sys.stderr)
    out: dict = {"load_averages_1_5_15": [[round(x, 2) for x in la] for la in loads],
                 "files": len(files), "k": k, "reps": reps}
    for side in sides:
        per_rep = [statistics.median(w["times"]) for w in warm[side]]
        out[side] = {"warm_per_brief": statistics.median(per_rep),
                     "warm_cpu_per_brief": statistics.median(
                         statistics.median(w["cpu"]) for w in warm[side]),
                     "warm_per_rep": [round(x, 4) for x in per_rep],
                     "warm_all": [round(t, 4) for w in warm[side] for t in w["times"]],
                     "scales": [s for w in warm[side] for s in w["scales"]],
                     "cold_pair": statistics.median(c[0] for c in cold[side]),
                     "cold_cpu": statistics.median(c[1] for c in cold[side]),
                     "cold_runs": [round(c[0], 4) for c in cold[side]]}
    out["floor"] = {"warm_per_pair": statistics.median(statistics.median(f["times"])
                                                       for f in floors),
                    "warm_cpu_per_pair": statistics.median(statistics.median(f["cpu"])
                                                           for f in floors)}
    cur, base = out["current"], out["baseline"]
    out["warm_speedup"] = base["warm_per_brief"] / cur["warm_per_brief"]
    out["warm_cpu_speedup"] = base["warm_cpu_per_brief"] / cur["warm_cpu_per_brief"]
    out["cold_ratio"] = cur["cold_pair"] / base["cold_pair"]
    out["cold_cpu_ratio"] = cur["cold_cpu"] / base["cold_cpu"]
    return out


def commit_of(path: Path) -> str:
    """The short commit of the checkout at ``path``."""
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=path, text=True,
                          capture_output=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True,
                    help="a checkout of the commit to compare with (git worktree add …)")
    ap.add_argument("--reps", type=int, default=5, help="processes per checkout (default 5)")
    ap.add_argument("--k", type=int, default=6, help="never-seen briefs timed per process")
    ap.add_argument("--json", type=Path, default=HERE / "firstseen.json")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions per brief under valgrind instead of timing")
    a = ap.parse_args(argv)
    if a.instructions:
        with tempfile.TemporaryDirectory(prefix="briefgen-firstseen-") as tmp:
            res = count_instructions(a.baseline.resolve(), a.k, Path(tmp))
        res.update(date=time.strftime("%Y-%m-%d %H:%M"), k=a.k, current_commit=commit_of(ROOT),
                   baseline_commit=commit_of(a.baseline))
        print(f"facts first seen, {res['current_commit']} against {res['baseline_commit']}, "
              f"instructions per warm PDF+DOCX brief ({a.k} briefs, valgrind): "
              f"{res['current'] / 1e6:.0f} M vs {res['baseline'] / 1e6:.0f} M: "
              f"{res['ratio']:.2f}x fewer (target >= 2x)")
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory(prefix="briefgen-firstseen-") as tmp:
        res = compare(a.baseline.resolve(), a.reps, a.k, Path(tmp))
    res.update(date=time.strftime("%Y-%m-%d %H:%M"), cores=os.cpu_count(),
               current_commit=commit_of(ROOT), baseline_commit=commit_of(a.baseline))
    cur, base = res["current"], res["baseline"]
    print(f"facts first seen, {res['current_commit']} against {res['baseline_commit']} "
          f"({a.reps} interleaved processes each, {a.k} briefs per warm process)")
    print(f"  warm, per PDF+DOCX brief: {cur['warm_per_brief'] * 1000:.1f} ms vs "
          f"{base['warm_per_brief'] * 1000:.1f} ms: {res['warm_speedup']:.2f}x faster "
          f"(target >= 2x); CPU {cur['warm_cpu_per_brief'] * 1000:.1f} ms vs "
          f"{base['warm_cpu_per_brief'] * 1000:.1f} ms: {res['warm_cpu_speedup']:.2f}x")
    floor = res["floor"]
    print(f"  the floor (same files, same libraries, untagged, no templates), warm per pair: "
          f"{floor['warm_per_pair'] * 1000:.1f} ms, CPU {floor['warm_cpu_per_pair'] * 1000:.1f} ms; "
          f"the 2x target is {base['warm_per_brief'] * 500:.1f} ms "
          f"(CPU {base['warm_cpu_per_brief'] * 500:.1f} ms)")
    print(f"  cold pair, whole process: {cur['cold_pair'] * 1000:.1f} ms vs "
          f"{base['cold_pair'] * 1000:.1f} ms: {res['cold_ratio']:.2f}x the time "
          f"(target <= 1.0x); CPU {cur['cold_cpu'] * 1000:.0f} ms vs "
          f"{base['cold_cpu'] * 1000:.0f} ms: {res['cold_cpu_ratio']:.2f}x")
    print(f"  load average (1 min) over the run: "
          f"{', '.join(f'{la[0]:.2f}' for la in res['load_averages_1_5_15'])}")
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
