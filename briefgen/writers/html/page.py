"""The ``html`` format: a whole, self-contained, accessible HTML5 page of one sheet.

Landmarks (header, main, footer), one ``h1``, a ``section`` per ``h2``, the
style sheet inline, pictures inline (SVG, or PNG as a ``data:`` URL), no
script, and a Content-Security-Policy that lets the page load nothing from
anywhere. The same input gives the same bytes.

Usage::

    data = render_html(doc, PageSetup(), DEFAULT_THEME, scale=0.95)
"""

from __future__ import annotations

import base64
from pathlib import Path

from briefgen.document.model import Document, Heading, Run
from briefgen.i18n.sheet import page_number_parts
from briefgen.theme.model import PageSetup, Theme
from briefgen.writers import as_of_line
from briefgen.writers.html import markup as mk
from briefgen.writers.html.blocks import write_sections
from briefgen.writers.html.inlines import language_text
from briefgen.writers.html.style import (
    font_stack,
    margin_boxes,
    print_source_columns,
    stylesheet,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""Nothing may load: no script, no font, no image but those inside the page."""


def _logo(theme: Theme) -> str:
    if not theme.logo:
        return ""
    path = Path(theme.logo)
    mime = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img class="logo" src="data:{mime};base64,{data}" alt="" style="height:3rem">'


def title_and_blocks(doc: Document) -> tuple[list, list]:
    """(the title's inlines, the blocks after it): the first h1, or the document's title."""
    blocks = list(doc.blocks)
    if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
        return blocks[0].inlines, blocks[1:]
    return [Run(doc.title)], blocks


def render_html(doc: Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> bytes:
    """Write ``doc`` as a standalone HTML page (UTF-8 bytes); ``scale`` sets the printed type size."""
    from briefgen.document.model import citation_numbers

    ctx = mk.Context(doc=doc, theme=theme, lms=False, numbers=citation_numbers(doc),
                     prefix=mk.id_prefix(doc))
    title_inlines, blocks = title_and_blocks(doc)
    body = write_sections(ctx, [Heading(1, title_inlines)])
    if doc.subtitle:
        body += ctx.el("p", language_text(ctx, doc.subtitle), "lead")
    body += write_sections(ctx, blocks)

    banner = theme.banner.strip().upper()
    running = []
    if banner:
        running.append(ctx.el("p", mk.text(banner), "banner"))
    left = doc.header or theme.header_text
    if left:
        running.append(ctx.el("p", language_text(ctx, left)))
    if as_of_line(doc):
        running.append(ctx.el("p", mk.text(as_of_line(doc))))
    footer = doc.footer or theme.footer_text
    foot = [ctx.el("p", language_text(ctx, footer))] if footer else []
    if banner:
        foot.append(ctx.el("p", mk.text(banner), "banner", aria_hidden="true"))
    margins = margin_boxes(left or "", as_of_line(doc), footer or "",
                           page_number_parts(doc.language), font_stack(theme))
    columns = print_source_columns(doc, theme, setup, scale)
    meta = {"author": doc.author, "description": doc.subject or None,
            "keywords": ", ".join(doc.keywords) or None, "generator": "briefgen"}
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{mk.attr(doc.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        *(f'<meta name="{k}" content="{mk.attr(v)}">' for k, v in meta.items() if v),
        f"<title>{mk.text(doc.title)}</title>",
        f"<style>\n{stylesheet(theme, setup, scale, margins, columns)}\n</style>",
        "</head>",
        "<body>",
        '<div class="sheet">',
        f'<header class="running">{_logo(theme)}{"".join(running)}</header>',
        f"<main>{body}</main>",
        f'<footer class="foot">{"".join(foot)}</footer>',
        "</div>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(head).encode("utf-8")
