"""Odd environments: HOME, stdout, extreme options, dates, a full or read-only disk for init."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest
from hardening import MINI, assert_refused, cli, listing

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def test_home_that_is_a_file_does_not_break_the_reportlab_import(tmp_path):
    home = tmp_path / "home"
    home.write_text("not a folder")
    out = tmp_path / "out"
    run = cli("brief", MINI, "-o", out, env={"HOME": str(home)})
    assert run.code == 0, run.stderr
    assert sorted(os.listdir(out)) == ["mini-brief.docx", "mini-brief.pdf"]


def test_reportlab_files_in_home_are_never_executed_or_opened(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    os.mkfifo(home / ".reportlab_settings")  # opening it would block for ever
    (home / ".reportlab_mods").write_text("raise SystemExit('executed ~/.reportlab_mods')\n")
    run = cli("brief", MINI, "-o", tmp_path / "out", "-f", "pdf", env={"HOME": str(home)},
              timeout=60)
    assert run.code == 0, run.stderr


def test_an_unusable_cache_folder_only_costs_time(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    run = cli("brief", MINI, "-o", tmp_path / "out", env={"XDG_CACHE_HOME": str(blocker)})
    assert run.code == 0, run.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["brief", MINI], ["check", MINI, "--format", "json"],
                                  ["templates"]])
def test_stdout_that_cannot_be_written_is_exit_1_with_one_line(tmp_path, args):
    if args[0] == "brief":
        args = [*args, "-o", tmp_path / "out"]
    with open("/dev/full", "w") as full:
        run = cli(*args, stdout=full)
    assert run.code == 1, run.stderr
    assert run.stderr.strip().splitlines()[-1] == (
        "briefgen: cannot write to standard output (No space left on device); outputs "
        "already written are complete")
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr


@pytest.mark.parametrize("days", ["1000000", "100000000000000000000"])
def test_check_max_age_beyond_the_calendar_means_nothing_is_too_old(days):
    run = cli("check", MINI, "--max-age", days)
    assert run.code == 0, run.stderr
    assert "internal error" not in run.stderr


@pytest.mark.parametrize("value, message", [
    ("1e3", "is not a whole number of seconds"),
    ("-5", "is not a whole number of seconds"),
    ("99999999999", "is after 2107-12-31"),
    ("253402300800", "is after 2107-12-31"),
])
def test_a_source_date_epoch_a_zip_cannot_hold_is_refused_before_reportlab_reads_it(
        tmp_path, value, message):
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "-o", out, env={"SOURCE_DATE_EPOCH": value}),
                   f"SOURCE_DATE_EPOCH='{value}' {message}", out=out)


@pytest.mark.parametrize("as_of", ["2200-01-01", "1900-01-01", "9999-12-31", "0001-01-01"])
def test_as_of_dates_outside_the_zip_range_are_clamped_in_the_docx(tmp_path, as_of):
    import zipfile

    facts = tmp_path / "f.yaml"
    facts.write_text(MINI.read_text(encoding="utf-8").replace("as_of: 2026-11-01",
                                                               f"as_of: {as_of}", 1),
                     encoding="utf-8")
    out = tmp_path / "out"
    run = cli("brief", facts, "-o", out, "--allow-overflow", env={"SOURCE_DATE_EPOCH": ""})
    assert run.code == 0, run.stderr
    with zipfile.ZipFile(out / "mini-brief.docx") as z:
        years = {i.date_time[0] for i in z.infolist()}
    assert years <= set(range(1980, 2108)) and len(years) == 1


@contextlib.contextmanager
def tmpfs(path, *options, size="64k"):
    """A small tmpfs at ``path`` (root only), unmounted at the end."""
    path.mkdir()
    opts = ",".join((f"size={size}", *options))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)],
                          capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.skipif(not ROOT_USER or not sys.platform.startswith("linux"),
                    reason="mounting a tmpfs needs root on Linux")
@pytest.mark.parametrize("options, reason", [((), "disk is full"),
                                             (("ro",), "Read-only file system")])
def test_init_on_a_full_or_read_only_disk_leaves_nothing_behind(tmp_path, options, reason):
    with tmpfs(tmp_path / "disk", *options) as disk:
        run = cli("init", disk / "course")
        assert_refused(run, f"{disk / 'course'}: cannot write ({reason}); nothing was written")
        assert listing(disk) == []


@pytest.mark.skipif(not ROOT_USER or not sys.platform.startswith("linux"),
                    reason="mounting a tmpfs needs root on Linux")
def test_brief_on_a_full_disk_keeps_the_output_folder_clean(tmp_path):
    with tmpfs(tmp_path / "disk", size="24k") as disk:
        run = cli("brief", MINI, "-o", disk / "out")
        assert_refused(run, "cannot write (disk is full); the previous files are unchanged")
        assert listing(disk / "out") == []


@pytest.mark.parametrize("where", ["output", "facts", "template", "templates", "check-template"])
def test_a_path_longer_than_the_file_system_allows_is_exit_1_naming_it(tmp_path, where):
    long = tmp_path / ("o" * 300)
    args = {"output": ["brief", MINI, "-o", long],
            "facts": ["brief", f"{long}.yaml", "-o", tmp_path / "out"],
            "template": ["brief", MINI, "-t", f"{long}.md.j2", "-o", tmp_path / "out"],
            "templates": ["templates", "--templates", long],
            "check-template": ["check", MINI, "-t", f"{long}.md.j2"]}[where]
    run = cli(*args)
    assert run.code == 1, run.stderr
    assert "File name too long" in run.stderr or "no such" in run.stderr, run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) <= 2
    assert not (tmp_path / "out").exists()
