"""The Sources list in the PDF: a numbered list with hanging indents in balanced columns.

Entries come from :mod:`briefgen.document.sources` (the DOCX prints the same).
Each entry is a Paragraph with its number as bullet (tagged ``LI`` > ``Lbl`` +
``LBody``); the entries are dealt into :func:`~briefgen.document.sources.column_count`
columns in reading order, each column ending near the same height.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from briefgen.document import model as m
from briefgen.document.sources import column_count, source_entries, sources_title
from briefgen.writers.escape import escape_attr
from briefgen.writers.pdf import tags as tg
from briefgen.writers.pdf.blocks import Ctx, text_markup
from briefgen.writers.pdf.paragraph import Paragraph

COLUMN_GAP = 1.6
"""Gap between source columns, in ems of the sources' type."""


def _attr(value: str) -> str:
    return escape_attr(value)


def sources_flowables(sl: m.SourcesList, ctx: Ctx) -> list[Flowable]:
    """The heading and the entries of ``doc``'s cited sources (nothing if none is cited)."""
    st = ctx.styles
    entries = source_entries(ctx.doc)
    if not entries:
        return []
    title = sources_title(ctx.doc, sl.title)
    head = tg.tag(ctx, Paragraph(text_markup(title, ctx), st.sources_title), "H", level=2,
                  text=title)
    size = st.source_item.fontSize
    ncols = column_count(entries, ctx.width, size)
    gap = size * COLUMN_GAP
    col_w = (ctx.width - gap * (ncols - 1)) / ncols
    label_w = stringWidth(f"{len(entries)}.", st.fam.regular, size) + size * 0.45
    style = ParagraphStyle("bg-source-entry", parent=st.source_item, leftIndent=label_w,
                           bulletIndent=0)
    labels, bodies = tg.list_items(ctx, True, len(entries))
    paras = []
    for e in entries:
        shown = text_markup(e.shown, ctx)
        text = (tg.source_anchor(ctx, e.n, e.source) + text_markup(e.before, ctx)
                + (f'<a href="{_attr(e.url)}">{shown}</a>' if e.url else shown))
        if e.archived_label:  # the archived copy; unlinked when the allow-list refused it
            label = text_markup(e.archived_label, ctx)
            text += (text_markup(" (", ctx) + (f'<a href="{_attr(e.archived)}">{label}</a>'
                                               if e.archived else label) + text_markup(")", ctx))
        p = Paragraph(text, style, bulletText=f"{e.n}.")
        if ctx.tags is not None and e.source.language and e.source.language != ctx.doc.language:
            bodies[e.n - 1].lang = e.source.language  # its title's language (WCAG 3.1.2)
        paras.append(tg.mark(p, bodies[e.n - 1], label=(labels[e.n - 1], f"{e.n}."))
                     if ctx.tags is not None else p)
    if ncols == 1:
        return [head, *paras]
    columns = balance(paras, ncols, col_w)
    widths = [col_w + gap * ((j > 0) + (j < ncols - 1)) / 2 for j in range(ncols)]
    table = Table([columns], colWidths=widths, splitInRow=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.fam.regular), ("FONTSIZE", (0, 0), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), gap / 2), ("RIGHTPADDING", (0, 0), (-1, -1), gap / 2),
        ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [head, table]


def balance(paras: list[Paragraph], ncols: int, width: float) -> list[list[Paragraph]]:
    """Deal ``paras`` in order into ``ncols`` columns of ``width`` whose heights are close.

    The tallest column is made as short as the order allows: a binary search on
    the column height, filling each column greedily up to it.
    """
    heights = [p.wrap(width, 1e6)[1] + p.getSpaceAfter() for p in paras]

    def deal(limit: float) -> list[list[int]] | None:
        cols: list[list[int]] = [[]]
        used = 0.0
        for i, h in enumerate(heights):
            if cols[-1] and used + h > limit:
                if len(cols) == ncols:
                    return None
                cols.append([])
                used = 0.0
            cols[-1].append(i)
            used += h
        return cols

    lo, hi = max(heights), sum(heights)
    best = deal(hi)
    for _ in range(30):
        mid = (lo + hi) / 2
        cols = deal(mid)
        if cols is None:
            lo = mid
        else:
            best, hi = cols, mid
    assert best is not None
    return [[paras[i] for i in col] for col in best] + [[""] for _ in range(ncols - len(best))]
