"""The Sources list in the DOCX: a real numbered list in balanced columns, as in the PDF.

Entries come from :mod:`briefgen.document.sources`. Each is a paragraph in the
"Source" style with Word numbering (``w:numPr`` on a decimal list of its own,
hanging indent), so Word and LibreOffice number it and screen readers announce
a list. When the list takes several columns, :func:`split_columns` ends the
page's main section just before the Sources heading with a continuous section
break; the last section has ``w:cols``, which Word and LibreOffice balance at
the end of a continuous section.
"""

from __future__ import annotations

import copy

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from briefgen.adapters import python_docx as dx
from briefgen.document.model import Run, SourcesList
from briefgen.document.sources import column_count, source_entries, sources_title
from briefgen.units import Length
from briefgen.writers.docx import xml as ox
from briefgen.writers.docx.a11y import add_text_runs

COLUMN_GAP_MM = 3.5
HANGING_MM = 3.6
"""The least hanging indent: room for "9." and a gap at the Source style's size."""
DIGIT_EM = 0.58
"""A digit's or full stop's width in em, at most, in the fonts a theme may name (Noto Sans: 0.572)."""
GAP_EM = 0.3
"""The gap between the number and the entry's text, in em."""


def hanging_mm(count: int, size_pt: float) -> float:
    """The hanging indent for a list of ``count`` entries: the widest number ("25.") and a gap.

    With a fixed indent, a two-digit number overran it and Word and LibreOffice
    set the entry's text right after the full stop ("10.As Sweden…").
    """
    label = len(f"{count}.")
    return max(HANGING_MM, (label * DIGIT_EM + GAP_EM) * size_pt * 25.4 / 72)


def _abstract_decimal(numbering, hanging_twips: int) -> int:
    """A new one-level decimal ``w:abstractNum`` ("1." with a hanging indent); its id."""
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    aid = max(ids, default=0) + 1
    el = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{hanging_twips}" w:hanging="{hanging_twips}"/></w:pPr>'
        '</w:lvl></w:abstractNum>')
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(el)
    else:
        numbering.append(el)
    return aid


def write_sources(ctx, place, node: SourcesList, paragraph) -> None:
    """The heading and one numbered paragraph per cited source (``paragraph`` adds one)."""
    entries = source_entries(ctx.doc)
    if not entries:
        return
    title = sources_title(ctx.doc, node.title)
    paragraph(ctx, place, ctx.ids.sources_heading, [Run(title)])
    numbering = ctx.word.part.numbering_part.element
    hanging = Length.mm(hanging_mm(len(entries), ctx.theme.small_size)).twips
    num = numbering.add_num(_abstract_decimal(numbering, hanging))
    for e in entries:
        p = paragraph(ctx, place, ctx.ids.source)
        num_pr = dx.paragraph_element(p).get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId
        own = e.source.language if e.source.language != ctx.doc.language else None
        add_text_runs(p, e.before, own or ctx.doc.language, declared=own is not None)
        ox.add_hyperlink_run(p, e.url, e.shown, ctx.ids.hyperlink)
        if e.archived_label:  # unlinked when the allow-list refused the archived copy
            p.add_run(" (")
            ox.add_hyperlink_run(p, e.archived, e.archived_label, ctx.ids.hyperlink)
            p.add_run(")")
    size = ctx.theme.small_size
    ctx.source_columns = column_count(entries, place.width_twips / 20, size)  # twips → points


def split_columns(word, columns: int, sources_style: str) -> None:
    """Set the Sources (from its heading to the end) in ``columns`` balanced columns."""
    if columns <= 1:
        return
    body = word.element.body
    heading = next((p for p in body.iter(qn("w:p"))
                    if p.find(qn("w:pPr")) is not None
                    and p.find(qn("w:pPr")).find(qn("w:pStyle")) is not None
                    and p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) == sources_style),
                   None)
    last = body.find(qn("w:sectPr"))
    if heading is None or last is None or heading.getparent() is not body:
        return
    first = copy.deepcopy(last)  # the main section: one column, ends before the Sources
    for old in first.findall(qn("w:cols")):
        first.remove(old)
    heading.addprevious(_breaker(first))
    middle = copy.deepcopy(last)  # the Sources: columns, balanced by the break after them
    for old in middle.findall(qn("w:cols")) + middle.findall(qn("w:type")):
        middle.remove(old)
    _set_type(middle, "continuous")
    gap = Length.mm(COLUMN_GAP_MM).twips
    cols = parse_xml(f'<w:cols {nsdecls("w")} w:equalWidth="1" w:num="{columns}" w:space="{gap}"/>')
    after = [qn(t) for t in ("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                             "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                             "w:printerSettings", "w:sectPrChange")]
    anchor = next((c for c in middle if c.tag in after), None)
    (anchor.addprevious(cols) if anchor is not None else middle.append(cols))
    last.addprevious(_breaker(middle))
    last.addprevious(_breaker(None))  # the (empty) last section holds one hairline paragraph
    for old in last.findall(qn("w:type")):
        last.remove(old)
    _set_type(last, "continuous")


def _breaker(sect_pr):
    """A hairline paragraph, ending a section with ``sect_pr`` if given."""
    p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" '
                  'w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
    if sect_pr is not None:
        p.find(qn("w:pPr")).append(sect_pr)
    return p


def _set_type(sect_pr, value: str) -> None:
    """Put ``<w:type w:val=value/>`` where the schema wants it (before ``w:pgSz``)."""
    kind = parse_xml(f'<w:type {nsdecls("w")} w:val="{value}"/>')
    pg_sz = sect_pr.find(qn("w:pgSz"))
    (pg_sz.addprevious(kind) if pg_sz is not None else sect_pr.insert(0, kind))
