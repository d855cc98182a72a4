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


# ---- the language of parts (WCAG 3.1.2) ----------------------------------------

def _letters_by_language(pdf: Path) -> list[tuple[str, str, str]]:
    """(letter, language in force, structure type) for every letter drawn as content."""
    import pdfplumber
    from pdfplumber.structure import PDFStructTree

    with pdfplumber.open(pdf) as doc:
        lang = doc.doc.catalog["Lang"]
        lang = lang.decode() if isinstance(lang, bytes) else str(lang)
        owner: dict[tuple[int, int], tuple[str, str]] = {}

        def visit(el, outer):
            here = el.lang or outer
            for n in el.mcids:
                owner[(el.page_number, n)] = (here, el.type)
            for kid in el.children:
                visit(kid, here)

        for el in PDFStructTree(doc):
            visit(el, lang)
        return [(ch["text"], *owner[(page.page_number, ch["mcid"])])
                for page in doc.pages for ch in page.chars
                if ch["text"].isalpha() and ch.get("mcid") is not None
                and (page.page_number, ch["mcid"]) in owner and ch.get("tag") != "Figure"]


def _script(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "").split(" ")[0]


@pytest.mark.parametrize("name", list(SHEETS))
def test_pdf_words_in_the_other_script_carry_their_language(built, name):
    letters = _letters_by_language(built[name][0])
    russian = name.startswith("csto.ru")
    if russian:  # Latin letters outside links (URLs) are marked as another language
        wrong = {ch for ch, lang, kind in letters
                 if _script(ch) == "LATIN" and lang == "ru" and kind != "Link"}
    else:
        wrong = {ch for ch, lang, _ in letters if _script(ch) == "CYRILLIC" and lang != "ru"}
    assert not wrong, f"{len(wrong)} letters read in the sheet's language: {sorted(wrong)[:20]}"
    if name in ("csto-brief", "csto.ru-brief"):
        assert {lang for _, lang, _ in letters} >= {"it", "fr"}


@pytest.mark.parametrize("name", ["csto-brief", "csto.ru-brief", "csto-vs-nato"])
def test_docx_runs_in_the_other_script_carry_w_lang(built, name):
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(str(built[name][1])).element.body
    russian = name.startswith("csto.ru")
    wrong = []
    for r in body.iter(qn("w:r")):
        if r.getparent().tag == qn("w:hyperlink"):
            continue
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        lang = r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        said = lang.get(qn("w:val")) if lang is not None else None
        scripts = {_script(c) for c in text if c.isalpha()}
        if (russian and "LATIN" in scripts and said is None) or \
                (not russian and "CYRILLIC" in scripts and said != "ru"):
            wrong.append(text)
    assert not wrong, wrong[:5]
    langs = {e.get(qn("w:val")) for e in body.iter(qn("w:lang"))}
    assert ("en" if russian else "ru") in langs
    if "brief" in name:
        assert {"it", "fr"} <= langs


# ---- headings: siblings share a level, none is skipped (both formats) ------------

def _docx_outline(docx_path: Path) -> list[tuple[int, str]]:
    """(outline level, text) of every paragraph whose style (or itself) has one."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(docx_path))
    levels = {}
    for style in document.styles.element.iter(qn("w:style")):
        lvl = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if lvl is not None:
            levels[style.get(qn("w:styleId"))] = int(lvl.get(qn("w:val")))
    out = []
    for p in document.element.body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        own = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        level = int(own.get(qn("w:val"))) if own is not None else \
            levels.get(style.get(qn("w:val")) if style is not None else None)
        if level is not None and level < 9:
            out.append((level, "".join(t.text or "" for t in p.iter(qn("w:t")))))
    return out


@pytest.mark.parametrize("name", list(SHEETS))
def test_docx_headings_skip_no_level(built, name):
    levels = [lvl for lvl, _ in _docx_outline(built[name][1])]
    assert levels and levels[0] == 0
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


@pytest.mark.parametrize("name", ["csto-timeline", "nato-timeline"])
def test_timeline_sections_are_siblings_in_both_formats(built, name):
    from pdf_structure import text_of_heading_levels

    pdf_levels = text_of_heading_levels(PdfReader(built[name][0]))
    assert pdf_levels[0] == 1 and set(pdf_levels[1:]) == {2}, pdf_levels
    docx_levels = [lvl for lvl, _ in _docx_outline(built[name][1])]
    assert docx_levels[0] == 0 and set(docx_levels[1:]) == {1}, docx_levels
