"""DOCX writer: the document tree → a one-page Word handout (python-docx).

One handler per node type (:mod:`briefgen.writers.docx.blocks`, inline content
in :mod:`briefgen.writers.docx.inlines`), all formatting on named Word styles
(:mod:`briefgen.writers.docx.styles`), the few things python-docx has no API
for in :mod:`briefgen.writers.docx.xml`. This module sets up the page, the
title block, header and footer and the properties, then writes the blocks.
The output is byte-for-byte reproducible: core-property dates and zip entry
dates come from ``SOURCE_DATE_EPOCH`` (else the brief's as-of date), never the
clock.

Usage::

    data = render_docx(doc, PageSetup(), DEFAULT_THEME, scale=0.95)
"""

from __future__ import annotations

import copy
import io

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm

from briefgen.adapters import python_docx as dx
from briefgen.document.model import (
    Document,
    Heading,
    Run,
    citation_numbers,
)
from briefgen.i18n.sheet import page_number_parts
from briefgen.reproducible import document_timestamp
from briefgen.theme.model import LOGO_HEIGHT_MM, LOGO_MAX_WIDTH_MM, QR_SIZE_MM, PageSetup, Theme
from briefgen.units import Length
from briefgen.writers import as_of_line
from briefgen.writers.docx import a11y
from briefgen.writers.docx import qr as qr_link
from briefgen.writers.docx import xml as ox
from briefgen.writers.docx.blocks import (
    set_geometry,
    space_after_table,
    table_cells,
    write_block,
)
from briefgen.writers.docx.inlines import Context, Place, add_paragraph
from briefgen.writers.docx.sections import set_regions
from briefgen.writers.docx.styles import apply_theme
from briefgen.writers.docx.template import template_bytes

__all__ = ["render_docx"]


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


def _title_block(ctx: Context, place: Place, title_inlines, logo: str | None) -> None:
    """Title and subtitle; with a logo or a QR code to the sheet online, in a borderless
    two-cell row, the pictures on the right (the logo decorative, the code a link)."""
    doc = ctx.doc
    target = place
    qr = qr_link.online_url(doc)
    if logo or qr:
        w_mm = 0.0
        if logo:
            from PIL import Image as PILImage

            with PILImage.open(logo) as im:
                iw, ih = im.size
            w_mm = min(LOGO_HEIGHT_MM * iw / ih, LOGO_MAX_WIDTH_MM)
        side_tw = Length.mm((w_mm + 4 if logo else 0) + (QR_SIZE_MM + 4 if qr else 0)).twips
        table = place.container.add_table(1, 2)
        widths = [place.width_twips - side_tw, side_tw]
        set_geometry(table, ctx.ids.layout, widths)
        a11y.layout_table(table)
        ox.mark_row(dx.table_element(table).tr_lst[0], header=False)
        left, right = table_cells(table)[0]
        left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        target = Place(left, widths[0])
        pic = right.paragraphs[0]  # a picture paragraph, not a second (empty) Title heading
        ox.set_style_id(dx.paragraph_element(pic), ctx.ids.figure)
        ox.set_alignment(dx.paragraph_element(pic), "right")
        if logo:
            run = pic.add_run()
            run.add_picture(logo, width=Mm(w_mm))
            a11y.decorative_picture(run)
            if qr:
                pic.add_run("\u2002")  # an en space between the logo and the code
        qr_link.add_qr_link(pic, doc)
    first = target.container.paragraphs[0] if target is not place else None
    p = add_paragraph(ctx, target, ctx.ids.title, title_inlines)
    if first is not None:  # a new cell comes with an empty paragraph: drop it
        dx.cell_element(target.container).remove(dx.paragraph_element(first))
    if doc.subtitle:
        add_paragraph(ctx, target, ctx.ids.subtitle, [Run(doc.subtitle)])
    if target is not place:
        space_after_table(ctx)
    as_of = as_of_line(doc)
    if as_of:  # said once in the body, where a screen reader reads it (the header is not)
        add_paragraph(ctx, place, ctx.ids.as_of, [Run(as_of)])
    return p


def _banner(ctx: Context, container, text: str, *, first: bool) -> None:
    """The theme's banner line, centred, as the first or last paragraph of a header/footer."""
    if first:
        p = container.paragraphs[0].insert_paragraph_before()
    else:
        p = container.add_paragraph()
    ox.set_style_id(dx.paragraph_element(p), ctx.ids.banner)
    ox.add_text_run(p, text)


