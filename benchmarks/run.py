"""Benchmark: briefgen against a floor script and peer tools, same content, same machine, one run.

    python benchmarks/run.py [--n 1000] [--quick] [--json PATH] [--keep DIR]

Generates N synthetic facts files (benchmarks/synth.py), then measures, side by
side: cold CLI for one PDF+DOCX pair, ``briefgen --help``, warm in-process time
per pair, ``briefgen batch`` of N pairs with -j1 and -j2 and an incremental
no-change rerun, peak RSS per process, the FLOOR (benchmarks/floor.py: the
same content written straight with reportlab and python-docx) cold, warm and
over the N files with 1 and 2 processes, and, when installed, WeasyPrint
(HTML → PDF), LibreOffice (DOCX → PDF) and pandoc (Markdown → DOCX). Prints one
table of medians with the ratios briefgen/floor and peer/briefgen and writes
it as JSON (default benchmarks/results.json). See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import firstseen  # noqa: E402
import floor  # noqa: E402
import passes  # noqa: E402
import synth  # noqa: E402

PY = sys.executable
ENV = dict(os.environ)
"""Environment of every measured process; :func:`main` points its .pyc cache at the work folder."""


# ---------------------------------------------------------------- processes and memory


LAUNCHER = r"""
import json, os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
secs = time.perf_counter() - t0
print(json.dumps({"secs": secs, "rc": os.waitstatus_to_exitcode(status),
                  "rss_mb": ru.ru_maxrss / 1024, "cpu": ru.ru_utime + ru.ru_stime}))
