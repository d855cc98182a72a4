"""Block nodes as HTML: one handler per node type (:data:`HANDLERS`), shared by page and fragment.

Headings never skip a level: each tree heading is placed one level below the
nearest heading above it of a higher tree level (so "# Title" then "### A"
and "### B" become h1, h2, h2), and a box's title one below its section. The
fragment adds one to every level (the LMS page's own title is its ``h1``).
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen.document.a11y import row_header_flags
from briefgen.document.model import (
    Block,
    Box,
    Columns,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    SourcesList,
    Table,
)
from briefgen.document.text import plain_text
from briefgen.writers.html import markup as mk
from briefgen.writers.html.figure import image
from briefgen.writers.html.inlines import inlines
from briefgen.writers.html.sources import sources


def heading_level(ctx: mk.Context, tree_level: int) -> int:
    """The level (1-6, before the fragment's shift) a tree heading of ``tree_level`` gets."""
    while ctx.stack and ctx.stack[-1][0] >= tree_level:
        ctx.stack.pop()
    level = ctx.stack[-1][1] + 1 if ctx.stack else 1
    ctx.stack.append((tree_level, level))
    return level


def heading(ctx: mk.Context, level: int, body: str, hid: str | None = None) -> str:
    """``<hN>`` at ``level`` plus the flavour's shift, never deeper than h6."""
    n = min(6, level + ctx.shift)
    ctx.last_heading_id = hid = hid or ctx.new_id("h")
    return ctx.el(f"h{n}", body, f"h{min(3, level)}", id=hid)


def _heading(ctx: mk.Context, node: Heading) -> str:
    level = heading_level(ctx, node.level)
    ctx.last_heading = plain_text(node.inlines)
    return heading(ctx, level, inlines(ctx, node.inlines))


def _paragraph(ctx: mk.Context, node: Paragraph) -> str:
    return ctx.el("p", inlines(ctx, node.inlines), node.role or ctx.paragraph_class)


def _list(ctx: mk.Context, node: ListBlock) -> str:
    items = []
    for item in node.items:
        if len(item) == 1 and isinstance(item[0], Paragraph) and not item[0].role:
            body = inlines(ctx, item[0].inlines)  # tight list: no <p> in the item
        else:
            body = write_blocks(ctx, item)
        items.append(ctx.el("li", body, "li"))
    if node.ordered:
        start = str(node.start) if node.start != 1 else None
        return ctx.el("ol", "".join(items), "ol", start=start)
    return ctx.el("ul", "".join(items), "ul")


def _table(ctx: mk.Context, node: Table) -> str:
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


def _box(ctx: mk.Context, node: Box) -> str:
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


def _quote(ctx: mk.Context, node: Quote) -> str:
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


def _columns(ctx: mk.Context, node: Columns) -> str:
    cols = "".join(ctx.el("div", write_blocks(ctx, col), "column") for col in node.columns)
    return ctx.el("div", cols, "columns")


def _rule(ctx: mk.Context, node: Rule) -> str:
    return "<hr>"


def _image(ctx: mk.Context, node: Image) -> str:
    return image(ctx, node)


def _sources(ctx: mk.Context, node: SourcesList) -> str:
    return sources(ctx, node, heading_level, heading)


HANDLERS: dict[type, Callable[[mk.Context, Block], str]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    ListBlock: _list,
    Table: _table,
    Box: _box,
    Quote: _quote,
    Columns: _columns,
    Rule: _rule,
    Image: _image,
    SourcesList: _sources,
}


def write_blocks(ctx: mk.Context, blocks: list[Block]) -> str:
    """The HTML of blocks, in order."""
    return "\n".join(HANDLERS[type(b)](ctx, b) for b in blocks)


def write_sections(ctx: mk.Context, blocks: list[Block]) -> str:
    """Top-level blocks; on the page each h2 opens a ``section`` labelled by it (until the next)."""
    if ctx.lms:
        return write_blocks(ctx, blocks)
    out: list[str] = []
    open_section = False
    for block in blocks:
        html = HANDLERS[type(block)](ctx, block)
        if isinstance(block, (Heading, SourcesList)) and html:
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
