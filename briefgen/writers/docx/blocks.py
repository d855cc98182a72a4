"""DOCX block handlers: one per node type of the document tree (:data:`BLOCK_HANDLERS`).

All formatting is on named Word styles (:mod:`briefgen.writers.docx.styles`);
what python-docx has no API for is in :mod:`briefgen.writers.docx.xml`.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

from docx.image.exceptions import UnrecognizedImageError
from docx.oxml.ns import qn

from briefgen.adapters import python_docx as dx
from briefgen.document.a11y import row_header_flags
from briefgen.document.balance import stacked
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
from briefgen.document.text import column_shares, column_words, plain_text, widen_for_words
from briefgen.errors import InputError
from briefgen.theme.model import TABLE_SHARE
from briefgen.units import Length
from briefgen.writers.docx import a11y
from briefgen.writers.docx import xml as ox
from briefgen.writers.docx.inlines import Context, Place, add_inlines, add_paragraph
from briefgen.writers.docx.sections import Region, body_elements, column_break, hairline
from briefgen.writers.docx.sources import write_sources
from briefgen.writers.docx.styles import TABLE_PADDING_MM

# ---- blocks ------------------------------------------------------------------

def _block_heading(node: Heading, ctx: Context) -> None:
    place = ctx.place
    level = min(max(node.level, 1), 3)
    add_paragraph(ctx, place, ctx.ids.headings[level - 1], node.inlines)


def _block_paragraph(node: Paragraph, ctx: Context) -> None:
    place = ctx.place
    roles = {"lead": ctx.ids.lead, "small": ctx.ids.small, "caption": ctx.ids.caption}
    add_paragraph(ctx, place, roles.get(node.role or "", ctx.body_style), node.inlines)


def _numbering_for(ctx: Context, style_id: str, start: int) -> str:
    """A fresh ``w:num`` so each numbered list restarts at ``start``; returns its numId."""
    numbering = ctx.word.part.numbering_part.element
    abstract = ctx.abstract_nums.get(style_id)
    if abstract is None:
        style = next(s for s in ctx.word.styles.element.style_lst if s.styleId == style_id)
        num_id = style.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(num_id).abstractNumId.val
        ctx.abstract_nums[style_id] = abstract
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _block_list(node: ListBlock, ctx: Context, depth: int = 0) -> None:
    place = ctx.place
    level = min(depth, 2)
    style = (ctx.ids.numbers if node.ordered else ctx.ids.bullets)[level]
    num_id = _numbering_for(ctx, style, node.start) if node.ordered else None
    for item in node.items:
        first = True
        for block in item:
            if isinstance(block, ListBlock):
                _block_list(block, ctx, depth + 1)
            elif isinstance(block, Paragraph) and first:
                p = add_paragraph(ctx, place, style, block.inlines)
                if num_id is not None:
                    ox.set_numbering(dx.paragraph_element(p), num_id)
            elif isinstance(block, Paragraph):
                add_paragraph(ctx, place, ctx.ids.list_continue[level], block.inlines)
            else:
                write_block(ctx, place, block)
            first = False


STAND_IN_SLACK = 1.15
"""How much wider a stand-in font may set a word than Noto Sans: Word or LibreOffice
without the theme's font sets another (DejaVu Sans Bold is 1.11-1.12 times as wide)."""


def _column_widths(ctx: Context, node: Table, total: int) -> list[int]:
    """Twips per column, in the same proportions as the PDF's (:func:`column_shares`), each
    column at least as wide as its longest word set bold, as the PDF writer does."""
    widths: list[float] = [total * s for s in column_shares(node)]
    if not node.widths:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from briefgen.writers.fonts import METRICS_FAMILY, register_family

        bold = register_family(METRICS_FAMILY).bold
        size = ctx.theme.base_size * TABLE_SHARE  # the Table Text style
        pad = 2 * Length.mm(TABLE_PADDING_MM[ctx.ids.table][0]).twips
        need = [max((stringWidth(w, bold, size) for w in words), default=0.0)
                * STAND_IN_SLACK * 20 + pad + 20 for words in column_words(node)]
        widths = widen_for_words(widths, need)
    out = [int(w) for w in widths]
    out[-1] += total - sum(out)
    return out


