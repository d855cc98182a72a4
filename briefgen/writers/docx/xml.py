"""Low-level WordprocessingML helpers for the DOCX writer.

python-docx has no API for several things a briefing sheet needs: repeating
header rows, cell shading, paragraph borders, hyperlinks, fields, and
reproducible zip bytes. Each helper here does one of those with a few lines
of OXML, so :mod:`briefgen.writers.docx.document` reads as "what goes where".
"""

from __future__ import annotations

import datetime as dt
import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from briefgen.adapters import python_docx as dx
from briefgen.document.links import allowed_link
from briefgen.reproducible import zip_bytes
from briefgen.writers.docx.a11y import P_PR, R_PR, insert_ordered
from briefgen.writers.docx.xmltext import (  # noqa: F401 - used by the writer as ox.*
    add_text_run,
    xml_text,
)

_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def hold_number_hyphens(element) -> None:
    """Make every hyphen between two digits in ``element``'s text a ``w:noBreakHyphen``.

    Word and LibreOffice break a line after a hyphen, so a date range in the
    Sources heading printed "… to 2026-" / "12-01)"; the PDF writer never breaks
    there. Readers (python-docx, LibreOffice, screen readers) read the element
    as a hyphen.
    """
    for t in list(element.iter(qn("w:t"))):
        parts = _NUMBER_HYPHEN.split(t.text or "")
        if len(parts) == 1:
            continue
        t.text = parts[0]
        t.set(_XML_SPACE, "preserve")
        anchor = t
        for part in parts[1:]:
            hyphen = OxmlElement("w:noBreakHyphen")
            anchor.addnext(hyphen)
            anchor = OxmlElement("w:t")
            anchor.text = part
            anchor.set(_XML_SPACE, "preserve")
            hyphen.addnext(anchor)


def hex_color(color: str) -> str:
    """``"#1F4E79"`` → ``"1F4E79"`` (the form WordprocessingML wants)."""
    return color.lstrip("#").upper()


def package_bytes(package, when: dt.datetime) -> bytes:
    """Serialize a python-docx package as a reproducible zip, compressing each part once.

    Mirrors python-docx's ``PackageWriter`` but with a fixed entry order
    (``[Content_Types].xml`` first, then by name) and every entry dated
    ``when`` (see :func:`briefgen.reproducible.zip_bytes`), never the clock.
    """
    parts = package.parts
    for part in parts:
        part.before_marshal()
    entries = {
        "[Content_Types].xml": dx.content_types_xml(parts),
        "_rels/.rels": rels_xml(package.rels),
    }
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = rels_xml(part.rels)
    order = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    return zip_bytes(((name, entries[name]) for name in order), when)


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def rels_xml(rels) -> bytes:
    """A part's relationships as a ``.rels`` stream: the bytes python-docx's
    ``Relationships.xml`` writes, built without parsing an XML string per relationship."""
    root = etree.Element(f"{_RELS}Relationships", nsmap={None: _RELS[1:-1]})
    for rel in rels.values():
        el = etree.SubElement(root, f"{_RELS}Relationship")
        el.set("Id", rel.rId)  # one by one, in python-docx's order
        el.set("Type", rel.reltype)
        el.set("Target", rel.target_ref)
        if rel.is_external:
            el.set("TargetMode", "External")
    return etree.tostring(root, encoding="UTF-8", standalone=True)


# ---- paragraphs -------------------------------------------------------------

def set_style_id(p_element, style_id: str | None) -> None:
    """Set a paragraph's style by id, skipping python-docx's slow lookup by name.

    A new, empty paragraph gets its ``w:pPr`` and ``w:pStyle`` directly (each the first
    child of its parent, where python-docx's ``get_or_add`` puts them after asking for
    every element that may follow them, which is most of a paragraph's cost).
    """
    if not style_id:
        return
    if len(p_element) == 0:
        p_pr = OxmlElement("w:pPr")
        p_style = OxmlElement("w:pStyle")
        p_style.set(qn("w:val"), style_id)
        p_pr.append(p_style)
        p_element.append(p_pr)
        return
    insert_ordered(p_element.get_or_add_pPr(), "w:pStyle", P_PR, **{"w:val": style_id})


def set_run_style(r_element, style_id: str) -> None:
    """Give a run (``w:r``) the character style ``style_id`` (``w:rStyle``)."""
    insert_ordered(r_element.get_or_add_rPr(), "w:rStyle", R_PR, **{"w:val": style_id})


def set_run_emphasis(r_element, *, bold: bool = False, italic: bool = False) -> None:
    """Make a run bold and/or italic (``w:b``, ``w:i``, as python-docx's ``Run.bold = True``)."""
    if bold:
        insert_ordered(r_element.get_or_add_rPr(), "w:b", R_PR)
    if italic:
        insert_ordered(r_element.get_or_add_rPr(), "w:i", R_PR)


