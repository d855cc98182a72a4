"""Issue 26 re-walked: what a sheet shows and says is decided in the open.

Through the CLI, read back with pdftotext, pdfplumber and python-docx: the README's
glob compares each organisation once and lays the five clause texts out in a grid
on the 2-page comparison; a row is a contrast per sheet, marked by Δ in text and by
shading in the PDF and the DOCX; an overflowing timeline says "timeline" and names
its largest part; a file without a defence clause builds a brief without that
section in either format.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from glob import glob
from pathlib import Path

import docx
import pdfplumber
import pytest
from clirun import run_cli as run
from docx.oxml.ns import qn

from briefgen.facts import load_facts

ROOT = Path(__file__).resolve().parents[2]
MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
SPEC = "facts/comparisons/defence-clause.yaml"
SHADE = (1.0, 0.949, 0.8)  # the theme's contrast fill, FFF2CC
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="needs poppler's pdftotext")


def pdf_pages(path: Path, mode: str = "-layout") -> list[str]:
    out = subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [" ".join(page.split()) for page in out.split("\f") if page.strip()]


def letters(text: str) -> str:
    """Letters and digits only: a hyphen or a line break inside a narrow column is no difference."""
    return "".join(re.findall(r"[^\W_]+", text.casefold()))


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join([*(p.text for p in d.paragraphs), *cells]).split())


def test_the_readme_glob_compares_each_organisation_once_with_the_clause_texts_in_a_grid(
        tmp_path):
    files = sorted(glob("facts/*.yaml", root_dir=ROOT))  # as the shell expands facts/*.yaml
    assert "facts/csto.ru.yaml" in files and "facts/csto.yaml" in files
    result = run("compare", *files, "--spec", SPEC, "--pages", "2", "-f", "pdf", "-f", "docx",
                 "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert ("warning: facts/csto.ru.yaml and facts/csto.yaml are one organisation ('csto'): "
            "compared once, from facts/csto.yaml (the en file)") in result.stderr.splitlines()
    stem = "anzus-vs-csto-vs-eu-vs-nato-vs-rio"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}.docx", f"{stem}.pdf"]
    pages = [letters(p) for p in pdf_pages(tmp_path / f"{stem}.pdf", "-raw")]
    assert len(pages) == 2
    assert "договор" not in pages[0]  # the Russian translation is not a column
    # Every clause text whole, on the same page: a grid, not one quote alone on a page.
    orgs = ("anzus", "csto", "eu", "nato", "rio")
    for org in orgs:
        clause = load_facts(ROOT / "facts" / f"{org}.yaml").model.facts["defence_clause"].value
        first = letters(clause)
        for words in (first[:30], first[-25:]):
            assert [i for i, p in enumerate(pages) if words in p] == [1], (org, words)
    grid = docx.Document(str(tmp_path / f"{stem}.docx")).tables[-1]
    assert len(grid.columns) == 5
    assert [c.text for c in grid.rows[0].cells] == ["ANZUS", "CSTO", "EU", "NATO", "Rio Treaty"]
    assert "If one of the Participating States" in grid.rows[1].cells[1].text


def _pdf_rows(pdf: Path, labels: tuple[str, ...]) -> dict[str, tuple[str, bool]]:
    """Each row label's line of text and whether a contrast-shaded box lies under it."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        shaded = [r for r in page.rects if r.get("fill") and tuple(
            round(x, 3) for x in (r.get("non_stroking_color") or ())) == SHADE]
        words = page.extract_words()
        out = {}
        for label in labels:
            w = next(w for w in words if w["text"] == label.split()[0] and w["x0"] < 80)
            line = " ".join(x["text"] for x in words  # the label's cell, on one or two lines
                            if 0 <= x["top"] - w["top"] < 14 and x["x0"] < 100)
            mid = (w["top"] + w["bottom"]) / 2
            out[label] = (line, any(r["top"] <= mid <= r["bottom"] for r in shaded))
    return out


