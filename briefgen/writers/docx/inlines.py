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
    source_columns: int = 1  # set by the Sources list; the section then takes that many
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
        if node.bold:
            run.bold = True
        if node.italic:
            run.italic = True
        if node.code:
            dx.run_element(run).get_or_add_rPr().style = ctx.ids.code


def _inline_cite(node: Cite, ctx: Context) -> None:
    paragraph = ctx.paragraph
    nums = [str(n) for n in sorted({ctx.numbers[s] for s in node.source_ids if s in ctx.numbers})]
    label = CITATION_SEPARATOR.join(nums + ["?"] * any(s not in ctx.numbers for s in node.source_ids))
    run = paragraph.add_run(f"[{label}]")
    dx.run_element(run).get_or_add_rPr().style = ctx.ids.citation


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


def add_paragraph(ctx: Context, place: Place, style_id: str | None, inlines=None):
    """A new paragraph at ``place`` in style ``style_id``, holding ``inlines``."""
    p = place.container.add_paragraph()
    ox.set_style_id(dx.paragraph_element(p), style_id)
    add_inlines(ctx, p, inlines)
    return p
