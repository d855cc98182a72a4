"""What makes the DOCX readable by assistive technology, and valid against the schema.

- Every hand-built element goes in at its place in the ECMA-376 sequence of its
  parent (:func:`insert_ordered`): Word repairs or refuses files that break it,
  and openxml-audit reports them.
- Pictures carry their alt text in ``wp:docPr/@descr`` and ``pic:cNvPr/@descr``
  with a short title (:func:`describe_picture`).
- Data tables carry ``w:tblCaption``/``w:tblDescription`` and a marked header
  row; tables used only for layout (panels, columns, the title beside a logo)
  say so through ``w:tblLook`` (no header row or column) and carry no caption.
"""

from __future__ import annotations

import functools

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from briefgen.adapters import python_docx as dx

TC_PR = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
         "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
         "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
TR_PR = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
         "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
         "w:ins", "w:del", "w:trPrChange")
TBL_PR = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
          "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
          "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
          "w:tblDescription", "w:tblPrChange")
"""Child order of ``w:tcPr``, ``w:trPr`` and ``w:tblPr`` (ECMA-376 Part 1, §17.4)."""
R_PR = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
        "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
        "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
        "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath")
"""Child order of ``w:rPr`` (ECMA-376 Part 1, §17.3.2.28)."""
P_PR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
        "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
        "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
        "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
"""Child order of ``w:pPr`` (ECMA-376 Part 1, §17.3.1.26)."""


def add_text_runs(paragraph, text: str, lang: str, *, declared: bool = False) -> list:
    """Runs holding ``text`` in ``paragraph``; a stretch of words in another script than
    ``lang``'s gets its own run with ``w:lang`` (WCAG 3.1.2), as the PDF gives it ``/Lang``.
    With ``declared`` (a source naming its language) the other runs say ``lang`` too."""
    from briefgen.document.language import language_spans
    from briefgen.writers.docx.xmltext import add_text_run

    runs = []
    for piece, other in language_spans(text, lang):
        run = add_text_run(paragraph, piece)
        if other or declared:
            insert_ordered(dx.run_element(run).get_or_add_rPr(), "w:lang", R_PR,
                           **{"w:val": other or lang})
        runs.append(run)
    return runs


def insert_ordered(parent, tag: str, sequence: tuple[str, ...], **attrs: str):
    """Replace ``parent``'s ``tag`` child by a new one with ``attrs``, at its schema place."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = OxmlElement(tag)
    for name, value in attrs.items():
        child.set(qn(name), value)
    ranks = _ranks(sequence)
    mine = ranks[child.tag]
    # before the first child that comes after it in ``sequence`` (one pass over the few
    # children, where python-docx's insert_element_before looks up every later tag)
    for index, sibling in enumerate(parent):
        if ranks.get(sibling.tag, -1) > mine:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


@functools.cache
def _ranks(sequence: tuple[str, ...]) -> dict[str, int]:
    """Each tag of ``sequence`` (Clark notation) by its place in it."""
    return {qn(tag): i for i, tag in enumerate(sequence)}


def short_title(text: str, limit: int = 60) -> str:
    """A picture's title from its description: the first sentence, or whole words and "…"."""
    text = " ".join(text.split())
    first = text.split(". ")[0].rstrip(".")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:–—- ")
    return cut + "…"


def describe_picture(run, alt: str, title: str | None = None) -> None:
    """Alt text on the picture in ``run``: ``wp:docPr`` and ``pic:cNvPr`` both get
    ``descr`` (what a screen reader says) and ``title`` (``title`` or :func:`short_title`)."""
    from briefgen.writers.docx.xmltext import xml_text

    alt = xml_text(alt)
    title = short_title(xml_text(title or alt))
    for tag in ("wp:docPr", "pic:cNvPr"):
        for el in dx.run_element(run).iter(qn(tag)):
            el.set("descr", alt)
            el.set("title", title)


DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""Office's extension URI for "Mark as decorative" (``adec:decorative``)."""
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def decorative_picture(run) -> None:
    """Mark the picture in ``run`` as decoration (Word's "Mark as decorative"): no alt text,
    and ``adec:decorative`` in ``wp:docPr``'s extension list, which Word and LibreOffice
    (exported as an artifact) honour, as the PDF writer draws a theme's logo as an artifact."""
    from lxml import etree

    for el in dx.run_element(run).iter(qn("pic:cNvPr")):
        el.set("descr", "")
    for doc_pr in dx.run_element(run).iter(qn("wp:docPr")):
        doc_pr.set("descr", "")
        for old in doc_pr.findall(qn("a:extLst")):
            doc_pr.remove(old)
        ext_lst = OxmlElement("a:extLst")
        ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_EXT)
        etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")
        doc_pr.append(ext_lst)


def _look(table, *, first_row: bool, first_column: bool) -> None:
    """``w:tblLook``: which rows and columns are headers (what a layout table lacks)."""
    val = (0x0020 if first_row else 0) | (0x0080 if first_column else 0) | 0x0200 | 0x0400
    insert_ordered(dx.table_element(table).tblPr, "w:tblLook", TBL_PR, **{
        "w:val": f"{val:04X}", "w:firstRow": str(int(first_row)), "w:lastRow": "0",
        "w:firstColumn": str(int(first_column)), "w:lastColumn": "0", "w:noHBand": "1",
        "w:noVBand": "1"})


def data_table(table, caption: str, description: str, *, header_row: bool,
               header_column: bool) -> None:
    """Mark a table as data: its header row and column, a caption and a description."""
    _look(table, first_row=header_row, first_column=header_column)
    tbl_pr = dx.table_element(table).tblPr
    from briefgen.writers.docx.xmltext import xml_text

    insert_ordered(tbl_pr, "w:tblCaption", TBL_PR, **{"w:val": xml_text(caption)[:255]})
    insert_ordered(tbl_pr, "w:tblDescription", TBL_PR,
                   **{"w:val": xml_text(description)[:1000]})


def layout_table(table) -> None:
    """Mark a table as layout only: no header row or column, no repeated header, no caption."""
    _look(table, first_row=False, first_column=False)
    for tr in dx.table_element(table).tr_lst:
        tr_pr = tr.trPr
        if tr_pr is not None:
            for old in tr_pr.findall(qn("w:tblHeader")):
                tr_pr.remove(old)


def table_texts(caption: str, header: list[str], rows: int) -> tuple[str, str]:
    """(caption, description) of a data table: its caption, else its column heads."""
    heads = [h for h in header if h]
    title = caption or ("Table: " + ", ".join(heads) if heads else "Table")
    what = f"{rows} row{'s' if rows != 1 else ''}"
    desc = f"{what}; columns: {', '.join(heads)}" if heads else what
    return short_title(title, 250), desc
