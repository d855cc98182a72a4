"""Batch under attack: a planted lock link, folders for facts, a broken template, SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hardening import ROOT, assert_refused, cli, course, descendants, listing, still_running

from briefgen.course.run import run_batch


def test_a_lock_file_that_is_a_symlink_is_refused_and_its_target_untouched(tmp_path):
    manifest = course(tmp_path)
    out = manifest.parent / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (out / ".briefgen.lock").symlink_to(victim)
    run = cli("batch", manifest)
    assert_refused(run, ".briefgen.lock: the lock file is a symbolic link", out=out,
                   before=[".briefgen.lock"])
    assert victim.read_text() == "precious\n"


def test_a_lock_file_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    manifest = course(tmp_path)
    out = manifest.parent / "out"
    out.mkdir()
    os.mkfifo(out / ".briefgen.lock")
    run = cli("batch", manifest, timeout=30)
    assert_refused(run, "the lock file is a named pipe", out=out, before=[".briefgen.lock"])


def test_a_glob_matching_only_folders_says_it_matched_no_facts_file(tmp_path):
    manifest = course(tmp_path, extra="  - facts: 'dirs/*.yaml'\n")
    (manifest.parent / "dirs" / "a.yaml").mkdir(parents=True)
    out = manifest.parent / "out"
    run = cli("batch", manifest)
    assert_refused(run, f"{manifest}:6: 'dirs/*.yaml' matches no facts file", out=out)


def test_a_template_that_is_not_utf8_fails_its_own_job_only(tmp_path):
    manifest = course(tmp_path, n=1, extra="  - facts: facts/m0.yaml\n    template: bad.md.j2\n")
    (manifest.parent / "bad.md.j2").write_bytes(b"# {{ facts.name }}\n\xff\xfe\n")
    run = cli("batch", manifest)
    assert run.code == 1, run.stderr
    assert "bad.md.j2:2: not UTF-8 text (byte 0xff)" in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert (manifest.parent / "out" / "m0.pdf").is_file()  # the other job was built


def test_briefgen_templates_survives_a_template_that_is_not_utf8_or_a_fifo(tmp_path):
    (tmp_path / "bad.md.j2").write_bytes(b"{#- bad: \xff -#}\n")
    os.mkfifo(tmp_path / "pipe.md.j2")
    run = cli("templates", "--templates", tmp_path, timeout=30)
    assert run.code == 0, run.stderr
    assert "bad" in run.stdout and "pipe" in run.stdout and "cannot be read" in run.stdout


POOL_JOBS = 64
"""Jobs for the tests that stop a running pool: a small sheet takes ~0.05 s once the caches
are warm, so 16 jobs could all finish before the signal arrived; 64 keep the pool busy."""


def test_workers_end_when_the_batch_process_is_killed_outright(tmp_path):
    manifest = course(tmp_path, n=POOL_JOBS)
    out = manifest.parent / "out"
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "batch", manifest, "-j", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(out.glob("*.pdf")):
        time.sleep(0.05)
    helpers = descendants(proc.pid)
    assert helpers
    proc.kill()  # not reaped yet: a zombie, as under a parent that waits for stderr's end
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and still_running(helpers):
        time.sleep(0.2)
    left = still_running(helpers)
    for pid in left:  # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert left == [], "orphaned workers, fork server or resource tracker kept running"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver and /proc: Linux")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_stops_the_pool_keeps_finished_jobs_and_exits_143(tmp_path, signame):
    manifest = course(tmp_path, n=POOL_JOBS)
    out = manifest.parent / "out"
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "batch", manifest, "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(out.glob("*.pdf")):
        time.sleep(0.05)  # wait for the first finished job: the pool is running
    helpers = descendants(proc.pid)
    assert helpers, "the pool should be running"
    proc.send_signal(getattr(signal, signame))
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + getattr(signal, signame), stderr
    assert f"stopped by {signame}" in stderr and "Traceback" not in stderr
    time.sleep(0.5)
    alive = [p for p in helpers if Path(f"/proc/{p}").exists()
             and "Z" not in (Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0])]
    assert alive == [], f"workers, fork server or resource tracker left running: {alive}"
    assert not [n for n in listing(out) if n.endswith(".tmp")]
    built = sorted(p.name for p in out.glob("*.pdf"))
    assert built and len(built) < POOL_JOBS and set(stdout.split()) >= {str(out / n) for n in built}
    again = cli("batch", manifest)  # the next run builds only what is missing
    assert again.code == 0, again.stderr
    assert f"{len(built)} up to date" in again.stderr


def test_sigterm_in_process_raises_terminated_and_the_state_keeps_finished_jobs(tmp_path):
    from briefgen.course import run as run_module
    from briefgen.course.signals import Terminated

    manifest = course(tmp_path, n=3)
    real = run_module.run_job
    count = {"n": 0}

    def job_then_signal(job):
        outcome = real(job)
        count["n"] += 1
        if count["n"] == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        return outcome

    run_module.run_job = job_then_signal
    try:
        with pytest.raises(Terminated) as info:
            run_batch(manifest, workers=1)
    finally:
        run_module.run_job = real
    assert info.value.exit_code == 143
    assert not [n for n in listing(manifest.parent / "out") if n.endswith(".tmp")]
    # the job the signal came in finished and was recorded; only the third is left
    summary = run_batch(manifest, workers=1)
    assert len(summary.skipped) == 2 and len(summary.built) == 1



def test_jobs_option_far_above_the_cores_starts_a_bounded_pool(tmp_path, monkeypatch):
    from briefgen.course import run as run_module

    seen = {}

    def fake_execute(jobs, workers, done):
        seen["workers"] = workers

    monkeypatch.setattr(run_module, "execute", fake_execute)
    monkeypatch.setattr(run_module, "POOL_FROM_JOBS", 1)
    manifest = course(tmp_path, n=70)
    run_batch(manifest, workers=100_000)
    assert seen["workers"] == run_module.MAX_WORKERS


def test_a_lock_file_hard_linked_to_another_file_is_refused(tmp_path):
    manifest = course(tmp_path)
    out = manifest.parent / "out"
    out.mkdir()
    victim = out / "victim.txt"  # same file system: a hard link is possible
    victim.write_text("precious\n")
    os.link(victim, out / ".briefgen.lock")
    run = cli("batch", manifest)
    assert_refused(run, "the lock file has other names (hard links)")
    assert victim.read_text() == "precious\n"


def test_a_signal_while_the_pool_starts_waits_until_it_has_started_then_stops_it(tmp_path):
    """A SIGTERM inside pool start-up once left a worker the pool did not know (a hang)."""
    import multiprocessing

    from briefgen.course import run as run_module
    from briefgen.course.signals import Terminated

    manifest = course(tmp_path, n=6)
    real = run_module.ProcessPoolExecutor
    raised_inside = []

    class SignalledPool(real):
        def submit(self, *args, **kw):
            if not raised_inside:
                raised_inside.append(True)
                os.kill(os.getpid(), signal.SIGTERM)  # arrives in the middle of start-up
            return super().submit(*args, **kw)

    run_module.ProcessPoolExecutor = SignalledPool
    try:
        with pytest.raises(Terminated):
            run_batch(manifest, workers=2)
    finally:
        run_module.ProcessPoolExecutor = real
    assert multiprocessing.active_children() == []
    assert not [n for n in listing(manifest.parent / "out") if n.endswith(".tmp")]