def set_geometry(table, style_id: str, widths: list[int]) -> None:
    """Fix a table's column widths and indent it by its style's cell padding."""
    indent = Length.mm(TABLE_PADDING_MM[style_id][0]).twips
    ox.set_table_geometry(table, style_id, widths, indent)


def table_cells(table):
    """Each row's cells as python-docx objects, without python-docx's slow grid walk."""
    return [[dx.cell_of(tc, table) for tc in tr.tc_lst] for tr in dx.table_element(table).tr_lst]


def _fill_cell(ctx: Context, cell, width: int, blocks: list[Block], title=None) -> None:
    """Write blocks into a table cell, reusing the empty paragraph a new cell comes with."""
    first = dx.paragraph_element(cell.paragraphs[0])
    place = Place(cell, width)
    if title:
        add_paragraph(ctx, place, ctx.ids.box_title, title)
    for block in blocks:
        write_block(ctx, place, block)
    if len(dx.cell_element(cell)) > 2 and len(first) == 0:  # tcPr + the empty p + something else
        dx.cell_element(cell).remove(first)


def _block_table(node: Table, ctx: Context) -> None:
    place = ctx.place
    rows = [*node.header, *node.rows]
    if not rows:
        return
    ncols = max(len(r) for r in rows)
    table = place.container.add_table(len(rows), ncols)
    widths = _column_widths(ctx, node, place.width_twips)
    set_geometry(table, ctx.ids.table, widths)
    nheader = len(node.header)
    trs = dx.table_element(table).tr_lst
    for r, (tr, cells, row) in enumerate(zip(trs, table_cells(table), rows, strict=True)):
        is_header = r < nheader
        ox.mark_row(tr, header=is_header)
        fill = None
        if is_header:
            fill = ctx.theme.accent_light
        elif (r - nheader) in node.marked_rows:
            fill = ctx.theme.mark_fill
        for cell, model in zip(cells, row, strict=False):
            p = cell.paragraphs[0]
            style = ctx.ids.table_heading if (is_header or model.header) else ctx.ids.table_text
            ox.set_style_id(dx.paragraph_element(p), style)
            ox.set_alignment(dx.paragraph_element(p), model.align)
            add_inlines(ctx, p, model.inlines)
            if fill:
                ox.shade_cell(dx.cell_element(cell), fill)
        for cell in cells[len(row):]:
            ox.set_style_id(dx.paragraph_element(cell.paragraphs[0]), ctx.ids.table_text)
            if fill:
                ox.shade_cell(dx.cell_element(cell), fill)
    header = [plain_text(c.inlines) for c in node.header[0]] if node.header else []
    a11y.data_table(table, *a11y.table_texts(plain_text(node.caption or []), header, len(node.rows)),
                    header_row=nheader > 0,
                    header_column=bool(node.rows) and all(
                        row[0] for row in row_header_flags(node)[nheader:] if row))
    if node.caption:
        add_paragraph(ctx, place, ctx.ids.caption, node.caption)
    else:
        space_after_table(ctx)


SPACE_AFTER_TABLE_TWIPS = 100
"""Room between a table and the next block (5 pt), added to that block's space before."""


def space_after_table(ctx: Context) -> None:
    """Keep the next paragraph off the table above: by its spacing, never an empty
    paragraph (a screen reader announces one as "blank", LibreOffice's tagged PDF
    exports it as an empty ``P``)."""
    ctx.space_before = SPACE_AFTER_TABLE_TWIPS


def _block_box(node: Box, ctx: Context) -> None:
    place = ctx.place
    table = place.container.add_table(1, 1)
    style = ctx.ids.note if node.kind == "note" else ctx.ids.box
    set_geometry(table, style, [place.width_twips])
    a11y.layout_table(table)
    cell = table_cells(table)[0][0]
    ox.mark_row(dx.table_element(table).tr_lst[0], header=False)
    if node.kind != "note":
        ox.shade_cell(dx.cell_element(cell), ctx.theme.accent_light)
    inner = place.width_twips - Length.mm(5).twips
    _fill_cell(ctx, cell, inner, node.children, title=node.title)
    space_after_table(ctx)


