"""Fault injection: a failing file system call anywhere in a write, signals at random
moments of a batch, a read-only output folder. What must hold: every output is the
complete previous file or the complete new one, the message says which, no temp
file is left, and the next run repairs everything.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hardening import course, descendants, still_running
from hypothesis import given
from hypothesis import strategies as st
from mutations import fuzz_settings

from briefgen import outputs
from briefgen.errors import OutputError

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.yaml"
ERRNOS = [errno.ENOSPC, errno.EIO, errno.EACCES, errno.EROFS, errno.EDQUOT]
CALLS = ["mkstemp", "fsync", "chmod", "link", "replace"]


class Faults:
    """Counts file-system calls of ``outputs`` and fails the ``fail_at``-th one."""

    def __init__(self, fail_at: int, err: int):
        self.n, self.fail_at, self.err = 0, fail_at, err

    def wrap(self, func):
        def call(*args, **kw):
            self.n += 1
            if self.n == self.fail_at:
                raise OSError(self.err, os.strerror(self.err))
            return func(*args, **kw)
        return call


@fuzz_settings()
@given(fail_at=st.integers(1, 14), err=st.sampled_from(ERRNOS), existing=st.booleans(),
       count=st.integers(1, 3))
def test_any_single_fault_in_a_write_leaves_old_or_new_files_and_a_true_message(
        tmp_path_factory, fail_at, err, existing, count):
    folder = tmp_path_factory.mktemp("w")
    paths = [folder / f"f{i}.out" for i in range(count)]
    if existing:
        for p in paths:
            p.write_bytes(b"old " + p.name.encode())
    faults = Faults(fail_at, err)
    patch = pytest.MonkeyPatch()
    patch.setattr(outputs.tempfile, "mkstemp", faults.wrap(outputs.tempfile.mkstemp))
    for name in CALLS[1:]:
        patch.setattr(outputs.os, name, faults.wrap(getattr(os, name)))
    try:
        outputs.write_all_atomic({p: b"new " + p.name.encode() for p in paths})
        failed = None
    except OutputError as exc:
        failed = str(exc)
    finally:
        patch.undo()
    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(".tmp")], names  # no temp file left
    if failed is None:
        assert all(p.read_bytes() == b"new " + p.name.encode() for p in paths)
        return
    replaced = []
    if "already replaced by the new version: " in failed:
        replaced = failed.split("already replaced by the new version: ")[1].split(";")[0]
        replaced = replaced.split(", ")
    else:
        assert "the previous files are unchanged" in failed, failed
    for p in paths:
        if p.name in replaced:
            assert p.read_bytes() == b"new " + p.name.encode()
        elif existing:
            assert p.read_bytes() == b"old " + p.name.encode(), failed
        else:
            assert not p.exists(), failed


def _complete(path: Path) -> bool:
    import zipfile

    from pypdf import PdfReader

    try:
        if path.suffix == ".pdf":
            return len(PdfReader(path).pages) >= 1
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None
    except Exception:  # noqa: BLE001 - any failure to read means "not complete"
        return False


@pytest.mark.slow  # the signal fuzz: batches killed at random moments
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and forkserver: Linux")
@fuzz_settings(0.1)
@given(delay=st.floats(0.0, 4.0), sig=st.sampled_from(["SIGTERM", "SIGINT", "SIGHUP", "SIGKILL"]),
       workers=st.sampled_from([1, 2]))
def test_a_signal_at_any_moment_of_a_batch_leaves_complete_files_and_a_repairable_state(
        tmp_path_factory, delay, sig, workers):
    manifest = course(tmp_path_factory.mktemp("c"), 8, formats="pdf, docx")
    out = manifest.parent / "out"
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "batch", manifest, "-j",
                             str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, start_new_session=True)
    time.sleep(delay)
    helpers = descendants(proc.pid)
    proc.send_signal(getattr(signal, sig))
    _, stderr = proc.communicate(timeout=120)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and still_running(helpers):
        time.sleep(0.2)
    left = still_running(helpers)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"workers or pool helpers outlived the batch ({sig} after {delay:.2f} s)"
    # Ctrl-C while Python itself is still starting is Python's traceback, not ours
    # (or "Fatal Python error" and exit 1 during its site import): nothing has begun then
    # Click's "Aborted!" (exit 1) when Ctrl-C comes before the batch command runs
    early = (sig == "SIGINT" and "briefgen:" not in stderr
             and ("KeyboardInterrupt" in stderr or stderr.strip() == "Aborted!"))
    assert early or "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    number = getattr(signal, sig)
    # 128+n: stopped cleanly; -n: the signal came before briefgen's handler (nothing begun)
    assert early or proc.returncode in (0, 128 + number, -number), (proc.returncode, stderr)
    if sig == "SIGKILL":  # the pool dies with its parent's pipes; give it a moment
        time.sleep(1.0)
    else:
        assert not [p.name for p in out.glob(".*.tmp")] if out.exists() else True
    for path in list(out.glob("*.pdf")) + list(out.glob("*.docx")) if out.exists() else []:
        assert _complete(path), path
    again = subprocess.run([sys.executable, "-m", "briefgen", "batch", manifest],
                           capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == [f"m{i}.pdf" for i in range(8)]
    assert not list(out.glob(".*.tmp")) or sig == "SIGKILL"


@pytest.mark.skipif(not (sys.platform.startswith("linux") and os.geteuid() == 0),
                    reason="bind mounts need root on Linux")
def test_a_read_only_output_folder_is_refused_and_left_as_it_was(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "briefgen", "brief", MINI, "-o", out],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    done = subprocess.run(["mount", "--bind", str(out), str(out)], capture_output=True)
    if done.returncode:
        pytest.skip(done.stderr.decode())
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(out)], check=True)
        facts = tmp_path / "f.yaml"
        facts.write_text(MINI.read_text(encoding="utf-8").replace("Testville", "Otherville"),
                         encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "briefgen", "brief", facts, "-o", out],
                             capture_output=True, text=True)
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr and str(out) in run.stderr
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    finally:
        subprocess.run(["umount", "-l", str(out)], check=False)
