"""Block nodes as HTML, shared by page and fragment: :data:`BLOCK_HANDLERS`.

The table has the shape of the PDF and DOCX writers' (``tests/writers/test_handler_tables.py``):
keyed by the node class of :mod:`briefgen.document.model`, each handler called as
``handler(node, ctx)`` and returning the node's HTML. Headings never skip a level
(:mod:`.headings`).
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen.document import model as m
from briefgen.document.a11y import row_header_flags
from briefgen.document.text import plain_text
from briefgen.writers.html import markup as mk
from briefgen.writers.html.figure import image
from briefgen.writers.html.headings import heading, heading_level
from briefgen.writers.html.inlines import inlines
from briefgen.writers.html.sources import sources


def _heading(node: m.Heading, ctx: mk.Context) -> str:
    level = heading_level(ctx, node.level)
    ctx.last_heading = plain_text(node.inlines)
    return heading(ctx, level, inlines(ctx, node.inlines))


def _paragraph(node: m.Paragraph, ctx: mk.Context) -> str:
    return ctx.el("p", inlines(ctx, node.inlines), node.role or ctx.paragraph_class)


def _list(node: m.ListBlock, ctx: mk.Context) -> str:
    items = []
    for item in node.items:
        if len(item) == 1 and isinstance(item[0], m.Paragraph) and not item[0].role:
            body = inlines(ctx, item[0].inlines)  # tight list: no <p> in the item
        else:
            body = write_blocks(ctx, item)
        items.append(ctx.el("li", body, "li"))
    if node.ordered:
        start = str(node.start) if node.start != 1 else None
        return ctx.el("ol", "".join(items), "ol", start=start)
    return ctx.el("ul", "".join(items), "ul")


def _table(node: m.Table, ctx: mk.Context) -> str:
    rows = [*node.header, *node.rows]
    if not rows:
        return ""
    flags = row_header_flags(node)
    nhead = len(node.header)
    if node.caption:
        caption = ctx.el("caption", inlines(ctx, node.caption), "caption")
        label = plain_text(node.caption)
    else:  # the heading above names the table; screen readers hear it, the eye has it already
        label = ctx.last_heading
        caption = ctx.el("caption", mk.text(label), "visually-hidden") if label else ""
    out = []
    for r, row in enumerate(rows):
        cells = []
        for c, cell in enumerate(row):
            style = f"text-align:{cell.align}" if cell.align in ("left", "center", "right") else None
            body = inlines(ctx, cell.inlines)
            if r < nhead:
                cells.append(ctx.el("th", body, "th", style=style, scope="col"))
            elif flags[r][c]:
                cells.append(ctx.el("th", body, "th-row", style=style, scope="row"))
            else:
                cells.append(ctx.el("td", body, "td", style=style))
        marked = r >= nhead and (r - nhead) in node.marked_rows
        out.append(ctx.el("tr", "".join(cells), "marked" if marked else None))
    head = "<thead>" + "".join(out[:nhead]) + "</thead>" if nhead else ""
    table = ctx.el("table", caption + head + "<tbody>" + "".join(out[nhead:]) + "</tbody>", "table")
    region = {} if ctx.lms else {"role": "region", "aria_label": label or None, "tabindex": "0"}
    return ctx.el("div", table, "table-scroll", **region)


def _box(node: m.Box, ctx: mk.Context) -> str:
    body = ""
    labelled = None
    if node.title:
        level = (ctx.stack[-1][1] if ctx.stack else 1) + 1
        hid = ctx.new_id("h")
        body = heading(ctx, level, inlines(ctx, node.title), hid)
        labelled = hid
    body += write_blocks(ctx, node.children)
    cls = "note" if node.kind == "note" else "keyfacts"
    if ctx.lms:
        return ctx.el("div", body, cls, role="region" if labelled else "note",
                      aria_labelledby=labelled)
    if labelled:
        return ctx.el("section", body, cls, aria_labelledby=labelled)
    return ctx.el("div", body, cls, role="note")


def _quote(node: m.Quote, ctx: mk.Context) -> str:
    outer, ctx.paragraph_class = ctx.paragraph_class, "quote-p"
    try:
        quote = ctx.el("blockquote", write_blocks(ctx, node.children), "blockquote")
    finally:
        ctx.paragraph_class = outer
    if not node.attribution:
        return quote
    cite = ctx.el("figcaption", "—&nbsp;" + inlines(ctx, node.attribution),
                  "attribution")
    return ctx.el("figure", quote + cite, "quote")


def _columns(node: m.Columns, ctx: mk.Context) -> str:
    cols = "".join(ctx.el("div", write_blocks(ctx, col), "column") for col in node.columns)
    return ctx.el("div", cols, "columns")


def _rule(node: m.Rule, ctx: mk.Context) -> str:
    return "<hr>"


BlockHandler = Callable[[m.Block, mk.Context], str]
"""``(node, ctx)``: the HTML of one block (the PDF and DOCX writers' take the same)."""

BLOCK_HANDLERS: dict[type, BlockHandler] = {
    m.Heading: _heading,
    m.Paragraph: _paragraph,
    m.ListBlock: _list,
    m.Table: _table,
    m.Box: _box,
    m.Quote: _quote,
    m.Columns: _columns,
    m.Rule: _rule,
    m.Image: image,
    m.SourcesList: sources,
}


def write_block(ctx: mk.Context, block: m.Block) -> str:
    """The HTML of one block, by its handler in :data:`BLOCK_HANDLERS`."""
    handler = BLOCK_HANDLERS.get(type(block))
    if handler is None:
        raise TypeError(f"the HTML writer has no handler for {type(block).__name__}")
    return handler(block, ctx)


def write_blocks(ctx: mk.Context, blocks: list[m.Block]) -> str:
    """The HTML of blocks, in order."""
    return "\n".join(write_block(ctx, b) for b in blocks)


def write_sections(ctx: mk.Context, blocks: list[m.Block]) -> str:
    """Top-level blocks; on the page each h2 opens a ``section`` labelled by it (until the next)."""
    if ctx.lms:
        return write_blocks(ctx, blocks)
    out: list[str] = []
    open_section = False
    for block in blocks:
        html = write_block(ctx, block)
        if isinstance(block, (m.Heading, m.SourcesList)) and html:
            level = ctx.stack[-1][1] if ctx.stack else 1
            if open_section and level <= 2:
                out.append("</section>")
                open_section = False
            if level == 2:
                html = f'<section aria-labelledby="{ctx.last_heading_id}">' + html
                open_section = True
        out.append(html)
    if open_section:
        out.append("</section>")
    return "\n".join(out)
