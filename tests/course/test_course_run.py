"""``briefgen batch``: manifests, parallel and incremental builds, failures, pack, lock, kills."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.cli import cli
from briefgen.course.manifest import load_manifest
from briefgen.course.state import LOCK_FILE, STATE_FILE, Digests, RunLock, State
from briefgen.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = DATA.parent.parent


@pytest.fixture
def course(tmp_path) -> Path:
    """A copy of tests/data with ``course/orgs/org01..org12.yaml``; returns the course folder."""
    shutil.copytree(DATA, tmp_path / "data")
    folder = tmp_path / "data" / "course"
    make_orgs(folder, 12)
    return folder


def make_orgs(folder: Path, n: int) -> None:
    """Write ``n`` copies of mini.yaml with ids org01, org02, … into ``folder/orgs``."""
    (folder / "orgs").mkdir(exist_ok=True)
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    for i in range(1, n + 1):
        (folder / "orgs" / f"org{i:02d}.yaml").write_text(
            text.replace("id: mini", f"id: org{i:02d}"), encoding="utf-8")


def run(*args: str):
    """Run ``briefgen batch`` in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(cli, ["batch", *map(str, args)], catch_exceptions=False)


def summary_counts(stderr: str) -> tuple[int, int, int]:
    """(built, skipped, failed) from the summary line."""
    line = [x for x in stderr.splitlines() if x.startswith("briefgen: built")][-1]
    words = line.replace(",", "").split()
    return int(words[2]), int(words[4]), int(words[6])


def add_job(manifest: Path, text: str) -> None:
    """Append a job entry (YAML lines, indented as a list item) to a manifest."""
    manifest.write_text(manifest.read_text(encoding="utf-8") + text, encoding="utf-8")


# ---- the manifest -----------------------------------------------------------

def test_glob_expands_to_one_job_per_file(course):
    manifest = load_manifest(course / "course.yaml")
    names = [job.name for job in manifest.jobs]
    assert names == [f"org{i:02d}-brief" for i in range(1, 13)] + ["org01-vs-pact"]
    assert all(Path(job.facts[0]).is_absolute() for job in manifest.jobs)
    assert manifest.output == course / "out"
    assert manifest.jobs[-1].kind == "comparison" and len(manifest.jobs[-1].facts) == 2


@pytest.mark.parametrize("name", ["../x", "/abs/x", "sub/x"])
def test_output_name_escaping_the_folder_is_refused_with_its_line(course, name):
    add_job(course / "course.yaml", f"  - facts: orgs/org02.yaml\n    output: {name}\n")
    line = len((course / "course.yaml").read_text().splitlines())
    result = run(course / "course.yaml")
    assert result.exit_code == 1
    assert f"course.yaml:{line}: output: '{name}' must be a plain file name" in result.stderr
    assert not (course / "out").exists()


