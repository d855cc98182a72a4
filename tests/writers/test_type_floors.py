"""The type floors README and docs/look.md state, measured by role in both formats (issue 26).

Running text (paragraphs, lists) is never below 8 pt, table text never below
7.2 pt (90 % of the body), and nothing (notes, sources, citation marks) below
6.5 pt: in the PDF (pdfplumber's glyph sizes), in the DOCX's own run sizes
(python-docx, through character and paragraph styles) and in the DOCX as
LibreOffice lays it out, where a superscript or raised run is drawn at 58 % of
its size (the citation marks came out at 3.8 pt).
"""

from __future__ import annotations

import pdfplumber
import pytest
from bundled_sheets import FACTS, PAPERS, SHEETS
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from briefgen.facts import load_facts

BODY_MIN_PT, TABLE_MIN_PT, NOTE_MIN_PT = 8.0, 7.2, 6.5
BRIEFS = ["csto-brief", "rio-brief", "nato-brief", "csto.ru-brief"]
COMPARISONS = ["csto-vs-nato", "csto-vs-nato-vs-eu"]


def words_of(pdf_path) -> list[dict]:
    with pdfplumber.open(pdf_path) as pdf:
        return [w for p in pdf.pages for w in p.extract_words(extra_attrs=["size"])]


def phrase_sizes(words: list[dict], phrase: str) -> list[float]:
    """The sizes of the first place ``phrase``'s words follow one another on the page."""
    want = phrase.split()
    texts = [w["text"] for w in words]
    for i in range(len(texts) - len(want) + 1):
        if texts[i:i + len(want)] == want:
            return [w["size"] for w in words[i:i + len(want)]]
    raise AssertionError(f"'{phrase}' is not on the page")


def first_words(key: str, fact: str, n: int = 4) -> str:
    return " ".join(load_facts(FACTS / f"{key}.yaml").model.facts[fact].value.split()[:n])


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", BRIEFS + COMPARISONS)
def test_pdf_keeps_every_floor(bundled_pdfs, name, paper):
    pdf = bundled_pdfs[(name, paper)].paths[0]
    words = words_of(pdf)
    smallest = min(w["size"] for w in words)
    assert smallest >= NOTE_MIN_PT - 0.01, f"{name} {paper}: a word at {smallest:.2f} pt"
    if name in BRIEFS:  # the summary is running text
        key = name.removesuffix("-brief")
        sizes = phrase_sizes(words, first_words(key, "summary"))
        assert min(sizes) >= BODY_MIN_PT - 0.01, (name, paper, sizes)
    else:  # a cell of the table
        sizes = phrase_sizes(words, first_words("nato", "cmp_withdrawal", 3))
        assert min(sizes) >= TABLE_MIN_PT - 0.01, (name, paper, sizes)


def _size(run, paragraph, document) -> float:
    """A run's size as Word resolves it: the run, its character style, the paragraph style chain,
    the document defaults."""
    if run.font.size is not None:
        return run.font.size.pt
    if run.style is not None and run.style.font.size is not None:
        return run.style.font.size.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    sz = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/"
                                      f"{qn('w:rPr')}/{qn('w:sz')}")
    return Pt(int(sz.get(qn("w:val"))) / 2).pt if sz is not None else 10.0


def _shrunk(run) -> bool:
    """Whether a run is drawn smaller than its size: superscript, subscript or raised."""
    for rpr in (run._r.rPr, run.style.element.rPr if run.style is not None else None):
        if rpr is not None and (rpr.find(qn("w:vertAlign")) is not None
                                or rpr.find(qn("w:position")) is not None):
            return True
    return False


def _paragraphs(document):
    yield from ((p, False) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield p, not cell.tables  # a layout table holding a table is not a cell of text
                for inner in cell.tables:
                    for irow in inner.rows:
                        for icell in irow.cells:
                            yield from ((p, True) for p in icell.paragraphs)


@pytest.mark.parametrize("name", ["csto-brief", "csto-vs-nato"])
def test_docx_runs_keep_every_floor(tmp_path, name):
    result = SHEETS[name](tmp_path, "a4", formats=("docx",))
    document = Document(str(result.paths[0]))
    cells, body = [], []
    for paragraph, in_table in _paragraphs(document):
        for run in paragraph.runs:
            if not run.text.strip():
                continue
            size = _size(run, paragraph, document)
            assert size >= NOTE_MIN_PT - 0.01, (name, run.text, size)
            assert not _shrunk(run), f"{name}: {run.text!r} is drawn smaller than {size} pt"
            style = paragraph.style.name
            if run.style.name == "Citation Number":  # a mark: the 6.5 pt floor above
                continue
            if in_table and style.startswith("Table"):
                cells.append(size)
            elif style in ("Normal", "List Bullet"):
                body.append(size)
    if name.endswith("-brief"):
        assert body and min(body) >= BODY_MIN_PT - 0.01, (name, min(body, default=None))
    else:
        assert cells and min(cells) >= TABLE_MIN_PT - 0.01, (name, min(cells, default=None))


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", ["csto-brief", "csto-vs-nato"])
def test_docx_in_libreoffice_keeps_every_floor(tmp_path, libreoffice, name, paper):
    result = SHEETS[name](tmp_path, paper, formats=("docx",))
    pdf = libreoffice(result.paths[0].read_bytes(), f"{name}-{paper}")
    words = words_of(pdf)
    small = sorted({round(w["size"], 1) for w in words if w["size"] < NOTE_MIN_PT - 0.01})
    assert not small, f"{name} {paper} in LibreOffice: words at {small} pt"
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 1