def _header_footer(ctx: Context, theme: Theme) -> None:
    """Running header and footer. The first page's header leaves out the banner and the
    as-of date, which the body says there (once, in the content a screen reader reads);
    later pages repeat them as decoration, as the PDF does."""
    section = ctx.word.sections[0]
    section.different_first_page_header_footer = True
    banner = theme.banner.strip().upper()
    left = ctx.doc.header or theme.header_text
    _header(ctx, section.header, left, banner, as_of_line(ctx.doc))
    _header(ctx, section.first_page_header, left, "", "")
    _footer(ctx, section.footer, theme, banner)
    _footer(ctx, section.first_page_footer, theme, banner)


def _header(ctx: Context, container, left: str, banner: str, right: str) -> None:
    head = container.paragraphs[0]
    ox.set_style_id(dx.paragraph_element(head), ctx.ids.header)
    if banner:
        _banner(ctx, container, banner, first=True)
    ox.add_text_run(head, f"{left}\t\t{right}" if right else left)


def _footer(ctx: Context, container, theme: Theme, banner: str) -> None:
    doc = ctx.doc
    foot = container.paragraphs[0]
    ox.set_style_id(dx.paragraph_element(foot), ctx.ids.footer)
    ox.add_text_run(foot, f"{doc.footer or theme.footer_text}\t\t")
    for part in page_number_parts(doc.language):  # "1/1", as in the PDF
        if part in ("page", "total"):
            ox.add_field(foot, "PAGE" if part == "page" else "NUMPAGES")
        else:
            ox.add_text_run(foot, part)
    if banner:
        _banner(ctx, container, banner, first=False)


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

_STARTS: dict[tuple, tuple[object, int, object]] = {}
"""The empty themed document by paper, margins, scaled theme and language: (document, width, ids)."""


def _new_document(setup: PageSetup, theme: Theme, scaled: Theme, language: str):
    """An empty document: the template with the page set up, every style made from
    ``scaled`` and the body cleared; returns (document, text width in twips, style ids).

    Made once per paper, theme, scale and language in a process (a course has a few):
    saved and read back once, as python-docx reads any document, then each document is
    a deep copy of that one (copying the parsed parts is a third of the time python-docx
    takes to unzip and parse them again). The same XML every time, without restyling ~40
    styles per document.

    The styles part, the largest, is not copied: every document of one start shares it.
    The writer only reads styles once :func:`apply_theme` has made them (a test renders
    every kind of block and checks the start's styles are unchanged).
    """
    key = (setup.size_mm, setup.orientation, repr(theme), repr(scaled), language)
    start = _STARTS.get(key)
    if start is None:
        word = docx.Document(io.BytesIO(template_bytes()))
        width = _setup_page(word, setup, theme)
        ids = apply_theme(word, scaled, language=language, text_width_twips=width)
        dx.clear_body(word)  # the template's body holds one empty paragraph
        buf = io.BytesIO()
        word.save(buf)
        if len(_STARTS) >= 16:
            _STARTS.clear()
        start = _STARTS[key] = (docx.Document(buf), width, ids)
    word, width, ids = start
    styles = shared_styles_part(word)
    return copy.deepcopy(word, {id(styles): styles}), width, ids


def shared_styles_part(word):
    """The styles part of ``word``, which the documents copied from it share (read only)."""
    return word.part.part_related_by(RT.STYLES)


def render_docx(doc: Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> bytes:
    """Write ``doc`` as DOCX bytes at type ``scale`` on the paper in ``setup``.

    ``scale`` is the one-page fit chosen from the PDF layout. The same input
    (and the same ``SOURCE_DATE_EPOCH``) gives byte-identical output.
    """
    scaled = theme.scaled(scale)
    word, text_width, ids = _new_document(setup, theme, scaled, doc.language)
    ctx = Context(doc=doc, word=word, ids=ids, theme=scaled, numbers=citation_numbers(doc))

    place = Place(word, text_width)
    banner = theme.banner.strip().upper()
    if banner:  # said once in the body, before the title, as the PDF's tagged content says it
        add_paragraph(ctx, place, ctx.ids.banner, [Run(banner)])
    blocks = list(doc.blocks)
    if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
        title_inlines = blocks.pop(0).inlines
    else:
        title_inlines = [Run(doc.title)]
    _title_block(ctx, place, title_inlines, theme.logo)
    for block in blocks:
        write_block(ctx, place, block)

    _header_footer(ctx, theme)
    set_regions(word, ctx.regions)
    _core_properties(word, doc)
    for part in word.part.package.parts:  # the body, headers and footers
        if part.partname.startswith(("/word/document", "/word/header", "/word/footer")):
            ox.hold_number_hyphens(part.element)
    return ox.package_bytes(word.part.package, document_timestamp(doc.as_of))
