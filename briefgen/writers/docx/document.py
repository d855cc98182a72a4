"""DOCX writer: the document tree → a one-page Word handout (python-docx).

One handler per node type (:data:`BLOCK_HANDLERS`, :data:`INLINE_HANDLERS`),
all formatting on named Word styles (:mod:`.docx_styles`), the few things
python-docx has no API for in :mod:`.docx_xml`. The output is byte-for-byte
reproducible: core-property dates and zip entry dates come from
``SOURCE_DATE_EPOCH`` (else the brief's as-of date), never the clock.

Usage::

    data = render_docx(doc, PageSetup(), DEFAULT_THEME, scale=0.95)
"""

from __future__ import annotations

import dataclasses
import functools
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml.ns import qn
from docx.shared import Mm

from briefgen.cache import file_tag, read_cached, write_cached
from briefgen.document.a11y import row_header_flags
from briefgen.document.balance import stacked
from briefgen.document.model import (
    Block,
    Box,
    Cite,
    Columns,
    Document,
    Heading,
    Image,
    Inline,
    LineBreak,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Run,
    SourcesList,
    Table,
    citation_numbers,
)
from briefgen.document.text import column_shares, plain_text
from briefgen.errors import InputError
from briefgen.i18n.sheet import page_number_parts
from briefgen.reproducible import document_timestamp
from briefgen.theme.model import LOGO_HEIGHT_MM, LOGO_MAX_WIDTH_MM, PageSetup, Theme
from briefgen.units import Length
from briefgen.writers import as_of_line
from briefgen.writers.docx import a11y
from briefgen.writers.docx import xml as ox
from briefgen.writers.docx.sources import split_columns, write_sources
from briefgen.writers.docx.styles import TABLE_PADDING_MM, StyleIds, apply_theme

__all__ = ["render_docx", "BLOCK_HANDLERS", "INLINE_HANDLERS"]



_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Template>Normal.dotm</Template><Pages>1</Pages>'
    b"<Application>briefgen</Application><DocSecurity>0</DocSecurity></Properties>"
)


@functools.lru_cache(maxsize=1)
def _template_bytes() -> bytes:
    """python-docx's default template, slimmed; from the disk cache after the first run.

    Dropped: its thumbnail (an empty page), the Word 2010 ``stylesWithEffects``
    copy of the styles, and ~100 unused built-in table styles (340 kB of XML
    that every render would otherwise parse and compress; Word re-creates a
    built-in style when someone applies it).
    """
    path = os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx")
    # The name changes with python-docx's template and with this module's code.
    name = f"default-{file_tag(path)}-{file_tag(__file__)}.docx"
    data = read_cached("docx", name)
    if data is None or not _is_whole_zip(data):
        data = _slim_template(path)
        write_cached("docx", name, data)
    return data


