"""Every bundled brief, A4 and Letter, through the CLI: one page in PDF (pypdf) and in the DOCX as
LibreOffice lays it out, and ``--strict`` passes: nothing is cut to fit (issue 26).

The CSTO (and its Russian translation) and Rio briefs hold more than one page at the 8 pt
floor with every item and note shown (about 1.09 and 1.14 pages on A4 after their notes and
source titles were shortened), so the build leaves out notes and items, each a warning, and
``--strict`` refuses them: those cases are expected failures until their facts are shortened
(``xfail(strict=True)``: when they fit, this test says so and the mark must go). Without
``--strict`` they are one page too, and what they leave out is announced on stderr and on the
page, never a case their summary names (``tests/sheets/test_selection.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = ["anzus", "eu", "nato", "csto", "csto.ru", "rio"]
TOO_LONG = {"csto", "csto.ru", "rio"}
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


def _case(name, paper):
    marks = [pytest.mark.xfail(strict=True, reason="more than one page at the 8 pt floor with "
                               "everything shown; the fit cuts, and --strict refuses a cut")
             ] if name in TOO_LONG else []
    return pytest.param(name, paper, marks=marks, id=f"{name}-{paper}")


@pytest.mark.slow
@pytest.mark.parametrize(("name", "paper"), [_case(n, p) for n in BRIEFS for p in PAPERS])
def test_bundled_brief_builds_strict_on_one_page(tmp_path, libreoffice, name, paper):
    result = run("brief", ROOT / "facts" / f"{name}.yaml", "--strict", "--page-size", paper,
                 "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    _one_page_both_formats(result, libreoffice, f"{name}-{paper}")


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", sorted(TOO_LONG))
def test_the_long_briefs_are_one_page_and_say_what_they_leave_out(tmp_path, libreoffice, name,
                                                                  paper):
    result = run("brief", ROOT / "facts" / f"{name}.yaml", "--page-size", paper, "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    _one_page_both_formats(result, libreoffice, f"{name}-{paper}")
    assert "to fit the page" in result.stderr  # every cut named on stderr
