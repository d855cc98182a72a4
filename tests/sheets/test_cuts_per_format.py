"""A format's content does not depend on which other formats were asked for (issue 26).

A facts file with seventeen long criticisms: the PDF's page holds fifteen at the
smallest type; the DOCX (laid out by Word or LibreOffice, so it keeps headroom) one
fewer; the HTML page shows all seventeen. Each format is the same built alone or
with the others, and the warnings name the format whose cut differs. Read through
the CLI with pdftotext (poppler) and python-docx.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from clirun import run_cli as run
from lxml import html as lhtml

import briefgen.writers

ROOT = Path(__file__).resolve().parents[2]
MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
POINT = re.compile(r"Point (\d+) says")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="needs poppler's pdftotext")


def criticisms_file(tmp_path: Path, n: int = 17) -> Path:
    """mini.yaml with ``n`` criticisms of twelve clauses each."""
    lines = ["  criticisms:", "    label: Criticisms", "    items:"]
    for i in range(1, n + 1):
        lines += [f"      - by: Critic number {i}",
                  f"        text: Point {i} says " + " ".join(["the alliance is slow to act"] * 12)
                  + ".",
                  "        sources: [mta-site]"]
    path = tmp_path / "crit.yaml"
    path.write_text(MINI.replace("  cmp_trigger:", "\n".join(lines) + "\n  cmp_trigger:", 1),
                    encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(out.split())


def docx_text(path: Path) -> str:
    return " ".join(" ".join(p.text for p in docx.Document(str(path)).paragraphs).split())


def html_text(path: Path) -> str:
    root = lhtml.document_fromstring(path.read_text(encoding="utf-8"))
    return " ".join(root.find(".//main").text_content().split())


def points(text: str) -> list[int]:
    return [int(n) for n in POINT.findall(text)]


def build(facts: Path, out: Path, *formats: str, strict: bool = False):
    args = ["brief", facts, "-o", out, *[a for f in formats for a in ("-f", f)]]
    return run(*args, *(["--strict"] if strict else []))


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The file built as PDF alone, DOCX alone, HTML alone and all three at once."""
    tmp = tmp_path_factory.mktemp("cuts")
    facts = criticisms_file(tmp)
    out = {}
    for name, formats in {"pdf": ("pdf",), "docx": ("docx",), "html": ("html",),
                          "all": ("pdf", "docx", "html")}.items():
        result = build(facts, tmp / name, *formats)
        assert result.exit_code == 0, result.stderr
        out[name] = (tmp / name, result.stderr)
    return out


def test_the_pdf_is_the_same_built_alone_or_with_docx_and_html(builds):
    alone = pdf_text(builds["pdf"][0] / "mini-brief.pdf")
    together = pdf_text(builds["all"][0] / "mini-brief.pdf")
    assert alone == together
    assert points(together) == list(range(1, 16))  # fifteen of the seventeen
    assert "2 more in the facts file." in together


def test_the_docx_leaves_out_one_more_and_says_so(builds):
    alone = docx_text(builds["docx"][0] / "mini-brief.docx")
    together = docx_text(builds["all"][0] / "mini-brief.docx")
    assert alone == together
    printed = points(pdf_text(builds["all"][0] / "mini-brief.pdf"))
    assert points(together) == printed[:-1] == list(range(1, 15))  # one fewer, for headroom
    assert "3 more in the facts file." in together


def test_the_html_page_shows_every_item(builds):
    for name in ("html", "all"):
        text = html_text(builds[name][0] / "mini-brief.html")
        assert points(text) == list(range(1, 18))
        assert "more in the facts file" not in text


def test_the_warnings_name_the_format_when_formats_differ(builds):
    lines = builds["all"][1].splitlines()
    pdf = [ln for ln in lines if "in the PDF, to fit the page" in ln]
    word = [ln for ln in lines if "in the DOCX, to fit the page" in ln]
    assert len(pdf) == len(word) == 1
    assert pdf[0].startswith("warning: templates/brief.md.j2:")
    assert "shows 15 of 17 items of 'criticisms'; left out: Point 16 says" in pdf[0]
    assert "shows 14 of 17 items of 'criticisms'; left out: Point 15 says" in word[0]
    html = [ln for ln in lines if "HTML" in ln]  # the page left nothing out, and says so
    assert html == ["warning: the HTML page shows everything: printed, it runs "
                    "past 1 page (a PDF or DOCX leaves out what its page cannot hold)"]
    # One format alone: its cut, without a format's name.
    alone = [ln for ln in builds["pdf"][1].splitlines() if "to fit the page" in ln]
    assert len(alone) == 1 and "in the PDF" not in alone[0]
    assert "shows 15 of 17 items" in alone[0]


    # --strict still fails on any cut, and writes nothing.
    tmp_path = builds["all"][0].parent
    strict = build(tmp_path / "crit.yaml", tmp_path / "strict", "pdf", "docx", "html",
                   strict=True)
    assert strict.exit_code == 1
    assert "to fit the page" in strict.stderr and "nothing was written" in strict.stderr
    assert not (tmp_path / "strict").exists() or not any((tmp_path / "strict").iterdir())


def test_a_sheet_that_fits_is_laid_out_once_for_every_format(tmp_path, monkeypatch):
    calls = []
    real = briefgen.writers.fit_pages

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(briefgen.writers, "fit_pages", counted)
    facts = criticisms_file(tmp_path, n=2)
    result = build(facts, tmp_path / "out", "pdf", "docx", "html", "lms")
    assert result.exit_code == 0, result.stderr
    assert len(calls) == 1
    assert "to fit the page" not in result.stderr
    for name in ("mini-brief.pdf", "mini-brief.docx", "mini-brief.html"):
        assert (tmp_path / "out" / name).exists()


def test_a_comparison_leaves_its_clause_texts_out_of_the_pdf_and_docx_only(tmp_path):
    """The one-page 3-way cannot hold the clause texts beside its table: the PDF and the
    DOCX leave them out and say where they are; the HTML page keeps them."""
    files = ("facts/csto.yaml", "facts/nato.yaml", "facts/eu.yaml")
    alone = run("compare", *files, "-f", "pdf", "-o", tmp_path / "alone")
    every = run("compare", *files, "-f", "pdf", "-f", "docx", "-f", "html", "-o", tmp_path / "all")
    assert alone.exit_code == every.exit_code == 0, every.stderr
    stem = "csto-vs-nato-vs-eu"
    pdf = pdf_text(tmp_path / "all" / f"{stem}.pdf")
    assert pdf == pdf_text(tmp_path / "alone" / f"{stem}.pdf")
    word = docx_text(tmp_path / "all" / f"{stem}.docx")
    page = html_text(tmp_path / "all" / f"{stem}.html")
    where = "The treaty texts did not fit on this page: each organisation's brief quotes its clause."
    assert where in pdf and where in word and where not in page
    nato = "The Parties agree that an armed attack against one or more of them"
    assert nato not in pdf and nato not in word and nato in page
    assert ("warning: in the PDF and DOCX, the clause texts did not fit beside the table and "
            "were left out (--pages 2 prints them on a second page)") in every.stderr.splitlines()
    assert "warning: the HTML page shows everything: printed, it runs past 1 page" in every.stderr
