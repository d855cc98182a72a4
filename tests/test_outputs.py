"""Where outputs go and what survives faults: bad folders, full disks, hostile names, kills.

Outputs are staged as temporary files in the output folder and renamed into
place only when every format is on disk, so a failure at any point leaves the
previous files byte-for-byte as they were.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import briefgen.outputs
from briefgen.cli import cli
from briefgen.errors import InputError
from briefgen.outputs import safe_output_name

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.yaml"
NATO = ROOT / "facts" / "nato.yaml"


def brief(out: Path, *extra: str):
    return CliRunner().invoke(cli, ["brief", str(MINI), "-o", str(out), *extra],
                              catch_exceptions=False)


def assert_output_error(result, *expected: str):
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_output_folder_that_is_a_file(tmp_path):
    target = tmp_path / "out"
    target.write_text("not a folder")
    assert_output_error(brief(target), f"{target}: output folder is a file")
    assert target.read_text() == "not a folder"


def test_output_folder_whose_parent_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "out"
    assert_output_error(brief(target), f"{target}: cannot create output folder (Not a directory)")


def test_unwritable_output_folder(tmp_path, monkeypatch):
    """Root writes anywhere, so the permission check is simulated with os.access."""
    target = tmp_path / "out"
    target.mkdir()
    real_access = os.access

    def access(path, mode, **kwargs):
        if Path(path) == target and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(briefgen.outputs.os, "access", access)
    assert_output_error(brief(target), f"{target}: output folder is not writable")
    assert list(target.iterdir()) == []


@pytest.mark.parametrize("fail_on", [1, 2], ids=["pdf-write-fails", "docx-write-fails"])
def test_full_disk_keeps_previous_outputs_and_leaves_no_temp_files(tmp_path, monkeypatch, fail_on):
    out = tmp_path / "out"
    assert brief(out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_fdopen, calls = os.fdopen, []

    class FullDisk:
        """A file whose writes put half the data on disk, then fail with ENOSPC."""

        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.fh, name)

    def fdopen(fd, *args, **kwargs):
        calls.append(fd)
        fh = real_fdopen(fd, *args, **kwargs)
        return FullDisk(fh) if len(calls) == fail_on else fh

    monkeypatch.setattr(briefgen.outputs.os, "fdopen", fdopen)
    # a different date makes the new outputs differ from the old ones
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    result = brief(out)
    assert_output_error(result, "cannot write (disk is full); the previous files are unchanged")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp file, old bytes


@pytest.mark.parametrize("name, message", [
    ("..", "empty output name"),
    ("../escape", "must be a plain file name"),
    ("a/../../b", "must be a plain file name"),
    ("/etc/passwd", "must be a plain file name"),
    ("sub\\name", "must be a plain file name"),
    (".hidden", "characters not allowed"),
    ("name.", "characters not allowed"),
    ("a:b", "characters not allowed"),
    ("tab\tname", "characters not allowed"),
    ("new\nline", "characters not allowed"),
    ("CON", "reserved device name"),
    ("nul.pdf", "reserved device name"),
    ("lpt1", "reserved device name"),
    ("", "empty output name"),
])
def test_unsafe_output_names_are_refused(name, message):
    with pytest.raises(InputError, match=message):
        safe_output_name(name, "--name")


@pytest.mark.parametrize("name", ["../escape", "/tmp/abs", "con"])
def test_compare_name_cannot_leave_the_output_folder(tmp_path, name):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["compare", str(MINI), str(NATO), "--name", name,
                                      "-o", str(out)], catch_exceptions=False)
    assert_output_error(result, f"--name: '{name}'")
    assert not out.exists() and not (tmp_path / "escape.pdf").exists()


def test_plain_names_are_accepted():
    for name in ("csto-vs-nato", "Курс 1 brief", "week_3.v2"):
        assert safe_output_name(name) == name


# ---- killed runs ----------------------------------------------------------

def _brief_cmd(out: Path) -> list[str]:
    return [sys.executable, "-m", "briefgen", "brief", str(MINI), "-o", str(out)]


def _old_and_new(tmp_path: Path):
    """``out`` holding the previous run's outputs, those (``old``) and the next run's
    (``new``, built elsewhere), and the two runs' environments (``SOURCE_DATE_EPOCH``)."""
    env_old = {**os.environ, "SOURCE_DATE_EPOCH": "1000000000"}
    env_new = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    out, ref = tmp_path / "out", tmp_path / "ref"
    for folder, env in ((out, env_old), (ref, env_new)):
        subprocess.run(_brief_cmd(folder), env=env, check=True, capture_output=True, cwd=ROOT)
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    new = {p.name: p.read_bytes() for p in ref.iterdir()}
    assert old.keys() == new.keys() == {"mini-brief.pdf", "mini-brief.docx"}
    assert all(old[n] != new[n] for n in old)
    return out, old, new, env_old, env_new


