"""The ``lms`` format: one sheet as an HTML fragment an LMS editor keeps as it is.

For pasting into (or uploading to) a Canvas, Moodle, Blackboard or D2L page:
one ``div`` with the sheet's ``lang``, headings from ``h2`` (the LMS page's
title is its ``h1``), only the elements, attributes and inline style
properties of :mod:`briefgen.writers.html.canvas`, the timeline as its data
table, every link with its whole text. The same input gives the same bytes.
"""

from __future__ import annotations

from briefgen.document.model import Document, Heading, citation_numbers
from briefgen.theme.model import PageSetup, Theme
from briefgen.writers import as_of_line
from briefgen.writers.html import markup as mk
from briefgen.writers.html.blocks import write_blocks
from briefgen.writers.html.inlines import language_text
from briefgen.writers.html.page import title_and_blocks
from briefgen.writers.html.style import inline_styles


def render_lms(doc: Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> bytes:
    """Write ``doc`` as an LMS-safe HTML fragment (UTF-8 bytes; ``setup`` and ``scale`` unused)."""
    ctx = mk.Context(doc=doc, theme=theme, lms=True, numbers=citation_numbers(doc),
                     styles=inline_styles(theme), prefix=mk.id_prefix(doc), shift=1)
    title_inlines, blocks = title_and_blocks(doc)
    parts = []
    banner = theme.banner.strip().upper()
    if banner:
        parts.append(ctx.el("p", f"<strong>{mk.text(banner)}</strong>", "banner"))
    parts.append(write_blocks(ctx, [Heading(1, title_inlines)]))
    running = " · ".join(t for t in (doc.header or theme.header_text, as_of_line(doc)) if t)
    if running:
        parts.append(ctx.el("p", language_text(ctx, running), "running"))
    if doc.subtitle:
        parts.append(ctx.el("p", language_text(ctx, doc.subtitle), "lead"))
    parts.append(write_blocks(ctx, blocks))
    footer = doc.footer or theme.footer_text
    if footer:
        parts.append(ctx.el("p", language_text(ctx, footer), "foot"))
    body = "\n".join(p for p in parts if p)
    return (f'<div lang="{mk.attr(doc.language)}">\n{body}\n</div>\n').encode()