"""


def run_proc(cmd: list[str], cwd: Path, sample: bool = False) -> dict:
    """Run ``cmd``; return wall and CPU seconds, exit code, max RSS (MB) of it and its children.

    A small launcher process forks and execs ``cmd`` and reports ``wait4``'s
    usage: a child forked from this (large) process would inherit our RSS
    as its high-water mark, so the launcher keeps the figure honest. ``rss_mb``
    is the largest ru_maxrss in the tree. With ``sample``, /proc is read every
    0.1 s and ``procs`` maps each process of the tree to (command, depth,
    VmHWM MB), so pool workers can be told from the main process.
    """
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen([PY, "-S", "-c", LAUNCHER, *cmd], cwd=cwd, stdout=subprocess.PIPE,
                             stderr=err, env=ENV)
        seen: dict[int, tuple[str, int, float]] = {}
        stop = threading.Event()
        thread = None
        if sample:
            thread = threading.Thread(target=_sample_tree, args=(p.pid, seen, stop), daemon=True)
            thread.start()
        out, _ = p.communicate()
        stop.set()
        if thread:
            thread.join()
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    try:
        res = json.loads(out.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        res = {"secs": float("nan"), "rc": p.returncode or -1, "rss_mb": None, "cpu": None}
    res["stderr"] = stderr[-2000:]
    res["procs"] = {pid: v for pid, v in seen.items() if v[1] > 0}  # not the launcher
    return res


def _children(pid: int) -> list[int]:
    out = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(x) for x in fh.read().split()]
        except OSError:
            pass
    return out


def _sample_tree(root: int, seen: dict, stop: threading.Event) -> None:
    while not stop.is_set():
        todo = [(root, 0)]
        while todo:
            pid, depth = todo.pop()
            try:
                with open(f"/proc/{pid}/status") as fh:
                    status = fh.read()
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    cmd = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    seen[pid] = (cmd[:90], depth, int(line.split()[1]) / 1024)
            todo += [(c, depth + 1) for c in _children(pid)]
        stop.wait(0.1)


def median_runs(cmds: dict[str, list[str]], cwd: Path, reps: int, warmup: int = 1) -> dict:
    """Median wall time of ``reps`` runs of each command, interleaved (A B A B …).

    Interleaving keeps a ratio fair when something else loads the machine for
    a while. One untimed ``warmup`` run of each first (disk cache, .pyc, font cache).
    """
    for _ in range(warmup):
        for cmd in cmds.values():
            run_proc(cmd, cwd)
    runs: dict[str, list[dict]] = {k: [] for k in cmds}
    for _ in range(reps):
        for key, cmd in cmds.items():
            runs[key].append(run_proc(cmd, cwd))
    out = {}
    for key, rs in runs.items():
        bad = [r for r in rs if r["rc"] != 0]
        if bad:
            raise RuntimeError(f"{' '.join(cmds[key])} failed (exit {bad[0]['rc']}): "
                               f"{bad[0]['stderr']}")
        out[key] = {"secs": statistics.median(r["secs"] for r in rs),
                    "cpu": statistics.median(r["cpu"] for r in rs),
                    "rss_mb": max(r["rss_mb"] for r in rs),
                    "runs": [round(r["secs"], 4) for r in rs]}
    return out


def first_seen_runs(files: list[Path], out: Path, cwd: Path, reps: int) -> dict:
    """Cold runs on facts never built before: briefgen's pair, its PDF alone, the floor's pair.

    Each repetition takes fresh files (one for the pair, one for the PDF), so
    the validated facts and the fitted scale are not on the disk cache yet (the
    fonts and compiled templates are: they do not change with the content); the
    floor runs on the pair's file, interleaved. Medians, as :func:`median_runs`.
    """
    runs: dict[str, list[dict]] = {"pair": [], "pdf": [], "floor": []}
    for r in range(reps):
        pair_file, pdf_file = files[2 * r], files[2 * r + 1]
        for key, cmd in (("pair", briefgen_cmd("brief", str(pair_file), "-o", str(out))),
                         ("floor", [PY, str(HERE / "floor.py"), str(pair_file), "-o", str(out)]),
                         ("pdf", briefgen_cmd("brief", str(pdf_file), "-f", "pdf", "-o",
                                              str(out)))):
            res = run_proc(cmd, cwd)
            if res["rc"] != 0:
                raise RuntimeError(f"{' '.join(cmd)} failed (exit {res['rc']}): {res['stderr']}")
            runs[key].append(res)
    return {key: {"secs": statistics.median(r["secs"] for r in rs),
                  "cpu": statistics.median(r["cpu"] for r in rs),
                  "runs": [round(r["secs"], 4) for r in rs],
                  "files": [Path(files[2 * i + (key == "pdf")]).name for i in range(len(rs))]}
            for key, rs in runs.items()}


def briefgen_cmd(*args: str) -> list[str]:
    """The console script next to this Python when there is one, else ``python -m briefgen``."""
    script = Path(PY).parent / "briefgen"
    return [str(script), *args] if script.exists() else [PY, "-m", "briefgen", *args]


# ---------------------------------------------------------------- measurements


def warm_per_pair(files: list[Path], out: Path) -> dict:
    """Median seconds per PDF+DOCX pair in this process, briefgen (make_brief) and the floor."""
    from briefgen.sheets.brief import make_brief

    def timed(fn, paths):
        for p in paths[:2]:  # warm-up: imports, fonts, templates
            fn(p)
        ts = []
        for p in paths:
            t0 = time.perf_counter()
            fn(p)
            ts.append(time.perf_counter() - t0)
        return statistics.median(ts)

    (out / "bg").mkdir(parents=True, exist_ok=True)
    (out / "floor").mkdir(parents=True, exist_ok=True)
    scales = []

    def bg(p):
        scales.append(make_brief(p, output=out / "bg").scale)

    bg_secs = timed(bg, files)
    fl_secs = timed(lambda p: floor.write_pair(p, out / "floor"), files)
    pdf_secs = timed(lambda p: make_brief(p, formats=("pdf",), output=out / "bg"), files)
    return {"briefgen": bg_secs, "floor": fl_secs, "briefgen_pdf_only": pdf_secs, "scales": scales}


def shrinking_csto(files: list[Path], out: Path) -> Path:
    """The first CSTO variant the fit sets below scale 1.0 (else the first CSTO one)."""
    from briefgen.sheets.brief import make_brief

    cstos = [f for f in files if f.name.startswith("csto-")] or files
    for f in cstos[:12]:
        if make_brief(f, formats=("pdf",), output=out).scale < 1.0:
            return f
    return cstos[0]


def write_manifest(files: list[Path], folder: Path) -> Path:
    path = folder / "course.yaml"
    lines = ["title: briefgen benchmark", "defaults:", "  output: out-batch", "jobs:"]
    lines += [f"  - facts: {f.name}" for f in files]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def batch_runs(manifest: Path, folder: Path) -> dict:
    res = {}
    for key, args in (("j1", ["-j", "1", "--force"]), ("j2", ["-j", "2", "--force"]),
                      ("incremental", ["-j", "2"])):
        r = run_proc(briefgen_cmd("batch", str(manifest), "-q", *args), folder, sample=True)
        if r["rc"] != 0:
            raise RuntimeError(f"briefgen batch {' '.join(args)} failed (exit {r['rc']}): "
                               f"{r['stderr']}")
        res[key] = r
    return res


def worker_rss(run: dict) -> float | None:
    """Largest VmHWM of a pool worker: a process below the command's main one (not a tracker)."""
    workers = [mb for cmd, depth, mb in run["procs"].values()
               if depth >= 2 and "resource_tracker" not in cmd]
    return max(workers) if workers else None