def _is_whole_zip(data: bytes) -> bool:
    """Whether ``data`` is a zip archive whose every member reads back intact."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def _slim_template(path: str) -> bytes:
    """The Word template at ``path`` without what a brief never uses (see above)."""
    word = docx.Document(path)
    package = word.part.package
    for rels in (package.rels, word.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(("/thumbnail", "/stylesWithEffects")):
                rels.pop(r_id)
    for rel in package.rels.values():
        if rel.reltype.endswith("/extended-properties"):  # not "Microsoft Macintosh Word"
            rel.target_part._blob = _APP_XML
    styles = word.styles.element
    keep = {"TableNormal", "TableGrid"}
    for el in styles.findall(qn("w:style")):
        if el.get(qn("w:type")) == "table" and el.get(qn("w:styleId")) not in keep:
            styles.remove(el)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


@dataclass
class _Context:
    """What every handler needs while writing one document."""

    doc: Document
    word: object  # the python-docx Document being built
    ids: StyleIds
    theme: Theme
    numbers: dict[str, int]
    body_style: str | None = None  # paragraph style for plain paragraphs (Quote inside quotes)
    abstract_nums: dict[str, str] = field(default_factory=dict)
    source_columns: int = 1  # set by the Sources list; the section then takes that many


@dataclass(frozen=True)
class _Place:
    """Where blocks go: a python-docx container (document body or table cell) and its width."""

    container: object
    width_twips: int


# ---- inline content ----------------------------------------------------------

def _inline_run(ctx: _Context, paragraph, node: Run) -> None:
    if node.href:
        run = ox.add_hyperlink_run(paragraph, node.href, node.text, ctx.ids.hyperlink)
    else:
        run = paragraph.add_run(ox.xml_text(node.text))
    if node.bold:
        run.bold = True
    if node.italic:
        run.italic = True
    if node.code:
        run._r.get_or_add_rPr().style = ctx.ids.code


def _inline_cite(ctx: _Context, paragraph, node: Cite) -> None:
    nums = [str(n) for n in sorted({ctx.numbers[s] for s in node.source_ids if s in ctx.numbers})]
    label = ", ".join(nums + ["?"] * any(s not in ctx.numbers for s in node.source_ids))
    run = paragraph.add_run(f"[{label}]")
    run._r.get_or_add_rPr().style = ctx.ids.citation


def _inline_break(ctx: _Context, paragraph, node: LineBreak) -> None:
    paragraph.add_run().add_break()


INLINE_HANDLERS: dict[type, Callable] = {
    Run: _inline_run,
    Cite: _inline_cite,
    LineBreak: _inline_break,
}


def _add_inlines(ctx: _Context, paragraph, inlines: list[Inline] | None) -> None:
    for node in inlines or ():
        INLINE_HANDLERS[type(node)](ctx, paragraph, node)


def _paragraph(ctx: _Context, place: _Place, style_id: str | None, inlines=None):
    p = place.container.add_paragraph()
    ox.set_style_id(p._p, style_id)
    _add_inlines(ctx, p, inlines)
    return p


# ---- blocks ------------------------------------------------------------------

def _block_heading(ctx: _Context, place: _Place, node: Heading) -> None:
    level = min(max(node.level, 1), 3)
    _paragraph(ctx, place, ctx.ids.headings[level - 1], node.inlines)


def _block_paragraph(ctx: _Context, place: _Place, node: Paragraph) -> None:
    roles = {"lead": ctx.ids.lead, "small": ctx.ids.small, "caption": ctx.ids.caption}
    _paragraph(ctx, place, roles.get(node.role or "", ctx.body_style), node.inlines)


def _numbering_for(ctx: _Context, style_id: str, start: int) -> str:
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


def _block_list(ctx: _Context, place: _Place, node: ListBlock, depth: int = 0) -> None:
    level = min(depth, 2)
    style = (ctx.ids.numbers if node.ordered else ctx.ids.bullets)[level]
    num_id = _numbering_for(ctx, style, node.start) if node.ordered else None
    for item in node.items:
        first = True
        for block in item:
            if isinstance(block, ListBlock):
                _block_list(ctx, place, block, depth + 1)
            elif isinstance(block, Paragraph) and first:
                p = _paragraph(ctx, place, style, block.inlines)
                if num_id is not None:
                    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
                    num_pr.get_or_add_ilvl().val = 0
                    num_pr.get_or_add_numId().val = num_id
            elif isinstance(block, Paragraph):
                _paragraph(ctx, place, ctx.ids.list_continue[level], block.inlines)
            else:
                _write_block(ctx, place, block)
            first = False


def _column_widths(node: Table, total: int) -> list[int]:
    """Twips per column, in the same proportions as the PDF's (:func:`column_shares`)."""
    widths = [int(total * s) for s in column_shares(node)]
    widths[-1] += total - sum(widths)
    return widths


def _geometry(table, style_id: str, widths: list[int]) -> None:
    indent = Length.mm(TABLE_PADDING_MM[style_id][0]).twips
    ox.set_table_geometry(table, style_id, widths, indent)


def _cells(table):
    """Each row's cells as python-docx objects, without python-docx's slow grid walk."""
    from docx.table import _Cell

    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def _fill_cell(ctx: _Context, cell, width: int, blocks: list[Block], title=None) -> None:
    """Write blocks into a table cell, reusing the empty paragraph a new cell comes with."""
    first = cell.paragraphs[0]._p
    place = _Place(cell, width)
    if title:
        _paragraph(ctx, place, ctx.ids.box_title, title)
    for block in blocks:
        _write_block(ctx, place, block)
    if len(cell._tc) > 2 and len(first) == 0:  # tcPr + the empty p + something else
        cell._tc.remove(first)


def _block_table(ctx: _Context, place: _Place, node: Table) -> None:
    rows = [*node.header, *node.rows]
    if not rows:
        return
    ncols = max(len(r) for r in rows)
    table = place.container.add_table(len(rows), ncols)
    widths = _column_widths(node, place.width_twips)
    _geometry(table, ctx.ids.table, widths)
    nheader = len(node.header)
    for r, (tr, cells, row) in enumerate(zip(table._tbl.tr_lst, _cells(table), rows, strict=True)):
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
            ox.set_style_id(p._p, style)
            ox.set_alignment(p._p, model.align)
            _add_inlines(ctx, p, model.inlines)
            if fill:
                ox.shade_cell(cell._tc, fill)
        for cell in cells[len(row):]:
            ox.set_style_id(cell.paragraphs[0]._p, ctx.ids.table_text)
            if fill:
                ox.shade_cell(cell._tc, fill)
    header = [plain_text(c.inlines) for c in node.header[0]] if node.header else []
    a11y.data_table(table, *a11y.table_texts(plain_text(node.caption or []), header, len(node.rows)),
                    header_row=nheader > 0,
                    header_column=any(row[0] for row in row_header_flags(node)[nheader:] if row))
    if node.caption:
        _paragraph(ctx, place, ctx.ids.caption, node.caption)
    else:
        _spacer(ctx, place)