def test_manifest_problems_are_all_reported_with_lines(course):
    (course / "bad.yaml").write_text(
        "defaults:\n  formats: [pdf, odt]\n  colour: red\n"
        "jobs:\n  - facts: nowhere/*.yaml\n  - kind: compare\n    facts: [orgs/org01.yaml]\n",
        encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_manifest(course / "bad.yaml")
    text = "\n".join(info.value.lines())
    assert "bad.yaml:2: 'defaults.formats[2]'" in text
    assert "bad.yaml:3: unknown key 'colour'" in text
    (course / "bad.yaml").write_text(
        "jobs:\n  - facts: nowhere/*.yaml\n  - kind: compare\n    facts: [orgs/org01.yaml]\n"
        "  - facts: orgs/org01.yaml\n  - facts: orgs/org01.yaml\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_manifest(course / "bad.yaml")
    text = "\n".join(info.value.lines())
    assert "bad.yaml:2: 'nowhere/*.yaml' matches no file" in text
    assert "bad.yaml:4: a comparison job needs two or more facts files" in text
    assert "bad.yaml:6: output 'org01-brief' is also written by the job at line 5" in text


# ---- building -----------------------------------------------------------------

def test_broken_job_does_not_stop_the_others(course):
    add_job(course / "course.yaml", "  - facts: broken.yaml\n")
    result = run(course / "course.yaml", "-j", "2")
    assert result.exit_code == 1, result.stderr
    assert summary_counts(result.stderr) == (13, 0, 1)
    assert "failed: broken-brief: " in result.stderr
    assert "broken.yaml:14: source 'no-such-source' is not listed" in result.stderr
    assert "Traceback" not in result.stderr
    written = result.stdout.split()
    assert len(written) == 13 and all(Path(p).is_file() for p in written)
    assert not (course / "out" / "broken-brief.pdf").exists()


def test_incremental_rebuilds_only_what_changed(course):
    out = course / "out"
    first = run(course / "course.yaml", "-j", "1")
    assert first.exit_code == 0, first.stderr
    assert summary_counts(first.stderr) == (13, 0, 0)

    again = run(course / "course.yaml")
    assert again.exit_code == 0
    assert summary_counts(again.stderr) == (0, 13, 0)
    assert again.stdout == ""

    facts = course / "orgs" / "org01.yaml"  # used by a brief and the comparison
    facts.write_text(facts.read_text().replace("Testville", "Testburg"), encoding="utf-8")
    (out / "org05-brief.pdf").unlink()
    (out / "org07-brief.pdf").write_bytes(b"edited by hand")
    changed = run(course / "course.yaml", "-j", "1")
    assert changed.exit_code == 0
    assert sorted(Path(p).name for p in changed.stdout.split()) == [
        "org01-brief.pdf", "org01-vs-pact.pdf", "org05-brief.pdf", "org07-brief.pdf"]
    assert len(PdfReader(out / "org07-brief.pdf").pages) == 1

    forced = run(course / "course.yaml", "-j", "1", "--force", "--quiet")
    assert summary_counts(forced.stderr) == (13, 0, 0)
    assert "built org" not in forced.stderr  # quiet: only failures and the summary


def test_template_edit_and_option_change_rebuild(course):
    tpl = course / "mine.md.j2"
    tpl.write_text('# {{ meta.title }}\n\n{% include "part.md.j2" %}\n', encoding="utf-8")
    part = course / "part.md.j2"
    part.write_text("One line.\n", encoding="utf-8")
    (course / "c.yaml").write_text(
        "defaults:\n  formats: pdf\njobs:\n  - facts: orgs/org0[12].yaml\n    template: mine.md.j2\n"
        "  - facts: orgs/org03.yaml\n", encoding="utf-8")
    assert summary_counts(run(course / "c.yaml", "-j", "1").stderr) == (3, 0, 0)
    part.write_text("Two lines.\n", encoding="utf-8")  # included by mine.md.j2
    assert summary_counts(run(course / "c.yaml", "-j", "1").stderr) == (2, 1, 0)
    text = (course / "c.yaml").read_text().replace("formats: pdf", "formats: [pdf, docx]")
    (course / "c.yaml").write_text(text, encoding="utf-8")
    assert summary_counts(run(course / "c.yaml", "-j", "1").stderr) == (3, 0, 0)


def test_a_course_moved_elsewhere_is_still_up_to_date(course, tmp_path):
    assert run(course / "course.yaml", "-j", "1").exit_code == 0
    moved = tmp_path / "elsewhere"
    shutil.move(str(course.parent), str(moved))
    result = run(moved / "course" / "course.yaml")
    assert summary_counts(result.stderr) == (0, 13, 0)


def test_a_bug_in_a_job_is_its_failure_not_a_traceback(course, monkeypatch):
    import briefgen.course.job as worker

    real = worker.build_job

    def flaky(job):
        if job.name == "org03-brief":
            raise ZeroDivisionError("division by zero")
        return real(job)

    monkeypatch.setattr(worker, "build_job", flaky)
    result = run(course / "course.yaml", "-j", "1")
    assert result.exit_code == 1
    assert "failed: org03-brief: internal error (ZeroDivisionError: division by zero)" in result.stderr
    assert "Traceback" not in result.stderr
    assert summary_counts(result.stderr) == (12, 0, 1)


# ---- the course pack ---------------------------------------------------------

def test_pack_merges_pdfs_with_a_bookmark_per_job_and_zips_with_index(course):
    (course / "course.yaml").write_text(
        (course / "course.yaml").read_text().replace("formats: [pdf]", "formats: [pdf, docx]"))
    result = run(course / "course.yaml", "--pack", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert "not tagged" not in result.stderr  # tests/course/test_pack_tagged.py reads the tree
    out = course / "out"
    pack = PdfReader(out / "course-pack.pdf")
    assert "/StructTreeRoot" in pack.trailer["/Root"]
    pdfs = sorted(out.glob("org*.pdf"))
    assert len(pdfs) == 13
    assert len(pack.pages) == 2 + sum(len(PdfReader(p).pages) for p in pdfs)  # cover, contents
    titles = [item.title for item in pack.outline]
    assert len(titles) == 13  # one bookmark per sheet
    assert titles[0] == PdfReader(out / "org01-brief.pdf").metadata.title
    cover, contents = (" ".join(pack.pages[i].extract_text().split()) for i in (0, 1))
    assert "Test course" in cover and "Course pack".upper() in cover and "Prepared" in cover
    assert "Contents" in contents and "Briefing sheets" in contents and "Comparisons" in contents
    first_pages = [pack.get_destination_page_number(item) + 1 for item in pack.outline]
    assert first_pages[:2] == [3, 4]  # the contents give each sheet's page
    assert f"{titles[0]} 3" in contents
    for n in (2, 3, len(pack.pages)):  # continuous numbers after the cover
        assert f"Page {n}" in pack.pages[n - 1].extract_text()
    with zipfile.ZipFile(out / "course-pack.zip") as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read("index.csv").decode())))
        assert len(rows) == 26
        for row in rows:
            assert hashlib.sha256(zf.read(row["file"])).hexdigest() == row["sha256"]
            assert row["sha256"] == hashlib.sha256((out / row["file"]).read_bytes()).hexdigest()
    again = run(course / "course.yaml", "--pack")
    assert again.stdout == "" and "course pack up to date" in again.stderr