def main_rss(run: dict) -> float | None:
    """VmHWM of the command's main process (the one that hands out the jobs)."""
    mains = [mb for cmd, depth, mb in run["procs"].values() if depth == 1]
    return max(mains) if mains else None


def floor_batch(files: list[Path], folder: Path, jobs: int) -> dict:
    listing = folder / "files.txt"
    listing.write_text("\n".join(str(f) for f in files) + "\n")
    out = folder / f"out-floor-j{jobs}"
    return run_proc([PY, str(HERE / "floor.py"), "--list", str(listing), "-o", str(out),
                     "-j", str(jobs)], folder, sample=True)


def peers(one: Path, files: list[Path], folder: Path, reps: int) -> dict:
    """WeasyPrint, LibreOffice and pandoc on the floor's rendition of the same content."""
    res: dict[str, dict] = {}
    blocks = floor.load(one)
    peer_dir = folder / "peers"
    peer_dir.mkdir(exist_ok=True)
    html_file = peer_dir / "one.html"
    html_file.write_text(floor.html_text(blocks), encoding="utf-8")
    md_file = peer_dir / "one.md"
    md_file.write_text(floor.markdown_text(blocks), encoding="utf-8")
    docx_file = peer_dir / "one.docx"
    docx_file.write_bytes(floor.docx_bytes(blocks))

    try:
        import weasyprint
    except Exception as exc:  # noqa: BLE001 - missing or missing system libraries
        res["weasyprint"] = {"installed": False, "why": f"{type(exc).__name__}: {exc}"[:200]}
    else:
        docs = [floor.html_text(floor.load(f)) for f in files]
        weasyprint.HTML(string=docs[0]).write_pdf(peer_dir / "w.pdf")  # warm-up
        ts = []
        for h in docs:
            t0 = time.perf_counter()
            weasyprint.HTML(string=h).write_pdf(peer_dir / "w.pdf")
            ts.append(time.perf_counter() - t0)
        cold = median_runs({"w": [PY, "-c", "import sys, weasyprint; "
                                   "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])",
                                   str(html_file), str(peer_dir / "w.pdf")]}, folder, reps)["w"]
        res["weasyprint"] = {"installed": True, "version": weasyprint.__version__,
                             "warm_pdf": statistics.median(ts), "cold_pdf": cold["secs"]}

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        res["libreoffice"] = {"installed": False}
    else:
        profile = f"-env:UserInstallation=file://{peer_dir / 'lo-profile'}"
        base = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(peer_dir / "lo")]
        cold = median_runs({"lo": base + [str(docx_file)]}, folder, reps)["lo"]
        many = []
        for i, f in enumerate(files):
            p = peer_dir / f"many{i:03d}.docx"
            p.write_bytes(floor.docx_bytes(floor.load(f)))
            many.append(str(p))
        r = run_proc(base + many, folder)
        res["libreoffice"] = {"installed": True, "cold_pdf": cold["secs"],
                              "per_pdf_in_one_process": r["secs"] / len(many)}

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        res["pandoc"] = {"installed": False}
    else:
        cold = median_runs({"p": [pandoc, str(md_file), "-o", str(peer_dir / "p.docx")]}, folder,
                           reps)["p"]
        res["pandoc"] = {"installed": True, "cold_docx": cold["secs"]}
    return res


