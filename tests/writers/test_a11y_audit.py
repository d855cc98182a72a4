"""Accessibility past the validators: what a screen-reader user meets that outloud does not flag.

Every bundled sheet is built once (PDF and DOCX) and read by independent
readers: pdfplumber's structure tree (the transcript a screen reader would
speak, a golden per sheet in ``goldens/transcripts/``), pypdf, poppler's
``pdfinfo -struct-text`` and ``pdftotext``, python-docx.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bundled_sheets import SHEETS
from conftest import has
from goldens import check_golden
from pdf_structure import obj, role, struct_root, walk
from pypdf import PdfReader
from transcript import transcript, transcript_lines

GOLDEN = Path(__file__).parent / "goldens" / "transcripts"
COMPARISONS = [n for n in SHEETS if "-vs-" in n]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every bundled sheet on A4, PDF and DOCX: name → (pdf, docx)."""
    out = {}
    for name, make in SHEETS.items():
        pdf, docx = make(tmp_path_factory.mktemp(name), "a4", formats=("pdf", "docx")).paths
        out[name] = (pdf, docx)
    return out


# ---- what a screen reader hears ------------------------------------------------

@pytest.mark.parametrize("name", list(SHEETS))
def test_transcript_matches_golden(built, name):
    check_golden(GOLDEN / f"{name}.txt", transcript(built[name][0]))


# ---- comparison rows: labels are row headers, and differences are said in text ----

@pytest.mark.parametrize("name", COMPARISONS)
def test_every_comparison_row_label_is_a_row_header_in_the_pdf(built, name):
    reader = PdfReader(built[name][0])
    table = next(e for e in walk(struct_root(reader)) if role(e) == "Table")
    body = next(e for e in walk(table) if role(e) == "TBody")
    rows = [e for e in walk(body) if role(e) == "TR"]
    firsts = [next(c for c in walk(r) if role(c) in ("TH", "TD")) for r in rows]
    assert rows and [role(c) for c in firsts] == ["TH"] * len(rows)
    assert all(str(obj(c["/A"])["/Scope"]) == "/Row" for c in firsts)


@pytest.mark.parametrize("name", COMPARISONS)
def test_docx_first_column_is_a_header_column(built, name):
    import docx

    table = docx.Document(str(built[name][1])).tables[0]
    look = table._tbl.tblPr.xml
    assert 'w:firstColumn="1"' in look


def _marker():
    from briefgen.i18n.sheet import ROW_DIFFERS, text

    return text("en", ROW_DIFFERS)


@pytest.mark.parametrize("name", COMPARISONS)
def test_rows_that_differ_say_so_in_text_in_both_formats(built, name):
    import docx

    from briefgen.theme.model import DEFAULT_THEME

    marker = _marker()
    fill = DEFAULT_THEME.mark_fill.lstrip("#").upper()
    table = docx.Document(str(built[name][1])).tables[0]
    shaded, said = [], []
    for row in table.rows[1:]:
        shaded.append(f'w:fill="{fill}"' in row.cells[1]._tc.xml)
        said.append(marker in row.cells[0].text)
    assert any(shaded) and shaded == said
    th = [ln.split("] ", 1)[1] for ln in transcript_lines(built[name][0])
          if ln.strip().startswith("TH [") and "] " in ln]
    labels = th[len(table.columns):]  # after the header row
    assert [marker in t for t in labels] == shaded
    legend = " ".join(p.text for p in docx.Document(str(built[name][1])).paragraphs)
    assert marker in legend


# ---- every word survives every reader -----------------------------------------

_JOIN = re.compile("[\u00ad\ufffe]\\s*")  # a line-break hyphen (PDFium reports it as U+FFFE)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _JOIN.sub("", text))


def _struct_text(pdf: Path) -> str:
    out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(re.findall(r'^\s*"(.*)"\s*$', out, re.M))


def _unspoken_words(pdf: Path) -> set[str]:
    """Words drawn as artifacts (running header, footer) or inside a Figure (read by its alt)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return {w for page in doc.pages
                for w in _words(page.filter(lambda o: o.get("object_type") == "char" and
                                            o.get("tag") in ("Artifact", "Figure")).extract_text())}


def _text_layer(pdf: Path) -> str:
    """Every glyph's text in drawing order (poppler's raw mode keeps a compound's own hyphen
    at a line end, where its layout mode would join "state-" and "member")."""
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.skipif(not has("pdfinfo"), reason="poppler (pdfinfo) is not installed")
@pytest.mark.parametrize("name", list(SHEETS))
def test_pdfinfo_struct_text_keeps_every_word_of_the_text_layer(built, name):
    from collections import Counter

    pdf = built[name][0]
    layer = _text_layer(pdf)
    tagged = Counter(_words(_struct_text(pdf)))
    missing = Counter(_words(layer)) - tagged
    lost = sorted(w for w in missing if w not in _unspoken_words(pdf))
    assert not lost, f"{len(lost)} words of the page missing from the structure: {lost[:20]}"


def _hyphenated_words(pdf: Path) -> list[str]:
    """The words the line breaker split, joined from the glyphs of each marked sequence."""
    import pdfplumber
    from transcript import _text_by_mcid

    with pdfplumber.open(pdf) as doc:
        texts = _text_by_mcid(doc)
    return [a + b for t in texts.values() for a, b in re.findall(r"(\w+)\u00ad(\w+)", t)]


def test_a_line_break_hyphen_reads_as_the_whole_word_in_every_reader(built):
    import pypdfium2
    from pdfminer.high_level import extract_text
    from pypdf import PdfReader as Pypdf

    pdf = built["csto.ru-brief"][0]
    split = _hyphenated_words(pdf)
    assert len(split) >= 5, "the Russian brief is hyphenated"
    texts = {"pypdf": Pypdf(pdf).pages[0].extract_text(),
             "pdfium": pypdfium2.PdfDocument(str(pdf))[0].get_textpage().get_text_range()}
    texts["pdfminer"] = extract_text(str(pdf))
    if has("pdftotext"):
        texts["pdftotext"] = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                            text=True, check=True).stdout
        texts["pdfinfo -struct-text"] = _struct_text(pdf)
    for reader, text in texts.items():
        words = set(_words(text))
        assert [w for w in split if w not in words] == [], reader
    # and the page still shows a hyphen there
    assert all("-" not in w for w in split)