def _docx_rows(path: Path) -> dict[str, tuple[str, str | None]]:
    table = docx.Document(str(path)).tables[0]
    out = {}
    for row in table.rows[1:]:
        shd = row.cells[0]._tc.tcPr.find(qn("w:shd"))
        out[row.cells[0].text] = shd.get(qn("w:fill")) if shd is not None else None
    return out


@pytest.mark.parametrize("pair, contrast", [
    (("csto", "nato"), False),  # consensus against consensus
    (("nato", "eu"), True),     # consensus against unanimity in the Council
])
def test_a_row_is_a_contrast_per_sheet_marked_in_text_and_by_shading(tmp_path, pair, contrast):
    result = run("compare", *[f"facts/{o}.yaml" for o in pair], "-f", "pdf", "-f", "docx",
                 "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    stem = "-vs-".join(pair)
    rows = _pdf_rows(tmp_path / f"{stem}.pdf", ("Trigger", "Decision rule"))
    assert rows["Trigger"][0].startswith("Trigger Δ") and rows["Trigger"][1]
    line, shaded = rows["Decision rule"]
    assert ("Δ" in line) is contrast and shaded is contrast, (line, shaded)
    word = _docx_rows(tmp_path / f"{stem}.docx")
    trigger = next(k for k in word if k.startswith("Trigger"))
    decision = next(k for k in word if k.startswith("Decision rule"))
    assert trigger.endswith("Δ") and word[trigger] == "FFF2CC"
    assert decision.endswith("Δ") is contrast
    assert (word[decision] == "FFF2CC") is contrast
    assert "Shaded rows, marked Δ: the organisations differ in substance." in " ".join(
        pdf_pages(tmp_path / f"{stem}.pdf"))


def test_an_overflowing_timeline_says_timeline_and_names_its_chart(tmp_path):
    states = "\n".join(f"      - {{name: State number {i} of the long list, joined: {1950 + i}-01-01}}"
                       for i in range(70))
    facts = tmp_path / "many.yaml"
    facts.write_text(MINI.replace("      - {name: Гаммаland, joined: 2001-01-01}",
                                  "      - {name: Гаммаland, joined: 2001-01-01}\n" + states),
                     encoding="utf-8")
    result = run("brief", facts, "-t", "timeline", "-o", tmp_path / "out", "-f", "pdf")
    assert result.exit_code == 3
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("briefgen: the timeline does not fit on 1 page")
    assert 'the largest part is the chart "MTA membership by date of joining' in message
    assert " a image" not in message and "the brief" not in message
    assert not (tmp_path / "out").exists()


def test_a_file_without_a_defence_clause_omits_that_section_in_pdf_and_docx(tmp_path):
    text = MINI
    for key in ("defence_clause", "defence_clause_obligation", "cmp_trigger",
                "cmp_decision_rule"):
        text = re.sub(rf"\n  {key}:\n(    .*\n|      .*\n|\n)*?(?=  \w|\Z)", "\n", text, count=1)
    assert "defence_clause" not in text and "cmp_" not in text
    facts = tmp_path / "sco.yaml"
    facts.write_text(text.replace("Mini Test Alliance", "Shanghai-like Test Organisation"),
                     encoding="utf-8")
    assert run("check", facts, "--strict").exit_code == 0
    result = run("brief", facts, "-o", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    pdf = " ".join(pdf_pages(tmp_path / "out" / "mini-brief.pdf"))
    word = docx_text(tmp_path / "out" / "mini-brief.docx")
    for page in (pdf, word):
        assert "Key facts" in page and "Membership" in page and "Testville" in page
        assert "What the clause obliges" not in page and "Article 4" not in page
        assert "[…]" not in page and "()" not in page
    d = docx.Document(str(tmp_path / "out" / "mini-brief.docx"))
    assert not any(p.text.strip() == "" for p in d.paragraphs if p.style.name == "Quotations")


def test_the_rio_timeline_draws_former_parties_to_their_left_dates_and_says_them(tmp_path):
    """Every former party's bar ends at its own 'left' date and its label keeps those dates
    whole (inside the bar when there is no room beside it), in the chart and in the list."""
    result = run("brief", "facts/rio.yaml", "-t", "timeline", "-o", tmp_path, "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    page = " ".join(pdf_pages(tmp_path / "rio-timeline.pdf"))
    chart, listing = page.split("Former member (| = left)")
    former = load_facts(ROOT / "facts" / "rio.yaml").model.facts["former_members"].items
    assert len(former) == 5
    for item in former:
        years = f"{item.joined.year}–{item.left.year}"
        assert f"{item.name} ({years})" in chart, item.name  # not "Venezuela (1947…"
        assert f"{item.name}, {years}" in listing, item.name
        assert f"{item.name} ({item.joined.year})" not in chart  # never drawn as current


@pytest.mark.parametrize("command", [("compare", "facts/csto.yaml", "facts/nato.yaml"),
                                     ("brief", "facts/nato.yaml", "-t", "timeline")])
def test_an_unknown_language_warns_on_every_kind_and_strict_fails(tmp_path, command):
    from lxml import html as lhtml
    from pypdf import PdfReader

    result = run(*command, "--lang", "fr", "-o", tmp_path, "-f", "pdf", "-f", "html")
    assert result.exit_code == 0, result.stderr
    assert ("warning: --lang fr: briefgen has no catalogue for 'fr', so its labels would print "
            "in English; the sheet is made in 'en', its facts file's language") in result.stderr
    pdf = next(tmp_path.glob("*.pdf"))
    assert "-fr" not in pdf.name  # named as the English sheet it is
    assert str(PdfReader(pdf).trailer["/Root"]["/Lang"]).startswith("en")
    page = lhtml.document_fromstring(next(tmp_path.glob("*.html")).read_bytes())
    assert page.get("lang").startswith("en")
    strict = run(*command, "--lang", "fr", "-o", tmp_path / "s", "--strict")
    assert strict.exit_code == 1 and "--lang fr" in strict.stderr
    assert not (tmp_path / "s").exists()


def test_an_overflowing_brief_names_its_largest_section_never_its_title(tmp_path):
    long = "Members must consult at once and may choose how to help. " * 120
    facts = tmp_path / "long.yaml"
    facts.write_text(MINI.replace("    value: Members must consult and may choose how to help.",
                                  f"    value: {long.strip()}"), encoding="utf-8")
    result = run("brief", facts, "-o", tmp_path / "out")
    assert result.exit_code == 3
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("briefgen: the brief does not fit on 1 page")
    assert 'the largest part is the section "What the clause obliges"' in message
    assert "mostly the fact 'defence_clause_obligation'" in message
    assert "Mini Test Alliance" not in message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("facts, header", [("facts/nato.yaml", "NATO · Timeline"),
                                           ("facts/csto.ru.yaml", "ОДКБ · Хронология")])
def test_a_timeline_is_called_a_timeline_not_a_briefing_sheet(tmp_path, facts, header):
    from pypdf import PdfReader

    result = run("brief", facts, "-t", "timeline", "-o", tmp_path, "-f", "pdf", "-f", "docx")
    assert result.exit_code == 0, result.stderr
    pdf = next(tmp_path.glob("*.pdf"))
    assert pdf_pages(pdf)[0].startswith(header)
    assert PdfReader(pdf).metadata.subject.startswith(header.split(" · ")[1] + ": ")
    d = docx.Document(str(next(tmp_path.glob("*.docx"))))
    running = " ".join(p.text for s in d.sections for h in (s.header, s.first_page_header)
                       for p in h.paragraphs)
    assert header.split(" · ")[1] in running and "Briefing sheet" not in running
    assert "Справка" not in running