# ---------------------------------------------------------------- report


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                                capture_output=True).stdout.strip()
    except OSError:
        commit = ""
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
            "os": platform.platform(), "briefgen_commit": commit,
            "reportlab": version("reportlab"), "python-docx": version("python-docx")}


def first_seen_rows(seen: dict | None) -> list[dict]:
    """The (info) rows of :func:`first_seen_runs`, when there were files enough to run them."""
    if not seen:
        return []
    note = "facts new to the cache: validated with pydantic, fitted by measuring"
    return [row("cold CLI pair, facts first seen", "s", seen["pair"]["secs"],
                seen["floor"]["secs"], "floor", "briefgen/ref", "(info)", None, note),
            row("cold CLI PDF only, facts first seen", "s", seen["pdf"]["secs"],
                seen["floor"]["secs"], "floor pair", "briefgen/ref", "(info)", None, note)]


def baseline_rows(vs: dict | None) -> list[dict]:
    """The rows of :func:`firstseen.compare`: facts first seen, against an older commit."""
    if not vs:
        return []
    cur, base, ref = vs["current"], vs["baseline"], f"at {vs['baseline_commit']}"
    return [row("warm brief, first seen, vs base", "s", cur["warm_per_brief"], base["warm_per_brief"],
                ref, "ref/briefgen", "≥ 2× faster than baseline", lambda v, r: r >= 2.0,
                f"CPU per brief {cur['warm_cpu_per_brief'] * 1000:.1f} ms vs "
                f"{base['warm_cpu_per_brief'] * 1000:.1f} ms = {vs['warm_cpu_speedup']:.2f}×"),
            row("the floor's warm pair, same files", "s", vs["floor"]["warm_per_pair"],
                base["warm_per_brief"], ref, "ref/briefgen", "(info)", None,
                f"CPU per pair {vs['floor']['warm_cpu_per_pair'] * 1000:.1f} ms: how fast the "
                "libraries alone go (untagged, no templates)"),
            row("cold pair, first seen, vs base", "s", cur["cold_pair"], base["cold_pair"], ref,
                "briefgen/ref", "≤ 1.0× baseline", lambda v, r: r <= 1.0,
                f"CPU {cur['cold_cpu']:.2f} s vs {base['cold_cpu']:.2f} s = "
                f"{vs['cold_cpu_ratio']:.2f}×")]


def row(name, unit, briefgen, ref, ref_name, ratio_kind, target, ok, note=""):
    ratio = None
    if briefgen is not None and ref is not None and briefgen > 0:
        ratio = briefgen / ref if ratio_kind == "briefgen/ref" else ref / briefgen
    return {"name": name, "unit": unit, "briefgen": briefgen, "reference": ref,
            "reference_name": ref_name, "ratio_kind": ratio_kind, "ratio": ratio,
            "target": target, "note": note,
            "ok": ok(briefgen, ratio) if ok and not (ref is None and ratio_kind == "ref/briefgen")
            else None}


def print_table(rows: list[dict]) -> None:
    def fmt(v, unit):
        if v is None:
            return "—"
        return f"{v * 1000:.1f} ms" if unit == "s" and v < 1 else f"{v:.2f} {unit}"

    head = f"{'measure':34} {'briefgen':>11} {'reference':>11} {'ratio':>7}  {'target':22} ok"
    print(head)
    print("-" * len(head))
    for r in rows:
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        ok = {True: "yes", False: "NO", None: ""}[r["ok"]]
        print(f"{r['name']:34} {fmt(r['briefgen'], r['unit']):>11} {fmt(r['reference'], r['unit']):>11} "
              f"{ratio:>7}  {r['target']:22} {ok}")
        if r["note"]:
            print(f"{'':36}{r['note']}")