def set_numbering(p_element, num_id: int, level: int = 0) -> None:
    """Make a paragraph item ``level`` of the numbered or bulleted list ``num_id`` (``w:numPr``)."""
    num_pr = insert_ordered(p_element.get_or_add_pPr(), "w:numPr", P_PR)
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        num_pr.append(child)


def set_alignment(p_element, align: str | None) -> None:
    """Justify a paragraph "left", "center" or "right" (anything else: leave it)."""
    val = {"left": "left", "center": "center", "right": "right"}.get(align or "")
    if val:  # get_or_add_jc puts w:jc at its schema place (before w:outlineLvl, w:rPr …)
        p_element.get_or_add_pPr().get_or_add_jc().set(qn("w:val"), val)


def add_hyperlink_run(paragraph, url: str, text: str, style_id: str):
    """Append a real hyperlink (an external relationship) holding one run; return the run.

    A target the allow-list refuses (:func:`briefgen.document.links.allowed_link`)
    gives a plain run: the text prints, nothing is linked.
    """
    from docx.text.run import Run

    url = allowed_link(url)
    if url is None:
        return add_text_run(paragraph, text)

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    r = OxmlElement("w:r")
    link.append(r)
    dx.paragraph_element(paragraph).append(link)
    run = Run(r, paragraph)
    set_run_style(dx.run_element(run), style_id)
    text = xml_text(text)
    if text and not any(c in text for c in "\t\n\r"):
        dx.run_element(run).add_t(text)  # as Run.text writes it (see add_text_run)
    else:
        run.text = text
    return run


def add_field(paragraph, instruction: str) -> None:
    """Append a field such as PAGE or NUMPAGES (shows "1" until the reader updates it)."""
    fld = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} ">'
                    "<w:r><w:t>1</w:t></w:r></w:fldSimple>")
    dx.paragraph_element(paragraph).append(fld)


def border_xml(side: str, color: str, eighths: int, space_pt: int = 1) -> str:
    """One ``w:pBdr``/``w:tblBorders`` child: a single line ``eighths``/8 pt wide."""
    return (
        f'<w:{side} w:val="single" w:sz="{eighths}" w:space="{space_pt}" '
        f'w:color="{hex_color(color)}"/>'
    )


# ---- tables -----------------------------------------------------------------

def shade_cell(tc, fill: str) -> None:
    """Fill a table cell (``w:tc``) with a solid colour."""
    from briefgen.writers.docx.a11y import TC_PR, insert_ordered

    insert_ordered(tc.get_or_add_tcPr(), "w:shd", TC_PR, **{
        "w:val": "clear", "w:color": "auto", "w:fill": hex_color(fill)})


def mark_row(tr, *, header: bool) -> None:
    """Keep a row on one page (``cantSplit``); header rows also repeat (``tblHeader``)."""
    from briefgen.writers.docx.a11y import TR_PR, insert_ordered

    tr_pr = tr.get_or_add_trPr()
    insert_ordered(tr_pr, "w:cantSplit", TR_PR)
    if header:
        insert_ordered(tr_pr, "w:tblHeader", TR_PR)


def set_table_geometry(table, style_id: str, col_widths_twips: list[int],
                       indent_twips: int = 0) -> None:
    """Give a table its style, a fixed layout, a total width and per-column widths.

    Word reads the cell widths (``tcW``), LibreOffice the grid (``gridCol``):
    both are set so the two agree. ``indent_twips`` (the style's left cell
    padding) moves the table's edge onto the text margin.
    """
    tbl = dx.table_element(table)
    tbl_pr = tbl.tblPr
    tbl_pr.style = style_id
    for tag in ("w:tblW", "w:tblInd", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    tbl_w = parse_xml(f'<w:tblW {nsdecls("w")} w:w="{sum(col_widths_twips)}" w:type="dxa"/>')
    layout = parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>')
    # schema order inside tblPr: tblStyle, …, tblW, jc, …, tblLayout, tblCellMar, tblLook
    style_el = tbl_pr.find(qn("w:tblStyle"))
    style_el.addnext(tbl_w)
    if indent_twips:
        tbl_w.addnext(parse_xml(
            f'<w:tblInd {nsdecls("w")} w:w="{indent_twips}" w:type="dxa"/>'))
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(layout)
    else:
        tbl_pr.append(layout)
    for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), col_widths_twips, strict=True):
        grid_col.set(qn("w:w"), str(width))
    for tr in tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, col_widths_twips, strict=True):
            tc_pr = tc.get_or_add_tcPr()
            tc_w = tc_pr.get_or_add_tcW()
            tc_w.set(qn("w:type"), "dxa")
            tc_w.set(qn("w:w"), str(width))


def set_doc_pr_description(run, alt: str, title: str | None = None) -> None:
    """Put alt text on the picture in ``run`` (``wp:docPr`` and ``pic:cNvPr``; see docx_a11y)."""
    from briefgen.writers.docx.a11y import describe_picture

    describe_picture(run, alt, title)