def _spacer(ctx: _Context, place: _Place, table=None) -> None:
    """A tiny empty paragraph after a table, so the next block does not touch it.

    In a table cell python-docx adds an empty body-size paragraph after a new
    table (a cell must end with one); the spacer takes its place, so no blank
    band is left under a box set in a column.
    """
    if table is not None:
        after = table._tbl.getnext()
        if after is not None and after.tag == qn("w:p") and len(after) == 0:
            after.getparent().remove(after)
    _paragraph(ctx, place, ctx.ids.spacer)


def _block_box(ctx: _Context, place: _Place, node: Box) -> None:
    table = place.container.add_table(1, 1)
    style = ctx.ids.note if node.kind == "note" else ctx.ids.box
    _geometry(table, style, [place.width_twips])
    a11y.layout_table(table)
    cell = _cells(table)[0][0]
    ox.mark_row(table._tbl.tr_lst[0], header=False)
    if node.kind != "note":
        ox.shade_cell(cell._tc, ctx.theme.accent_light)
    inner = place.width_twips - Length.mm(5).twips
    _fill_cell(ctx, cell, inner, node.children, title=node.title)
    _spacer(ctx, place, table)


def _block_quote(ctx: _Context, place: _Place, node: Quote) -> None:
    outer, ctx.body_style = ctx.body_style, ctx.ids.quote
    try:
        for block in node.children:
            _write_block(ctx, place, block)
    finally:
        ctx.body_style = outer
    if node.attribution:
        p = _paragraph(ctx, place, ctx.ids.attribution)
        p.add_run("— ")
        _add_inlines(ctx, p, node.attribution)