# ---- locks, kills and speed ---------------------------------------------------

def test_second_run_on_the_same_folder_is_refused(course):
    (course / "out").mkdir()
    with RunLock(course / "out"):
        result = run(course / "course.yaml")
    assert result.exit_code == 1
    assert LOCK_FILE in result.stderr and f"pid {os.getpid()}" in result.stderr
    assert "another briefgen batch run" in result.stderr
    assert run(course / "course.yaml", "-j", "1").exit_code == 0  # released


def test_lock_without_flock_uses_an_exclusive_file(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "fcntl", None)  # as on Windows
    with RunLock(tmp_path):
        assert (tmp_path / LOCK_FILE).read_text().strip() == str(os.getpid())
        with pytest.raises(InputError, match=rf"pid {os.getpid()}.*delete the lock file"):
            RunLock(tmp_path).__enter__()
    assert not (tmp_path / LOCK_FILE).exists()


def test_on_a_terminal_a_progress_bar_shows_and_paths_follow_it(course):
    """stdout and stderr on one terminal: the bar is drawn, paths come after it, whole."""
    (course / "broken.yaml").unlink()  # a clean run
    master, slave = os.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100")
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "batch",
                             str(course / "course.yaml"), "-j", "1"],
                            stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    lines = [x for x in b"".join(chunks).decode().replace("\r", "\n").split("\n") if x.strip()]
    assert any("Building  [" in line for line in lines), lines
    paths = [line for line in lines if line.endswith(".pdf")]
    assert len(paths) == len(list((course / "out").glob("*.pdf"))) >= 12
    assert all(Path(p).is_file() for p in paths)
    assert not [line for line in lines if "Building" in line and ".pdf" in line]


