"""Every bundled brief, A4 and Letter, through the CLI: one page in PDF (pypdf) and in the DOCX as
LibreOffice lays it out, and ``--strict`` passes: nothing is cut to fit (issue 26).

The CSTO brief and its Russian translation fit uncut since their fact values were tightened
(notes that were the author's background moved to ``comment:``). The Rio brief still holds
more than one page at the 8 pt floor with every item and note shown, so the build leaves out
notes and items, each a warning, and ``--strict`` refuses them: that case is an expected
failure until its facts are shortened (``xfail(strict=True)``: when it fits, this test says
so and the mark must go). A file too long for the page (``tests/overlong.py``) is still one
page without ``--strict``, and what it leaves out is announced on stderr and on the page,
never a case its summary names (``tests/sheets/test_selection.py``).
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
TOO_LONG = {"rio"}
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
@pytest.mark.parametrize("name", ["overlong", *sorted(TOO_LONG)])
def test_a_brief_too_long_for_its_page_is_one_page_and_says_what_it_leaves_out(
        tmp_path, libreoffice, name, paper):
    facts = (overlong_csto(tmp_path / "facts") if name == "overlong"
             else ROOT / "facts" / f"{name}.yaml")
    result = run("brief", facts, "--page-size", paper, "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    _one_page_both_formats(result, libreoffice, f"{name}-{paper}")
    assert "to fit the page" in result.stderr  # every cut named on stderr
    strict = run("brief", facts, "--strict", "--page-size", paper, "-o", tmp_path / "strict")
    assert strict.exit_code != 0 and "--strict" in strict.stderr
