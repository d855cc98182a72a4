"""The DOCX writer's state while writing, and inline content: runs, citations, breaks, paragraphs.

:class:`Context` carries the Word document, the style ids and the numbering
of sources; :class:`Place` says where blocks go (the body or a table cell)
and how wide that is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from briefgen.adapters import python_docx as dx
from briefgen.document.model import (
    CITATION_SEPARATOR,
    Cite,
    Document,
    Inline,
    LineBreak,
    Run,
)
from briefgen.theme.model import Theme
from briefgen.units import Length
from briefgen.writers.docx import xml as ox
from briefgen.writers.docx.a11y import add_text_runs
from briefgen.writers.docx.styles import StyleIds


@dataclass
class Context:
    """What every handler needs while writing one document."""

    doc: Document
    word: object  # the python-docx Document being built
    ids: StyleIds
    theme: Theme
    numbers: dict[str, int]
    body_style: str | None = None  # paragraph style for plain paragraphs (Quote inside quotes)
    abstract_nums: dict[str, str] = field(default_factory=dict)
    regions: list = field(default_factory=list)  # parts set in columns (docx/sections.py)
    space_before: int = 0  # twips above the next paragraph: after a table, instead of a spacer
    place: Place | None = None  # where a block handler writes (set by write_block)
    paragraph: object = None  # the python-docx Paragraph an inline handler appends to


@dataclass(frozen=True)
class Place:
    """Where blocks go: a python-docx container (document body or table cell) and its width."""

    container: object
    width_twips: int


# ---- inline content ----------------------------------------------------------

def _inline_run(node: Run, ctx: Context) -> None:
    paragraph = ctx.paragraph
    if node.href:
        runs = [ox.add_hyperlink_run(paragraph, node.href, node.text, ctx.ids.hyperlink)]
    else:  # a fact that names its language: that, not the guess by script (WCAG 3.1.2)
        lang = node.lang or ctx.doc.language
        runs = add_text_runs(paragraph, node.text, lang, declared=lang != ctx.doc.language)
    for run in runs:
        ox.set_run_emphasis(dx.run_element(run), bold=node.bold, italic=node.italic)
        if node.code:
            ox.set_run_style(dx.run_element(run), ctx.ids.code)


def _inline_cite(node: Cite, ctx: Context) -> None:
    paragraph = ctx.paragraph
    nums = [str(n) for n in sorted({ctx.numbers[s] for s in node.source_ids if s in ctx.numbers})]
    label = CITATION_SEPARATOR.join(nums + ["?"] * any(s not in ctx.numbers for s in node.source_ids))
    run = ox.add_text_run(paragraph, f"[{label}]")
    ox.set_run_style(dx.run_element(run), ctx.ids.citation)


def _inline_break(node: LineBreak, ctx: Context) -> None:
    paragraph = ctx.paragraph
    paragraph.add_run().add_break()


InlineHandler = Callable[[Inline, Context], None]
"""``(node, ctx)``: append ``node`` to ``ctx.paragraph`` (the PDF writer's take the same)."""

INLINE_HANDLERS: dict[type, InlineHandler] = {
    Run: _inline_run,
    Cite: _inline_cite,
    LineBreak: _inline_break,
}


def add_inlines(ctx: Context, paragraph, inlines: list[Inline] | None) -> None:
    """Append inline nodes (runs, citations, breaks) to a paragraph, in order."""
    outer, ctx.paragraph = ctx.paragraph, paragraph
    try:
        for node in inlines or ():
            handler = INLINE_HANDLERS.get(type(node))
            if handler is None:
                raise TypeError(f"the DOCX writer has no handler for {type(node).__name__}")
            handler(node, ctx)
    finally:
        ctx.paragraph = outer


def _style_space_before(ctx: Context, style_id: str | None) -> int:
    """The space before paragraphs of ``style_id`` in twips (its own ``w:spacing``)."""
    from docx.oxml.ns import qn

    for style in ctx.word.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == (style_id or "Normal"):
            spacing = style.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
            if spacing is not None and spacing.get(qn("w:before")):
                return int(spacing.get(qn("w:before")))
    return 0


def add_paragraph(ctx: Context, place: Place, style_id: str | None, inlines=None):
    """A new paragraph at ``place`` in style ``style_id``, holding ``inlines``."""
    p = place.container.add_paragraph()
    ox.set_style_id(dx.paragraph_element(p), style_id)
    if ctx.space_before:  # the room under a table above: on this paragraph, not an empty one
        own = _style_space_before(ctx, style_id)
        p.paragraph_format.space_before = Length.from_twips(own + ctx.space_before).emu
        ctx.space_before = 0
    add_inlines(ctx, p, inlines)
    return p
