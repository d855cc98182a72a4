"""The DOCX as other readers see it: no table of tables, headings as heading styles, no
empty paragraphs, the as-of date and a theme's banner said once in the body.

Read with python-docx (the XML), pandoc (``pandoc -f docx``, as course-file checkers and
converters read a handout) and LibreOffice (one page for every bundled sheet).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bundled_sheets import FACTS, SHEETS
from docx.oxml.ns import qn

from briefgen.sheets.brief import make_brief

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(not PANDOC and os.environ.get("CI") != "true",
                                  reason="pandoc is not installed (apt-get install pandoc)")


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    """Every bundled sheet's DOCX on A4: name → path."""
    return {name: make(tmp_path_factory.mktemp(name), "a4", formats=("docx",)).paths[0]
            for name, make in SHEETS.items()}


def _body(path: Path):
    import docx

    return docx.Document(str(path)).element.body


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _style(p) -> str | None:
    s = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return s.get(qn("w:val")) if s is not None else None


@pytest.mark.parametrize("name", list(SHEETS))
def test_no_table_holds_a_table(docs, name):
    body = _body(docs[name])
    nested = [t for t in body.iter(qn("w:tbl")) if any(a.tag == qn("w:tbl")
                                                       for a in t.iterancestors())]
    assert nested == []


@pytest.mark.parametrize("name", list(SHEETS))
def test_no_empty_paragraphs(docs, name):
    """Space comes from spacing, never an empty paragraph a screen reader calls "blank"."""
    body = _body(docs[name])
    empty = [_style(p) for p in body.iter(qn("w:p"))
             if not _text(p).strip() and not list(p.iter(qn("w:drawing")))]
    assert empty == []


def test_the_key_facts_and_the_clause_sit_in_columns_not_a_table(docs):
    """A section of two newspaper columns: the key facts, a column break, the clause."""
    body = _body(docs["csto-brief"])
    sections = [s for s in body.iter(qn("w:sectPr"))]
    cols = [int(c.get(qn("w:num"), "1")) for s in sections for c in s.findall(qn("w:cols"))]
    assert 2 in cols
    (brk,) = [b for b in body.iter(qn("w:br")) if b.get(qn("w:type")) == "column"]
    p = next(a for a in brk.iterancestors() if a.tag == qn("w:p"))
    assert _style(p) == "Quote" and [_text(t) for t in body.iter(qn("w:tbl"))][0].startswith(
        "Key facts")


@pytest.mark.parametrize("name", list(SHEETS))
def test_headings_are_heading_styles(docs, name):
    """Every paragraph with an outline level is in Title or a style that is, or is based
    on, a Heading N style (pandoc and Word's navigation pane read those)."""
    import docx

    document = docx.Document(str(docs[name]))
    for p in document.paragraphs + [p for t in document.tables for r in t.rows
                                    for c in r.cells for p in c.paragraphs]:
        style = p.style
        if style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is None:
            continue
        chain = []
        while style is not None:
            chain.append(style.name)
            style = style.base_style
        assert chain[0] == "Title" or any(n.lower().startswith("heading ") for n in chain), chain


def _pandoc_blocks(path: Path) -> list:
    out = subprocess.run([PANDOC or "pandoc", "-f", "docx", "-t", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["blocks"]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def _plain(inlines) -> str:
    return "".join(n.get("c", " ") if n.get("t") == "Str" else " " for n in _walk(inlines)
                   if n.get("t") in ("Str", "Space", "SoftBreak"))


@needs_pandoc
@pytest.mark.parametrize("name", list(SHEETS))
def test_pandoc_reads_headings_and_no_table_of_tables(docs, name):
    from briefgen.i18n.sheet import SOURCES, text

    blocks = _pandoc_blocks(docs[name])
    tables = [n for n in _walk(blocks) if n.get("t") == "Table"]
    assert all(not [m for m in _walk(t["c"]) if m.get("t") == "Table"] for t in tables)
    headers = [_plain(n["c"][2]) for n in _walk(blocks) if n.get("t") == "Header"]
    lang = "ru" if ".ru" in name else "en"
    assert any(h.startswith(text(lang, SOURCES)) for h in headers), headers
    if "brief" in name:
        assert text(lang, "Key facts") in headers


# ---- the as-of date and a theme's banner: once, in the body ------------------------

def _paragraph_texts(container) -> list[str]:
    return [p.text for p in container.paragraphs]


def test_the_as_of_date_is_said_once_in_the_body_after_the_title(docs):
    import docx

    from briefgen.facts.loader import load_facts
    from briefgen.i18n.sheet import as_of_label

    label = as_of_label("en", load_facts(FACTS / "csto.yaml").model.as_of)
    document = docx.Document(str(docs["csto-brief"]))
    paragraphs = document.paragraphs
    said = [p for p in paragraphs if label in p.text]
    assert len(said) == 1 and said[0].style.name == "As Of"
    at = paragraphs.index(said[0])
    assert [p.style.name for p in paragraphs[:at]] in (["Title"], ["Title", "Subtitle"])
    section = document.sections[0]
    assert not any(label in t for t in _paragraph_texts(section.first_page_header))
    assert any(label in t for t in _paragraph_texts(section.header))  # page 2 on


def test_a_themes_banner_is_the_first_paragraph_of_the_body_once(tmp_path):
    import docx

    from briefgen.theme.loader import load_theme

    (tmp_path / "t.theme.yaml").write_text("banner: For training use only\n", encoding="utf-8")
    theme, _ = load_theme(tmp_path / "t.theme.yaml")
    path = make_brief(FACTS / "csto.yaml", output=tmp_path / "out", theme=theme,
                      formats=("docx",)).paths[0]
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "FOR TRAINING USE ONLY" and texts.count("FOR TRAINING USE ONLY") == 1
    assert document.paragraphs[1].style.name == "Title"
    section = document.sections[0]
    assert "FOR TRAINING USE ONLY" not in _paragraph_texts(section.first_page_header)
    assert "FOR TRAINING USE ONLY" in _paragraph_texts(section.header)