def _cpu_note(bg: float | None, ref: float | None) -> str:
    if not bg or not ref:
        return ""
    return f"CPU time (user+sys): {bg:.2f} s vs {ref:.2f} s = {bg / ref:.2f}×"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="briefgen benchmark (see docs/benchmarks.md)")
    ap.add_argument("--n", type=int, default=1000, help="facts files (batch jobs); default 1000")
    ap.add_argument("--quick", action="store_true",
                    help="fewer repetitions and no peers: a smoke run, not a measurement")
    ap.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the JSON")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    ap.add_argument("--no-peers", action="store_true", help="skip WeasyPrint, LibreOffice and pandoc")
    ap.add_argument("--reps", type=int, help="repetitions of each cold command (default 7; 3 with "
                    "--quick): raise it on a busy machine")
    ap.add_argument("--baseline", type=Path, help="a checkout of an older commit: adds the rows "
                    "of facts first seen, warm and cold, against it (benchmarks/firstseen.py)")
    a = ap.parse_args(argv)
    reps = a.reps or (3 if a.quick else 7)
    nwarm = 4 if a.quick else 20

    work = a.keep or Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    # Measured processes read and write compiled .pyc files in the work folder, as an
    # installed wheel has them: with PYTHONDONTWRITEBYTECODE set (as in some dev shells)
    # every process would recompile briefgen's ~30 modules from source (~50 ms).
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    facts_dir = work / "facts"
    t_start = time.perf_counter()
    load_before = [round(x, 2) for x in os.getloadavg()]
    files = synth.generate(a.n, facts_dir)
    print(f"{a.n} facts files in {facts_dir}", file=sys.stderr)
    one = files[min(3, len(files) - 1)]  # a csto variant: a full-size brief
    shrunk = shrinking_csto(files, work / "out-probe")  # one the fit must set in smaller type
    sample = [files[i % len(files)] for i in range(nwarm)]
    raw: dict = {}

    # cold: a whole process per pair, and --help
    out1 = work / "out-cold"
    raw["load_average_before_cold"] = [round(x, 2) for x in os.getloadavg()]
    raw.update(median_runs({
        "cold_pair": briefgen_cmd("brief", str(one), "-o", str(out1)),
        "cold_pdf": briefgen_cmd("brief", str(one), "-f", "pdf", "-o", str(out1)),
        "floor_cold_pair": [PY, str(HERE / "floor.py"), str(one), "-o", str(out1)],
        "cold_pair_shrunk": briefgen_cmd("brief", str(shrunk), "-o", str(out1)),
        "cold_pdf_shrunk": briefgen_cmd("brief", str(shrunk), "-f", "pdf", "-o", str(out1)),
        "floor_cold_pair_shrunk": [PY, str(HERE / "floor.py"), str(shrunk), "-o", str(out1)],
        "floor_cold_pair_bgfonts": [PY, str(HERE / "floor.py"), "--briefgen-fonts", str(one),
                                    "-o", str(out1)],
        "floor_cold_pair_deferred": [PY, str(HERE / "floor.py"), "--deferred-patterns", str(one),
                                     "-o", str(out1)],
        "help": briefgen_cmd("--help"),
        "python_startup": [PY, "-c", "pass"],
    }, work, reps))
    raw["load_average_after_cold"] = [round(x, 2) for x in os.getloadavg()]
    raw["cold_files"] = {"one": one.name, "shrunk": shrunk.name, "reps": reps}
    unseen = [f for f in files if f.name.startswith("csto-") and f not in (one, shrunk)][::-1]
    seen_reps = min(reps, len(unseen) // 2)
    raw["first_seen"] = first_seen_runs(unseen, out1, work, seen_reps) if seen_reps else None
    print("cold runs done", file=sys.stderr)
    raw["layout_passes"] = passes.layout_passes()
    if a.baseline:  # facts first seen, this checkout against an older one, interleaved
        raw["first_seen_vs_baseline"] = firstseen.compare(a.baseline.resolve(), reps, 4,
                                                          work / "firstseen")
        raw["first_seen_vs_baseline"]["baseline_commit"] = firstseen.commit_of(a.baseline)
        print("first-seen runs against the baseline done", file=sys.stderr)

    # warm: in this process
    raw["warm"] = warm_per_pair(sample, work / "out-warm")
    print("warm runs done", file=sys.stderr)

    # batch over N files, and the floor's process pool over the same files
    manifest = write_manifest(files, facts_dir)
    batch = batch_runs(manifest, facts_dir)
    raw["batch"] = {k: {"secs": v["secs"], "rss_mb": v["rss_mb"], "processes": {
        str(pid): [cmd, depth, round(mb, 1)] for pid, (cmd, depth, mb) in v["procs"].items()},
        "cpu": v["cpu"]}
        for k, v in batch.items()}
    fl1 = floor_batch(files, work, 1)
    fl2 = floor_batch(files, work, 2)
    raw["floor_batch"] = {k: {"secs": v["secs"], "cpu": v["cpu"], "rss_mb": v["rss_mb"]}
                          for k, v in (("j1", fl1), ("j2", fl2))}
    print("batch runs done", file=sys.stderr)

    if a.quick or a.no_peers:
        raw["peers"] = {k: {"installed": None, "why": "skipped (--quick)" if a.quick else "skipped"}
                        for k in ("weasyprint", "libreoffice", "pandoc")}
    else:
        raw["peers"] = peers(one, sample, work, reps)

    n = a.n
    le = lambda limit: (lambda v, r: r is not None and r <= limit)  # noqa: E731
    ge = lambda limit: (lambda v, r: r is not None and r >= limit)  # noqa: E731
    under = lambda limit: (lambda v, r: v is not None and v <= limit)  # noqa: E731
    j1, j2, inc = batch["j1"]["secs"], batch["j2"]["secs"], batch["incremental"]["secs"]
    wrss = worker_rss(batch["j2"])
    rows = [
        row("cold CLI, one PDF+DOCX pair", "s", raw["cold_pair"]["secs"], raw["floor_cold_pair"]["secs"],
            "floor", "briefgen/ref", "≤ 1.2× floor", le(1.2),
            _cpu_note(raw["cold_pair"]["cpu"], raw["floor_cold_pair"]["cpu"])),
        row("cold CLI, PDF only", "s", raw["cold_pdf"]["secs"], raw["floor_cold_pair"]["secs"],
            "floor pair", "briefgen/ref", "≤ 1.0× floor pair", le(1.0),
            _cpu_note(raw["cold_pdf"]["cpu"], raw["floor_cold_pair"]["cpu"])),
        row("cold CLI pair, shrinking CSTO", "s", raw["cold_pair_shrunk"]["secs"],
            raw["floor_cold_pair_shrunk"]["secs"], "floor", "briefgen/ref", "≤ 1.2× floor", le(1.2),
            _cpu_note(raw["cold_pair_shrunk"]["cpu"], raw["floor_cold_pair_shrunk"]["cpu"])),
        row("cold CLI PDF only, shrinking CSTO", "s", raw["cold_pdf_shrunk"]["secs"],
            raw["floor_cold_pair_shrunk"]["secs"], "floor pair", "briefgen/ref",
            "≤ 1.0× floor pair", le(1.0)),
        *first_seen_rows(raw["first_seen"]),
        *baseline_rows(raw.get("first_seen_vs_baseline")),
        row("floor pair with briefgen's fonts", "s", raw["floor_cold_pair_bgfonts"]["secs"],
            raw["floor_cold_pair"]["secs"], "floor", "briefgen/ref", "(info)", None,
            "the floor registering its fonts through briefgen (parsed faces from the cache)"),
        row("floor pair with deferred patterns", "s", raw["floor_cold_pair_deferred"]["secs"],
            raw["floor_cold_pair"]["secs"], "floor", "briefgen/ref", "(info)", None,
            "the floor importing PyYAML and reportlab as briefgen does (briefgen/lazy_patterns.py)"),
        row("layout builds per bundled sheet", "×",
            max(r["most_builds_per_fit"] for r in raw["layout_passes"]), None, "", "briefgen/ref",
            "≤ 2 (most of any sheet)", under(2), "see the table of passes below"),
        row("in-process, per PDF only (warm)", "s", raw["warm"]["briefgen_pdf_only"], None, "",
            "briefgen/ref", "(info)", None),
        row("briefgen --help", "s", raw["help"]["secs"], raw["python_startup"]["secs"],
            "python -c pass", "briefgen/ref", "≤ 0.15 s", under(0.15)),
        row("in-process, per pair (warm)", "s", raw["warm"]["briefgen"], raw["warm"]["floor"],
            "floor", "briefgen/ref", "≤ 1.3× floor", le(1.3)),
        row(f"batch {n} pairs -j1", "s", j1, fl1["secs"], "floor -j1", "briefgen/ref", "(info)", None),
        # No CPU note here: briefgen's pool workers are children of multiprocessing's
        # forkserver, which nobody waits for, so wait4 in the launcher misses their CPU.
        row(f"batch {n} pairs -j2", "s", j2, fl2["secs"], "floor Pool(2)", "briefgen/ref",
            "≤ 1.2× floor", le(1.2)),
        row("batch speed-up -j1/-j2", "×", j1 / j2, fl1["secs"] / fl2["secs"], "floor speed-up",
            "briefgen/ref", "≥ 1.8×", lambda v, r: v >= 1.8),
        row(f"incremental rerun, {n} unchanged", "s", inc, None, "", "briefgen/ref",
            "≤ 2 s (1000 jobs)", under(2.0)),
        row("peak RSS, cold CLI pair", "MB", raw["cold_pair"]["rss_mb"], raw["floor_cold_pair"]["rss_mb"],
            "floor", "briefgen/ref", "≤ 120 MB", under(120)),
        row("peak RSS, batch -j2 worker", "MB", wrss, worker_rss(fl2), "floor worker",
            "briefgen/ref", "≤ 120 MB", under(120)),
        row("peak RSS, batch -j2 main process", "MB", main_rss(batch["j2"]), main_rss(fl2), "floor",
            "briefgen/ref", "(info)", None),
    ]
    wp, lo, pd = raw["peers"]["weasyprint"], raw["peers"]["libreoffice"], raw["peers"]["pandoc"]
    miss = lambda p: "skipped (--quick)" if a.quick else (  # noqa: E731
        "not installed" if not p.get("installed") else "")
    rows += [
        row("WeasyPrint, per PDF (warm)", "s", raw["warm"]["briefgen_pdf_only"], wp.get("warm_pdf"),
            "WeasyPrint", "ref/briefgen", "≥ 3× (vs briefgen PDF)", ge(3.0), miss(wp)),
        row("WeasyPrint, cold process per PDF", "s", raw["cold_pdf"]["secs"], wp.get("cold_pdf"),
            "WeasyPrint", "ref/briefgen", "≥ 3× (vs briefgen PDF)", ge(3.0), miss(wp)),
        row("LibreOffice DOCX→PDF, cold", "s", raw["cold_pdf"]["secs"], lo.get("cold_pdf"),
            "soffice", "ref/briefgen", "≥ 3× (vs briefgen PDF)", ge(3.0), miss(lo)),
        row("LibreOffice DOCX→PDF, many/process", "s", raw["warm"]["briefgen_pdf_only"],
            lo.get("per_pdf_in_one_process"), "soffice", "ref/briefgen", "≥ 3× (vs warm PDF)",
            ge(3.0), miss(lo)),
        row("pandoc MD→DOCX, cold", "s", raw["cold_pair"]["secs"], pd.get("cold_docx"), "pandoc",
            "ref/briefgen", "(info)", None, miss(pd)),
    ]
    scales = raw["warm"]["scales"]
    result = {"n": n, "quick": a.quick, "date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(),
              "rows": rows, "raw": raw, "fit_scales_sample": {str(s): scales.count(s) for s in set(scales)},
              "wall_seconds": round(time.perf_counter() - t_start, 1), "load_average_at_start": load_before}
    print(f"\nbriefgen benchmark, N={n}{' (quick)' if a.quick else ''}; {result['machine']['cpu']}, "
          f"{result['machine']['cores']} cores, Python {result['machine']['python']}")
    print_table(rows)
    print(f"\ncold files: {one.name} (fits at 1.0), {shrunk.name} (shrunk); {reps} runs each, "
          f"interleaved; load average {raw['load_average_before_cold']} before the cold runs, "
          f"{raw['load_average_after_cold']} after\n")
    passes.print_passes(raw["layout_passes"])
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n",
                      encoding="utf-8")
    print(f"\nJSON: {a.json}", file=sys.stderr)
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
