"""Parts of the page set in columns, as Word sections: no layout table, no empty paragraph.

A :class:`Columns` block (the key facts beside the clause) and a long Sources list are
set in newspaper columns of their own. Word keeps columns on sections: the part is a
continuous section with ``w:cols``, the text before it ends a section of one column, and
the text after it starts one. A section ends with the ``w:sectPr`` of its last paragraph
(no paragraph of its own: an empty one is read as "blank" and LibreOffice's tagged PDF
exports it as an empty ``P``). A column ends early with a column break in a run at the
start of the next column's first paragraph. Word and LibreOffice balance the columns of a
continuous section.

Before, the columns were a layout table holding a table for the key facts: pandoc read a
table of tables and LibreOffice's PDF/UA export a data table without headers.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from briefgen.units import Length

COLUMN_GAP_MM = 3.5

_AFTER_COLS = tuple(qn(t) for t in ("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                                    "w:printerSettings", "w:sectPrChange"))


@dataclass
class Region:
    """Body elements ``first`` … ``last`` (in document order) set in ``columns`` columns."""

    first: object
    last: object
    columns: int
    gap_mm: float = COLUMN_GAP_MM


def body_elements(word) -> list:
    """The body's block elements (paragraphs and tables), without its final ``w:sectPr``."""
    return [e for e in word.element.body if e.tag in (qn("w:p"), qn("w:tbl"))]


def column_break(p) -> None:
    """Start paragraph ``p`` in the next column (a break in a run of its own, first)."""
    run = parse_xml(f'<w:r {nsdecls("w")}><w:br w:type="column"/></w:r>')
    ppr = p.find(qn("w:pPr"))
    (ppr.addnext(run) if ppr is not None else p.insert(0, run))


def hairline() -> object:
    """A paragraph one twentieth of a point high: where a section must end after a table."""
    return parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" '
                     'w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr>'
                     '</w:pPr></w:p>')


def _ending_paragraph(el, before: bool):
    """The paragraph that can carry a section's end: ``el`` itself, or a hairline after it
    (``before`` False) or before it, when ``el`` is a table."""
    if el.tag == qn("w:p"):
        return el
    p = hairline()
    (el.addprevious(p) if before else el.addnext(p))
    return p


def _section(final, columns: int, gap_mm: float, *, first: bool):
    """A copy of the document's ``w:sectPr`` with ``columns`` columns; a section after the
    first starts on the same page (continuous) and has no first-page header of its own."""
    sect = copy.deepcopy(final)
    for old in sect.findall(qn("w:cols")) + sect.findall(qn("w:type")):
        sect.remove(old)
    if not first:
        for old in sect.findall(qn("w:titlePg")):
            sect.remove(old)
        kind = parse_xml(f'<w:type {nsdecls("w")} w:val="continuous"/>')
        pg_sz = sect.find(qn("w:pgSz"))
        (pg_sz.addprevious(kind) if pg_sz is not None else sect.insert(0, kind))
    if columns > 1:
        gap = Length.mm(gap_mm).twips
        cols = parse_xml(f'<w:cols {nsdecls("w")} w:equalWidth="1" w:num="{columns}" '
                         f'w:space="{gap}"/>')
        anchor = next((c for c in sect if c.tag in _AFTER_COLS), None)
        (anchor.addprevious(cols) if anchor is not None else sect.append(cols))
    return sect


def _end_section_at(p, sect) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = parse_xml(f'<w:pPr {nsdecls("w")}/>')
        p.insert(0, ppr)
    ppr.append(sect)  # w:sectPr comes after every other w:pPr child but w:pPrChange


def set_regions(word, regions: list[Region]) -> None:
    """Make each region a continuous section in its columns (in document order)."""
    final = word.element.body.find(qn("w:sectPr"))
    if not regions or final is None:
        return
    template = copy.deepcopy(final)
    first_section = True
    blocks = body_elements(word)
    for region in regions:
        before = region.first.getprevious()
        if before is not None and before.tag in (qn("w:p"), qn("w:tbl")) \
                and before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:  # not a region's end
            _end_section_at(_ending_paragraph(before, before=False),
                            _section(template, 1, 0, first=first_section))
            first_section = False
        if region.last is blocks[-1]:
            # the document ends with it: it is the last section. LibreOffice balances its
            # columns; Word fills a document's last section column by column. (A section
            # after it would need a paragraph of its own, read as "blank".)
            final.getparent().replace(final, _section(template, region.columns,
                                                      region.gap_mm, first=first_section))
            return
        _end_section_at(_ending_paragraph(region.last, before=False),
                        _section(template, region.columns, region.gap_mm, first=first_section))
        first_section = False
    final.getparent().replace(final, _section(template, 1, 0, first=first_section))

