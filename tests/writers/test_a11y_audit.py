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
from conftest import SOFFICE, has
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
    # after the header row; the clause texts' grid below has header cells of its own
    labels = th[len(table.columns):len(table.columns) + len(shaded)]
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


@pytest.mark.skipif(not has("pdfinfo"), reason="poppler (pdfinfo) is not installed")
@pytest.mark.parametrize("name", list(SHEETS))
def test_words_either_side_of_a_line_break_or_font_change_stay_apart(built, name):
    """A comparison's bold row label wrapped before its plain note mark ("UN reporting" /
    "[a]") was read "UN reporting[a]": every word poppler reads in the structure is a word
    of the text layer it draws on the page."""
    from text_layer import run_together

    assert run_together(built[name][0]) == []


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


# ---- outloud on every bundled sheet, the Russian timeline too; figure alt dates ----

def _russian_timeline(tmp_path_factory) -> Path:
    from bundled_sheets import FACTS

    from briefgen.sheets.brief import make_brief

    out = tmp_path_factory.mktemp("ru-timeline")
    return make_brief(FACTS / "csto.ru.yaml", "timeline", output=out).paths[0]


@pytest.fixture(scope="module")
def ru_timeline(tmp_path_factory):
    """The Russian CSTO timeline's PDF."""
    return _russian_timeline(tmp_path_factory)


def _outloud(pdf: Path) -> list[str]:
    from outloud import check

    result = check(str(pdf))
    return [f"{f.rule} p.{f.page}: {f.message}" for f in result.sorted_findings()
            if f.severity in ("error", "warning")]


@pytest.mark.parametrize("name", list(SHEETS))
def test_outloud_finds_no_error_or_warning_on_any_bundled_sheet(built, name):
    assert _outloud(built[name][0]) == []


def test_outloud_finds_nothing_on_the_russian_timeline(ru_timeline):
    assert _outloud(ru_timeline) == []


@pytest.mark.parametrize("name", ["csto-timeline", "nato-timeline", "ru"])
def test_timeline_alt_text_gives_dates_as_the_sheet_prints_them(built, ru_timeline, name):
    pdf = ru_timeline if name == "ru" else built[name][0]
    reader = PdfReader(pdf)
    (alt,) = [str(e["/Alt"]) for e in walk(struct_root(reader)) if role(e) == "Figure"]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", alt), alt
    lead = reader.pages[0].extract_text()
    until = re.search(r"(\d{1,2} \w+ \d{4})", alt).group(1)
    assert until in " ".join(lead.split()), (until, lead[:300])


# ---- the as-of date and a theme's banner are heard once ---------------------------

@pytest.mark.parametrize("name", ["csto-brief", "csto.ru-brief", "csto-vs-nato", "nato-timeline"])
def test_the_as_of_date_is_in_the_tagged_content_once_after_the_title(built, name):
    from briefgen.i18n.sheet import as_of_label

    pdf = built[name][0]
    top = [ln.strip() for ln in transcript_lines(pdf) if ln.startswith("  ")
           and not ln.startswith("   ")]
    lang = "ru" if ".ru" in name else "en"
    said = [ln for ln in transcript_lines(pdf) if "P [" in ln and as_of_label(lang, _AS_OF[name])
            in ln]
    assert len(said) == 1, said
    assert top[0].startswith("H1 ") and top[1] == f"P [{lang}] {as_of_label(lang, _AS_OF[name])}"


_AS_OF: dict = {}


@pytest.fixture(autouse=True, scope="module")
def _as_of_dates():
    from bundled_sheets import FACTS

    from briefgen.facts.loader import load_facts

    for name in ("csto-brief", "csto.ru-brief", "nato-timeline", "csto-vs-nato"):
        stem = {"csto-brief": "csto", "csto.ru-brief": "csto.ru", "nato-timeline": "nato",
                "csto-vs-nato": "csto"}[name]
        _AS_OF[name] = load_facts(FACTS / f"{stem}.yaml").model.as_of