def _block_columns(ctx: _Context, place: _Place, node: Columns) -> None:
    if not node.columns:
        return
    if stacked(node.columns):  # very unequal columns: one after the other, as in the PDF
        for block in (b for col in node.columns for b in col):
            _write_block(ctx, place, block)
        return
    n = len(node.columns)
    table = place.container.add_table(1, n)
    widths = [place.width_twips // n] * n
    widths[-1] += place.width_twips - sum(widths)
    _geometry(table, ctx.ids.layout, widths)
    a11y.layout_table(table)
    gutter = Length.mm(4).twips
    for cell, width, blocks in zip(_cells(table)[0], widths, node.columns, strict=True):
        _fill_cell(ctx, cell, width - gutter, blocks)
    _spacer(ctx, place, table)


def _block_image(ctx: _Context, place: _Place, node: Image) -> None:
    if node.figure is not None:  # drawn from facts: in this theme's colours
        from briefgen.writers.figures import to_png

        node = dataclasses.replace(node, png=to_png(node.figure, ctx.theme))
    p = _paragraph(ctx, place, ctx.ids.figure)
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
        _paragraph(ctx, place, ctx.ids.figure_caption, node.caption)


def _block_rule(ctx: _Context, place: _Place, node: Rule) -> None:
    _paragraph(ctx, place, ctx.ids.rule)


def _block_sources(ctx: _Context, place: _Place, node: SourcesList) -> None:
    write_sources(ctx, place, node, _paragraph)  # numbered, in columns: writers/docx/sources.py


BLOCK_HANDLERS: dict[type, Callable] = {
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


def _write_block(ctx: _Context, place: _Place, block: Block) -> None:
    handler = BLOCK_HANDLERS.get(type(block))
    if handler is None:
        raise TypeError(f"the DOCX writer has no handler for {type(block).__name__}")
    handler(ctx, place, block)


# ---- page, header/footer, properties -------------------------------------------

def _setup_page(word, setup: PageSetup, theme: Theme) -> int:
    """Paper size, orientation and margins like the PDF's; returns the text width in twips."""
    section = word.sections[0]
    width_mm, height_mm = setup.size_mm
    section.orientation = (
        WD_ORIENT.LANDSCAPE if setup.orientation == "landscape" else WD_ORIENT.PORTRAIT
    )
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    margin = Mm(theme.margin_mm)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Mm(theme.margin_mm * 0.45)
    return Length.mm(width_mm - 2 * theme.margin_mm).twips


def _title_block(ctx: _Context, place: _Place, title_inlines, logo: str | None) -> None:
    """Title and subtitle; with a logo, in a borderless two-cell row, logo on the right."""
    doc = ctx.doc
    target = place
    if logo:
        from PIL import Image as PILImage

        with PILImage.open(logo) as im:
            iw, ih = im.size
        w_mm = min(LOGO_HEIGHT_MM * iw / ih, LOGO_MAX_WIDTH_MM)
        logo_tw = Length.mm(w_mm + 4).twips
        table = place.container.add_table(1, 2)
        widths = [place.width_twips - logo_tw, logo_tw]
        _geometry(table, ctx.ids.layout, widths)
        a11y.layout_table(table)
        ox.mark_row(table._tbl.tr_lst[0], header=False)
        left, right = _cells(table)[0]
        left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        target = _Place(left, widths[0])
        pic = right.paragraphs[0]
        ox.set_style_id(pic._p, ctx.ids.title)
        ox.set_alignment(pic._p, "right")
        run = pic.add_run()
        run.add_picture(logo, width=Mm(w_mm))
        ox.set_doc_pr_description(run, "Logo")
    first = target.container.paragraphs[0] if logo else None
    p = _paragraph(ctx, target, ctx.ids.title, title_inlines)
    if first is not None:  # a new cell comes with an empty paragraph: drop it
        target.container._tc.remove(first._p)
    if doc.subtitle:
        _paragraph(ctx, target, ctx.ids.subtitle, [Run(doc.subtitle)])
    if logo:
        _spacer(ctx, place)
    return p


def _banner(ctx: _Context, container, text: str, *, first: bool) -> None:
    """The theme's banner line, centred, as the first or last paragraph of a header/footer."""
    if first:
        p = container.paragraphs[0].insert_paragraph_before()
    else:
        p = container.add_paragraph()
    ox.set_style_id(p._p, ctx.ids.banner)
    p.add_run(ox.xml_text(text))


def _header_footer(ctx: _Context, theme: Theme) -> None:
    section = ctx.word.sections[0]
    doc = ctx.doc
    head = section.header.paragraphs[0]
    ox.set_style_id(head._p, ctx.ids.header)
    banner = theme.banner.strip().upper()
    if banner:
        _banner(ctx, section.header, banner, first=True)
    left = doc.header or theme.header_text
    right = as_of_line(doc)
    head.add_run(ox.xml_text(f"{left}\t\t{right}" if right else left))
    foot = section.footer.paragraphs[0]
    ox.set_style_id(foot._p, ctx.ids.footer)
    foot.add_run(ox.xml_text(f"{doc.footer or theme.footer_text}\t\t"))
    for part in page_number_parts(doc.language):  # "1/1", as in the PDF
        if part in ("page", "total"):
            ox.add_field(foot, "PAGE" if part == "page" else "NUMPAGES")
        else:
            foot.add_run(ox.xml_text(part))
    if banner:
        _banner(ctx, section.footer, banner, first=False)


def _core_properties(word, doc: Document) -> None:
    when = document_timestamp(doc.as_of).replace(tzinfo=None)
    props = word.core_properties
    props.title = ox.xml_text(doc.title)
    props.subject = ox.xml_text(doc.subject)
    props.author = props.last_modified_by = ox.xml_text(doc.author)
    props.keywords = ox.xml_text(", ".join(doc.keywords))
    props.language = doc.language
    props.comments = "Generated by briefgen"
    props.category = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = when


# ---- entry point ------------------------------------------------------------------

def render_docx(doc: Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> bytes:
    """Write ``doc`` as DOCX bytes at type ``scale`` on the paper in ``setup``.

    ``scale`` is the one-page fit chosen from the PDF layout. The same input
    (and the same ``SOURCE_DATE_EPOCH``) gives byte-identical output.
    """
    word = docx.Document(io.BytesIO(_template_bytes()))
    scaled = theme.scaled(scale)
    text_width = _setup_page(word, setup, theme)
    ids = apply_theme(word, scaled, language=doc.language, text_width_twips=text_width)
    ctx = _Context(doc=doc, word=word, ids=ids, theme=scaled, numbers=citation_numbers(doc))

    body = word._body
    body._body.clear_content()  # the template's body holds one empty paragraph
    place = _Place(word, text_width)
    blocks = list(doc.blocks)
    if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
        title_inlines = blocks.pop(0).inlines
    else:
        title_inlines = [Run(doc.title)]
    _title_block(ctx, place, title_inlines, theme.logo)
    for block in blocks:
        _write_block(ctx, place, block)

    _header_footer(ctx, theme)
    split_columns(word, ctx.source_columns, ctx.ids.sources_heading)
    _core_properties(word, doc)
    return ox.package_bytes(word.part.package, document_timestamp(doc.as_of))
