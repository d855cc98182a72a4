"""The Sources list in the DOCX: a real numbered list in balanced columns, as in the PDF.

Entries come from :mod:`briefgen.document.sources`. Each is a paragraph in the
"Source" style with Word numbering (``w:numPr`` on a decimal list of its own,
hanging indent), so Word and LibreOffice number it and screen readers announce
a list. When the list takes several columns, it is a region of its own
(:mod:`briefgen.writers.docx.sections`): a continuous section with ``w:cols``,
which Word and LibreOffice balance.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from briefgen.adapters import python_docx as dx
from briefgen.document.model import Run, SourcesList
from briefgen.document.sources import column_count, source_entries, sources_title
from briefgen.units import Length
from briefgen.writers.docx import xml as ox
from briefgen.writers.docx.a11y import add_text_runs
from briefgen.writers.docx.sections import Region

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
    heading = paragraph(ctx, place, ctx.ids.sources_heading, [Run(title)])
    numbering = ctx.word.part.numbering_part.element
    hanging = Length.mm(hanging_mm(len(entries), ctx.theme.small_size)).twips
    num = numbering.add_num(_abstract_decimal(numbering, hanging))
    for e in entries:
        p = paragraph(ctx, place, ctx.ids.source)
        ox.set_numbering(dx.paragraph_element(p), num.numId)
        own = e.source.language if e.source.language != ctx.doc.language else None
        add_text_runs(p, e.before, own or ctx.doc.language, declared=own is not None)
        ox.add_hyperlink_run(p, e.url, e.shown, ctx.ids.hyperlink)
        if e.archived_label:  # unlinked when the allow-list refused the archived copy
            ox.add_text_run(p, " (")
            ox.add_hyperlink_run(p, e.archived, e.archived_label, ctx.ids.hyperlink)
            ox.add_text_run(p, ")")
    size = ctx.theme.small_size
    columns = column_count(entries, place.width_twips / 20, size)  # twips → points
    if columns > 1 and place.container is ctx.word:  # in the body: a section in columns
        ctx.regions.append(Region(dx.paragraph_element(heading), dx.paragraph_element(p), columns))