def test_killing_a_run_at_random_moments_never_leaves_a_truncated_output(tmp_path):
    """SIGKILL at random moments: each output is the old file or the complete new one."""
    out, old, new, env_old, env_new = _old_and_new(tmp_path)

    # how long a whole run takes here, so that kills land before, during and after writing
    start = time.perf_counter()
    subprocess.run(_brief_cmd(tmp_path / "timing"), env=env_old, check=True, capture_output=True)
    whole = time.perf_counter() - start
    rng = random.Random(20261122)
    seen = set()
    for _ in range(6):
        proc = subprocess.Popen(_brief_cmd(out), env=env_new, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.1) * whole)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for path in out.iterdir():
            if path.name.startswith("."):  # a temp file of the killed run: never the output
                path.unlink()
                continue
            data = path.read_bytes()
            assert data in (old[path.name], new[path.name]), f"{path.name}: truncated or mixed"
            seen.add(data == new[path.name])
        # put the old version back for the next round
        for name, data in old.items():
            (out / name).write_bytes(data)
    proc = subprocess.run(_brief_cmd(out), env=env_new, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == new


KILL_DRIVER = """
import os, sys, time
from pathlib import Path

marker, stage, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]).resolve()
import briefgen.outputs as outputs

def ours(path):  # an output of this run, not a cache entry written on the way
    return Path(path).resolve().parent == out

if stage == "temp":  # stop once the first output's temp file is written and synced
    real_fsync = os.fsync
    def fsync(fd):
        real_fsync(fd)
        if ours(os.readlink(f"/proc/self/fd/{fd}")):
            marker.write_text(os.readlink(f"/proc/self/fd/{fd}"))
            time.sleep(120)
    os.fsync = fsync
else:  # stop between the renames: the first output in place, the second still a temp file
    real_replace = outputs.Renamer.replace
    def replace(self, tmp_name, path):
        real_replace(self, tmp_name, path)
        if ours(path):
            marker.write_text(str(path))
            time.sleep(120)
    outputs.Renamer.replace = replace
sys.argv = ["briefgen", "brief", sys.argv[4], "-o", str(out)]
from briefgen.cli import main
main()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
@pytest.mark.parametrize("stage", ["temp", "rename"])
def test_a_kill_that_lands_during_a_write_leaves_each_output_whole(tmp_path, stage):
    """SIGKILL while the outputs are being written, and only then: the run is held inside
    the write (after the first temp file is synced, or between the two renames) and the
    test waits until it is there before it kills, so the kill is known to land mid-write.
    Each output is then the previous file or the complete new one, never a part, and the
    next run finishes (a killed run's temps are swept once stale: the test after this one)."""
    out, old, new, _, env_new = _old_and_new(tmp_path)
    marker = tmp_path / "inside-the-write"
    proc = subprocess.Popen([sys.executable, "-c", KILL_DRIVER, marker, stage, out, MINI],
                            env=env_new, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.exists(), f"the run never reached its write: {proc.communicate()[1]}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL  # the kill landed, inside the write
    temps = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert temps, "killed mid-write, the run leaves its temp file (and never the output)"
    shown = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert shown.keys() == old.keys()
    for name, data in shown.items():
        assert data in (old[name], new[name]), f"{name}: truncated or mixed"
    replaced = sorted(name for name, data in shown.items() if data == new[name])
    assert replaced == ([] if stage == "temp" else [Path(marker.read_text()).name])
    again = subprocess.run(_brief_cmd(out), env=env_new, capture_output=True, text=True,
                           cwd=ROOT)
    assert again.returncode == 0, again.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")} == new


def test_temp_files_a_killed_run_left_are_removed_by_the_next_run(tmp_path, mini_facts):
    import os
    import time

    from click.testing import CliRunner

    from briefgen.cli import cli

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".mini-brief.pdf.abc123.tmp"
    stale.write_bytes(b"%PDF-1.4 half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = out / ".mini-brief.pdf.def456.tmp"  # another run writing right now: left alone
    fresh.write_bytes(b"%PDF-1.4 in progress")
    other = out / ".notes.txt.zzz.tmp"  # not one of this run's outputs: left alone
    other.write_bytes(b"x")
    os.utime(other, (old, old))
    result = CliRunner().invoke(cli, ["brief", str(mini_facts), "-o", str(out), "-f", "pdf"])
    assert result.exit_code == 0, result.stderr
    assert not stale.exists() and fresh.exists() and other.exists()
