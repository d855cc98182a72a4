"""Authoring commands end to end: init builds as is, templates, preview PNGs, --watch rebuilds."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from briefgen.cli import cli


def test_init_writes_a_course_that_builds_as_is(tmp_path, monkeypatch):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    course = tmp_path / "c"
    for rel in ("course.yaml", "theme.yaml", "README.md", "templates/brief.md.j2",
                "facts/nato.yaml"):
        assert (course / rel).is_file(), rel
    assert "bundled/brief.md.j2" in (course / "templates/brief.md.j2").read_text()
    monkeypatch.chdir(course)
    # the course brief extends the bundled one and renders the same tree
    from briefgen.facts import load_facts
    from briefgen.sheets.brief import brief_document

    facts = load_facts(course / "facts" / "nato.yaml")
    mine, _ = brief_document(facts, "brief", [course / "templates"])
    monkeypatch.chdir(tmp_path)
    bundled, _ = brief_document(facts, "brief")
    assert mine.blocks == bundled.blocks
    monkeypatch.chdir(course)
    built = CliRunner().invoke(cli, ["batch", "course.yaml", "-j", "1"])
    assert (course / "out" / "nato-brief.pdf").is_file(), built.output
    assert (course / "out" / "csto-vs-nato.docx").is_file(), built.output


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "not empty" in result.stderr


def test_templates_lists_bundled_and_local_with_descriptions(tmp_path, monkeypatch):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief.md.j2").write_text(
        '{#- brief: our own brief. -#}\n{% extends "bundled/brief.md.j2" %}\n')
    (tmp_path / "templates" / "handout.md.j2").write_text("# {{ meta.title }}\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["templates"])
    assert result.exit_code == 0
    out = result.stdout
    assert "brief       our own brief." in out
    assert "overrides" in out and "local:" in out
    assert "timeline    membership over time" in out
    assert "handout     (no description)" in out
    assert "comparison" in out and "bundled:" in out


def test_preview_writes_a_png_per_page(tmp_path):
    result = CliRunner().invoke(cli, ["preview", "nato", "-o", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    paths = result.stdout.split()
    assert paths == [str(tmp_path / "p" / "nato-brief-1.png")]
    im = Image.open(paths[0])
    assert abs(im.size[0] - 210 / 25.4 * 80) <= 1.5 and abs(im.size[1] - 297 / 25.4 * 80) <= 1.5
    lo, hi = im.convert("L").getextrema()
    assert hi == 255 and lo < 80  # white page with dark text, not blank
    two = CliRunner().invoke(cli, ["preview", "nato", "-o", str(tmp_path / "p"), "--page-size",
                                   "letter", "--pages", "2", "--allow-overflow", "--dpi", "40"])
    assert two.exit_code == 0
    w, h = Image.open(two.stdout.split()[0]).size
    assert abs(w - 215.9 / 25.4 * 40) <= 1.5 and abs(h - 279.4 / 25.4 * 40) <= 1.5


def test_help_does_not_import_reportlab():
    code = ("import sys; from briefgen.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'reportlab' not in sys.modules and 'PIL' not in sys.modules\n"
            "assert 'init' in cli.commands and 'preview' in cli.commands")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def _lines(proc) -> queue.Queue:
    """stderr lines of ``proc``, read on a thread so a wait can time out."""
    lines: queue.Queue = queue.Queue()

    def pump():
        for line in proc.stderr:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _read_until(lines: queue.Queue, needle: str, timeout: float = 30.0) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            break
        seen += line
        if needle in line:
            return seen
    raise AssertionError(f"{needle!r} not seen on stderr; got:\n{seen}")


@pytest.mark.parametrize("command", ["brief", "compare"])
def test_watch_rebuilds_on_change_and_stops_cleanly(tmp_path, command):
    facts = tmp_path / "mini.yaml"
    facts.write_text((Path(__file__).resolve().parents[1] / "data" / "mini.yaml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    args = [str(facts)] if command == "brief" else [str(facts), "nato"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", command, *args, "-f", "pdf", "-o", str(tmp_path / "out"),
         "--watch"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = _lines(proc)
    try:
        _read_until(lines, "built ")
        time.sleep(0.4)
        facts.write_text(facts.read_text(encoding="utf-8").replace("Testville", "Newtown"),
                         encoding="utf-8")
        seen = _read_until(lines, "built ")
        assert "changed: mini.yaml" in seen
        facts.write_text("id: [broken", encoding="utf-8")
        assert "failed:" in _read_until(lines, "failed:")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode == 0
    assert "stopped watching" in _read_until(lines, "stopped watching", 5)
