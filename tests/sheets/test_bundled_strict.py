"""Every bundled brief, A4 and Letter, through the CLI: one page in PDF (pypdf) and in the DOCX as
LibreOffice lays it out, and ``--strict`` passes: nothing is cut to fit (issue 26).

The CSTO brief, its Russian translation and the Rio brief used to hold more than one page at
the 8 pt floor with every item and note shown, so the build left out notes and items; their
fact values were tightened (what was the author's background moved to ``comment:``) and they
now fit whole. A file too long for the page (``tests/overlong.py``) is still one page without
``--strict``, and what it leaves out is announced on stderr; ``--strict`` refuses it. The
cases a summary names are never the ones left out (``tests/sheets/test_selection.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from overlong import overlong_csto
from pypdf import PdfReader

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = ["anzus", "eu", "nato", "csto", "csto.ru", "rio"]
PAPERS = ["a4", "letter"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _one_page_both_formats(result, libreoffice, tag):
    paths = [Path(p) for p in result.stdout.split()]
    pdf = next(p for p in paths if p.suffix == ".pdf")
    docx = next(p for p in paths if p.suffix == ".docx")
    assert len(PdfReader(pdf).pages) == 1, f"{tag}: the PDF is not one page"
    lo = libreoffice(docx.read_bytes(), tag)
    assert len(PdfReader(lo).pages) == 1, f"{tag}: the DOCX is not one page in LibreOffice"


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_bundled_brief_builds_strict_on_one_page(tmp_path, libreoffice, name, paper):
    result = run("brief", ROOT / "facts" / f"{name}.yaml", "--strict", "--page-size", paper,
                 "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    _one_page_both_formats(result, libreoffice, f"{name}-{paper}")


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_a_brief_too_long_for_its_page_is_one_page_and_says_what_it_leaves_out(
        tmp_path, libreoffice, paper):
    facts = overlong_csto(tmp_path / "facts")
    result = run("brief", facts, "--page-size", paper, "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    _one_page_both_formats(result, libreoffice, f"overlong-{paper}")
    assert "to fit the page" in result.stderr  # every cut named on stderr
    strict = run("brief", facts, "--strict", "--page-size", paper, "-o", tmp_path / "strict")
    assert strict.exit_code != 0 and "--strict" in strict.stderr