def test_ctrl_c_stops_soon_and_keeps_what_finished(course):
    make_orgs(course, 80)  # enough that the pool is still busy when Ctrl-C comes (~0.05 s a job)
    out = course / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "batch", str(course / "course.yaml"),
                             "-j", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 4:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err
    state = json.loads((out / STATE_FILE).read_text())
    assert set(state["jobs"]) == {p.stem for p in out.glob("*.pdf")}
    result = run(course / "course.yaml", "-j", "1")
    assert summary_counts(result.stderr) == (81 - len(state["jobs"]), len(state["jobs"]), 0)


def test_killed_run_leaves_whole_files_and_the_next_run_finishes(course):
    make_orgs(course, 22)
    (course / "course.yaml").write_text(
        (course / "course.yaml").read_text().replace("formats: [pdf]", "formats: [pdf, docx]"))
    out = course / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "batch", str(course / "course.yaml"),
                             "-j", "1", "--quiet"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    done = list(out.glob("*.pdf"))
    assert 3 <= len(done) < 23, "the run should have been killed halfway"
    for pdf in done:
        assert len(PdfReader(pdf).pages) >= 1
    for docx in out.glob("*.docx"):
        assert zipfile.ZipFile(docx).testzip() is None

    result = run(course / "course.yaml", "-j", "2")
    assert result.exit_code == 0, result.stderr
    built, skipped, failed = summary_counts(result.stderr)
    assert built + skipped == 23 and failed == 0 and built >= 23 - len(done)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
        STATE_FILE, LOCK_FILE]
    state = json.loads((out / STATE_FILE).read_text())
    assert len(state["jobs"]) == 23


def test_stale_temps_are_removed_once_per_run_not_once_per_file(course, monkeypatch):
    """Batch clears a killed run's temp files under its lock; jobs do not list the folder again."""
    import briefgen.outputs as outputs

    out = course / "out"
    out.mkdir()
    stale = out / ".org05-brief.pdf.k1ll3d.tmp"
    stale.write_bytes(b"%PDF-1.4 half")
    calls = []
    real = outputs.remove_stale_temps
    monkeypatch.setattr(outputs, "remove_stale_temps",
                        lambda path, *a: calls.append(path) or real(path, *a))
    result = run(course / "course.yaml", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert not stale.exists()
    assert calls == []
    outputs.write_atomic(out / "note.txt", b"outside batch: swept as usual")
    assert calls == [out / "note.txt"]


def test_no_change_rerun_of_1000_jobs_skips_them_all(tmp_path):
    """1000 up-to-date jobs are all skipped (how fast is measured by benchmarks/run.py)."""
    from briefgen.course.run import run_batch

    make_orgs(tmp_path, 0)
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    for i in range(1000):
        (tmp_path / "orgs" / f"o{i:04d}.yaml").write_text(text.replace("id: mini", f"id: o{i}"))
    (tmp_path / "c.yaml").write_text("defaults:\n  formats: [pdf, docx]\njobs:\n"
                                     "  - facts: orgs/*.yaml\n")
    manifest = load_manifest(tmp_path / "c.yaml")
    out = manifest.output
    out.mkdir()
    state, digests = State(out), Digests()
    for job in manifest.jobs:  # pretend a previous run wrote every output
        outputs = {}
        for name in job.output_files():
            data = f"{name} " .encode() * 2000  # about the size of a brief
            (out / name).write_bytes(data)
            outputs[name] = hashlib.sha256(data).hexdigest()
        state.record(job.name, digests.job_input(job), outputs)
    state.save()
    summary = run_batch(tmp_path / "c.yaml")
    assert (len(summary.built), len(summary.skipped), len(summary.failed)) == (0, 1000, 0)