def _block_quote(node: Quote, ctx: Context) -> None:
    place = ctx.place
    outer, ctx.body_style = ctx.body_style, ctx.ids.quote
    try:
        for block in node.children:
            write_block(ctx, place, block)
    finally:
        ctx.body_style = outer
    if node.attribution:
        p = add_paragraph(ctx, place, ctx.ids.attribution)
        ox.add_text_run(p, "— ")
        add_inlines(ctx, p, node.attribution)


COLUMN_GUTTER_MM = 4.0


def _block_columns(node: Columns, ctx: Context) -> None:
    """Columns side by side as newspaper columns of a section of their own
    (:mod:`briefgen.writers.docx.sections`), not a layout table; inside a table cell, or
    when very unequal (as in the PDF), one after the other."""
    place = ctx.place
    if not node.columns:
        return
    if stacked(node.columns) or place.container is not ctx.word:
        for block in (b for col in node.columns for b in col):
            write_block(ctx, place, block)
        return
    n = len(node.columns)
    gutter = Length.mm(COLUMN_GUTTER_MM).twips
    inner = Place(place.container, (place.width_twips - gutter * (n - 1)) // n)
    start = len(body_elements(ctx.word))
    for i, blocks in enumerate(node.columns):
        ctx.space_before = 0  # a column starts at its top
        at = len(body_elements(ctx.word))
        for block in blocks:
            write_block(ctx, inner, block)
        added = body_elements(ctx.word)[at:]
        if i and added:
            first = added[0]
            if first.tag != qn("w:p"):  # a table first: the break goes in a hairline before it
                first.addprevious(hairline())
                first = first.getprevious()
            column_break(first)
    added = body_elements(ctx.word)[start:]
    if added:
        ctx.regions.append(Region(added[0], added[-1], n, COLUMN_GUTTER_MM))
    space_after_table(ctx)


def _block_image(node: Image, ctx: Context) -> None:
    place = ctx.place
    if node.figure is not None:  # drawn from facts: in this theme's colours
        from briefgen.writers.figures import to_png

        node = dataclasses.replace(node, png=to_png(node.figure, ctx.theme))
    p = add_paragraph(ctx, place, ctx.ids.figure)
    fraction = min(max(node.width_fraction, 0.05), 1.0)
    width_emu = Length.from_twips(int(place.width_twips * fraction)).emu
    try:
        run = p.add_run()
        run.add_picture(io.BytesIO(node.png), width=width_emu)
    except UnrecognizedImageError as exc:
        raise InputError(
            f"image {node.alt!r}: the picture data is not a PNG Word can show; "
            "re-export the figure as PNG."
        ) from exc
    ox.set_doc_pr_description(run, node.alt, plain_text(node.caption) if node.caption else None)
    if node.caption:
        add_paragraph(ctx, place, ctx.ids.figure_caption, node.caption)


def _block_rule(node: Rule, ctx: Context) -> None:
    place = ctx.place
    add_paragraph(ctx, place, ctx.ids.rule)


def _block_sources(node: SourcesList, ctx: Context) -> None:
    place = ctx.place
    write_sources(ctx, place, node, add_paragraph)  # numbered, in columns: writers/docx/sources.py


BlockHandler = Callable[[Block, Context], None]
"""``(node, ctx)``: write ``node`` at ``ctx.place`` (the PDF writer's handlers take the same)."""

BLOCK_HANDLERS: dict[type, BlockHandler] = {
    Heading: _block_heading,
    Paragraph: _block_paragraph,
    ListBlock: _block_list,
    Table: _block_table,
    Box: _block_box,
    Quote: _block_quote,
    Columns: _block_columns,
    Image: _block_image,
    Rule: _block_rule,
    SourcesList: _block_sources,
}


def write_block(ctx: Context, place: Place, block: Block) -> None:
    """Write one block at ``place`` with the handler for its node type (a missing handler is
    a bug)."""
    handler = BLOCK_HANDLERS.get(type(block))
    if handler is None:
        raise TypeError(f"the DOCX writer has no handler for {type(block).__name__}")
    outer, ctx.place = ctx.place, place
    try:
        handler(block, ctx)
    finally:
        ctx.place = outer