def test_a_themes_banner_is_read_once_before_the_title(tmp_path):
    from bundled_sheets import FACTS

    from briefgen.sheets.brief import make_brief
    from briefgen.theme.loader import load_theme

    (tmp_path / "t.theme.yaml").write_text("banner: For training use only\n", encoding="utf-8")
    theme, _ = load_theme(tmp_path / "t.theme.yaml")
    pdf = make_brief(FACTS / "csto.yaml", output=tmp_path, theme=theme).paths[0]
    lines = transcript_lines(pdf)
    assert lines[1] == "  P [en] FOR TRAINING USE ONLY" and lines[2].startswith("  H1 ")
    assert sum("FOR TRAINING USE ONLY" in ln for ln in lines) == 1
    assert _outloud(pdf) == []


# ---- a theme's logo in the DOCX: decoration, outside any heading -----------------

def test_themed_docx_logo_is_decorative_and_outside_any_heading(tmp_path):
    import docx
    from bundled_sheets import FACTS
    from docx.oxml.ns import qn
    from PIL import Image

    from briefgen.sheets.brief import make_brief
    from briefgen.theme.loader import load_theme

    Image.new("RGB", (300, 100), "#7A1F3D").save(tmp_path / "logo.png")
    (tmp_path / "t.theme.yaml").write_text("logo: logo.png\n", encoding="utf-8")
    theme, _ = load_theme(tmp_path / "t.theme.yaml")
    path = make_brief(FACTS / "csto.yaml", output=tmp_path / "out", theme=theme,
                      formats=("pdf", "docx")).paths[1]
    body = docx.Document(str(path)).element.body
    (doc_pr,) = list(body.iter(qn("wp:docPr")))
    assert doc_pr.get("descr") == ""
    assert doc_pr.find(f"{qn('a:extLst')}/{qn('a:ext')}").get("uri") == \
        "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
    holder = next(p for p in body.iter(qn("w:p")) if list(p.iter(qn("wp:docPr"))))
    style = holder.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
    assert style not in ("Title", "Heading1", "Heading2", "Heading3")
    titles = [p for p in body.iter(qn("w:p"))
              if (s := p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) is not None
              and s.get(qn("w:val")) == "Title"]
    assert len(titles) == 1 and "".join(t.text for t in titles[0].iter(qn("w:t")))


# ---- LibreOffice's PDF/UA export of each DOCX, read with outloud --------------------

LIBREOFFICE_OWN = {"LNK-004", "LNK-005", "TAG-001"}
"""LibreOffice 7.4's own PDF/UA export defects, whatever the DOCX: it sets no /Tabs and no
Print flag on link annotations, and paints paragraph and table borders (the title's rule,
the quote's bar, table grids) outside the tree instead of as artifacts."""
STILL_OPEN = {"csto.ru-brief": {"ORD-001"}}
"""Not fixed (docs/accessibility.md): on the Russian brief LibreOffice paints no-break
spaces (U+00A0, in the citation numbers "[1, 2]" and before a dash) after the text around
them, so about a fifth of the marked sequences are out of tag order; the English sheets
carry the same spaces and are painted in order (plain or narrow no-break spaces remove
the finding, at a cost to the page: see the docs)."""


@pytest.mark.slow
@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", list(SHEETS))
def test_libreoffice_pdfua_export_of_the_docx(built, name, tmp_path):
    from pdf_structure import walk as walk_tree

    docx_path = built[name][1]
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", 'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean",'
                    '"value":"true"},"UseTaggedPDF":{"type":"boolean","value":"true"}}',
                    "--outdir", str(tmp_path), str(docx_path)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / f"{docx_path.stem}.pdf"
    rules = {f.split(" ")[0] for f in _outloud(pdf)}
    allowed = LIBREOFFICE_OWN | STILL_OPEN.get(name, set())
    assert rules <= allowed, sorted(rules - allowed)
    els = list(walk_tree(struct_root(PdfReader(pdf))))
    h1 = [e for e in els if role(e) == "H1"]
    assert len(h1) == 1 and not [e for e in walk_tree(h1[0]) if role(e) == "Figure"]
