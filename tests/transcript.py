"""What a screen reader hears from a tagged PDF: text and alternatives in structure order.

Read with pdfplumber (pdfminer's structure tree and its per-glyph MCIDs), an
independent reader of briefgen's tagging. One line per structure element that
says something, indented by depth::

    H1 [en] Collective Security Treaty Organization (ОДКБ)
      Span [ru] ОДКБ
    Figure [en] alt: A timeline from 1992 …

An element's ``/ActualText`` replaces its content and ``/Alt`` is what a
reader says for a figure. The language is the nearest ``/Lang`` up the tree
(the catalogue's for the top). A golden of this per sheet shows in review any
change to what a blind reader hears.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

INLINE = {"Span", "Link", "Reference", "Note", "Quote", "Code", "BibEntry"}
"""Read as part of the text around them; listed on a line of their own only when they
change the language."""


def _text_by_mcid(pdf) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], list[str]] = defaultdict(list)
    for page in pdf.pages:
        for ch in page.chars:
            if ch.get("mcid") is not None:
                out[(page.page_number, ch["mcid"])].append(ch["text"])
    return {k: "".join(v) for k, v in out.items()}


def transcript_lines(path: Path) -> list[str]:
    """The transcript of the PDF at ``path``, one line per element that speaks."""
    import pdfplumber
    from pdfplumber.structure import PDFStructTree

    with pdfplumber.open(path) as pdf:
        doc_lang = str(pdf.doc.catalog.get("Lang", b"")).strip("b'") or "?"
        lang_obj = pdf.doc.catalog.get("Lang")
        if isinstance(lang_obj, bytes):
            doc_lang = lang_obj.decode("latin-1")
        texts = _text_by_mcid(pdf)
        lines: list[str] = []

        def own_text(el) -> str:
            if el.actual_text is not None:
                return el.actual_text
            parts = []
            for kid in _ordered(el):
                if isinstance(kid, int):
                    parts.append(texts.get((el.page_number, kid), ""))
                else:
                    parts.append(own_text(kid) if kid.type in INLINE else "")
            return "".join(parts)

        def visit(el, depth: int, lang: str) -> None:
            outer, lang = lang, el.lang or lang
            if el.type in INLINE:
                if lang != outer:
                    lines.append(f"{'  ' * depth}{el.type} [{lang}] {_squash(own_text(el))}")
                for kid in el.children:
                    visit(kid, depth + 1, lang)
                return
            text = _squash(own_text(el))
            said = []
            if el.alt_text:
                said.append(f"alt: {_squash(el.alt_text)}")
            if text:
                said.append(text)
            head = f"{'  ' * depth}{el.type} [{lang}]"
            lines.append(f"{head} {' | '.join(said)}".rstrip())
            for kid in el.children:
                if el.actual_text is None:
                    visit(kid, depth + 1, lang)

        for el in PDFStructTree(pdf):
            visit(el, 0, doc_lang)
    return lines


def _ordered(el) -> list:
    """An element's content in /K order: MCIDs (ints) and child elements.

    pdfplumber keeps MCIDs and children apart; the MCIDs of one element are
    drawn in order and its children follow the text they sit in, so MCIDs and
    children are merged by the lowest MCID each child holds.
    """
    def first(x):
        if isinstance(x, int):
            return x
        ids = list(_all_mcids(x))
        return min(ids) if ids else 10**9

    return sorted([*el.mcids, *el.children], key=first)


def _all_mcids(el):
    yield from el.mcids
    for kid in el.children:
        yield from _all_mcids(kid)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def transcript(path: Path) -> str:
    """The transcript as one text, for a golden file."""
    return "\n".join(transcript_lines(path)) + "\n"
