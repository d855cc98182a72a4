"""The HTML formats through the command line: -f html/lms, preview --html, --watch."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from briefgen.cli import cli

DATA = Path(__file__).resolve().parents[2] / "data"


def test_brief_writes_page_and_fragment_and_nothing_else(tmp_path):
    """``-f html -f lms``: two files, their paths on stdout; PDF and DOCX only when asked."""
    result = CliRunner().invoke(cli, ["brief", str(DATA / "mini.yaml"), "-f", "html", "-f", "lms",
                                      "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini-brief.html", "mini-brief.lms.html"]
    assert result.stdout.split() == [str(tmp_path / "mini-brief.html"),
                                     str(tmp_path / "mini-brief.lms.html")]
    page = (tmp_path / "mini-brief.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold?&lt;/b&gt;, R&amp;D, **stars**, {{ jinja }}" in page


def test_default_formats_are_still_pdf_and_docx(tmp_path):
    """Without -f a brief is the two handouts, as before."""
    result = CliRunner().invoke(cli, ["brief", str(DATA / "mini.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini-brief.docx", "mini-brief.pdf"]


def test_help_lists_the_html_formats():
    """``--help`` names html and lms."""
    out = CliRunner().invoke(cli, ["brief", "--help"]).output
    assert "html" in out and "lms" in out


def test_preview_html_writes_the_page(tmp_path):
    """``preview --html`` writes the web page to reload in a browser, and no PNG."""
    result = CliRunner().invoke(cli, ["preview", str(DATA / "mini.yaml"), "--html", "-o",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["mini-brief.html"]
    assert result.stdout.strip() == str(tmp_path / "mini-brief.html")
    assert (tmp_path / "mini-brief.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_watch_rebuilds_the_page(tmp_path):
    """``brief -f html --watch`` rewrites the page when the facts change."""
    facts = tmp_path / "mini.yaml"
    facts.write_text((DATA / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    page = tmp_path / "out" / "mini-brief.html"
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "brief", str(facts), "-f", "html",
                             "-o", str(tmp_path / "out"), "--watch"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        while not page.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Testville" in page.read_text(encoding="utf-8")
        time.sleep(0.5)
        facts.write_text(facts.read_text(encoding="utf-8").replace("Testville", "Newtown"),
                         encoding="utf-8")
        while "Newtown" not in page.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Newtown" in page.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
