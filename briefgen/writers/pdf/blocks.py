"""Document-tree nodes → reportlab flowables: one handler per node type.

:data:`BLOCK_HANDLERS` maps a block class to a function ``(node, ctx) -> list[Flowable]``
and :data:`INLINE_HANDLERS` an inline class to ``(node, ctx) -> str`` (Paragraph markup):
the shape of markdown-it-py's renderer rules and rst2pdf's element handlers, and the
shape of the DOCX writer's tables (keyed by node class, ``(node, ctx)``; ``ctx`` says
where the output goes: here the width and the structure element, there the place).
Inline content becomes reportlab Paragraph markup with every literal character
escaped, so ``<``, ``&`` and ``**`` in facts print as themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    ListFlowable,
    ListItem,
    Spacer,
    Table,
    TableStyle,
)

from briefgen.document import model as m
from briefgen.document.a11y import row_header_flags
from briefgen.document.balance import stacked
from briefgen.document.links import allowed_link
from briefgen.document.text import column_shares, column_words, plain_text, widen_for_words
from briefgen.theme.model import mark_size
from briefgen.writers import fonts
from briefgen.writers.escape import escape_attr, escape_text
from briefgen.writers.pdf import tags as tg
from briefgen.writers.pdf.paragraph import Paragraph
from briefgen.writers.pdf.styles import CODE_FILL, NOTE_FILL, RULE_GREY, PdfStyles


@dataclass
class Ctx:
    """What a handler needs: styles, citation numbers, the width it may fill, warnings."""

    doc: m.Document
    styles: PdfStyles
    numbers: dict[str, int]
    width: float
    font_spec: str
    missing: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    in_list: bool = False
    in_box: bool = False
    tags: tg.TagState | None = None  # tagging state of this build (None: measuring)
    parent: tg.StructElem | None = None  # the structure element new content goes under

    def narrower(self, width: float, **kw) -> Ctx:
        """The same context for content set ``width`` points wide (shares warnings)."""
        return replace(self, width=width, **kw)


# ---- inline markup --------------------------------------------------------

def _attr(value: str) -> str:
    return escape_attr(value)


def text_markup(text: str, ctx: Ctx, face: str = "Regular") -> str:
    """Literal ``text`` as Paragraph markup: undrawable glyphs replaced, markup escaped."""
    safe, missing = fonts.replace_missing(text, ctx.font_spec, face)
    ctx.missing |= missing
    return escape_text(safe)


def _run(run: m.Run, ctx: Ctx) -> str:
    face = ("Bold" if run.bold else "") + ("Italic" if run.italic else "") or "Regular"
    out = text_markup(run.text, ctx, face)
    if run.italic:
        out = f"<i>{out}</i>"
    if run.bold:
        out = f"<b>{out}</b>"
    if run.code:  # outermost: a <font> tag resets bold/italic to its face's own
        mono = fonts.register_mono()
        out = f'<font name="{mono.regular}" backColor="{CODE_FILL}">{out}</font>'
    if run.lang:  # a fact names its language: the tagging canvas marks the text between
        out = (f'<onDraw name="{tg.LANGUAGE_CALLBACK}" label="{_attr(run.lang)}"/>{out}'
               f'<onDraw name="{tg.LANGUAGE_CALLBACK}" label=""/>')
    href = allowed_link(run.href)  # the one allow-list, whatever built the tree
    if href:
        if ctx.tags is not None:
            ctx.tags.link_alt.setdefault(href, run.text)
        accent = ctx.styles.theme.accent
        out = f'<a href="{_attr(href)}" color="{accent}">{out}</a>'
    return out


def _cite(cite: m.Cite, ctx: Ctx) -> str:
    """``[3, 8]``: the numbers ascending, each a link to its entry (as in the DOCX)."""
    for sid in cite.source_ids:
        if sid not in ctx.numbers:
            ctx.notes.append(f"citation of unknown source {sid!r} printed as [?]")
    nums = []
    for n in sorted({ctx.numbers[s] for s in cite.source_ids if s in ctx.numbers}):
        nums.append(f'<a href="#bg-src-{n}">{n}</a>' if ctx.tags is not None else str(n))
    nums += ["?"] * any(s not in ctx.numbers for s in cite.source_ids)
    size = ctx.styles.theme.base_size
    mark = mark_size(size)
    return (f'<super rise="{size * 0.3:.2f}" size="{mark:.2f}">'
            f'<font color="{ctx.styles.theme.accent}">[{m.CITATION_SEPARATOR.join(nums)}]</font></super>')


InlineHandler = Callable[[m.Inline, Ctx], str]
"""``(node, ctx)``: the Paragraph markup of an inline node (the DOCX writer's take the same)."""

INLINE_HANDLERS: dict[type, InlineHandler] = {
    m.Run: _run,
    m.Cite: _cite,
    m.LineBreak: lambda node, ctx: "<br/>",
}


def inline_markup(inlines: list[m.Inline] | None, ctx: Ctx) -> str:
    """Inline nodes (runs, citations, line breaks) as one string of Paragraph markup."""
    parts = []
    for node in inlines or ():
        handler = INLINE_HANDLERS.get(type(node))
        if handler is None:
            raise TypeError(f"the PDF writer has no handler for {type(node).__name__}")
        parts.append(handler(node, ctx))
    return "".join(parts)


def para(inlines: list[m.Inline] | None, style: ParagraphStyle, ctx: Ctx) -> Paragraph:
    """A reportlab Paragraph of inline nodes in ``style``."""
    return Paragraph(inline_markup(inlines, ctx), style)


# ---- block handlers -------------------------------------------------------

def _heading(h: m.Heading, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    if h.level == 1 and plain_text(h.inlines) == ctx.doc.title.strip():
        return []  # the title block already prints it
    style = {1: st.h1, 2: st.h2}.get(h.level, st.h3)
    return [tg.tag(ctx, para(h.inlines, style, ctx), "H", level=h.level, text=plain_text(h.inlines))]


def _paragraph(p: m.Paragraph, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    style = {"lead": st.lead, "small": st.small, "caption": st.caption}.get(
        p.role or "", st.item if ctx.in_list else st.body)
    return [tg.tag(ctx, para(p.inlines, style, ctx), "P")]


def _list(lb: m.ListBlock, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    size = st.theme.base_size
    indent = size * (1.6 if lb.ordered else 1.2)
    inner = ctx.narrower(ctx.width - indent, in_list=True)
    labels, bodies = tg.list_items(ctx, lb.ordered, len(lb.items))
    items = [ListItem(blocks_to_flowables(item, inner.narrower(inner.width, parent=body))
                      or [Spacer(0, 0)]) for item, body in zip(lb.items, bodies, strict=True)]
    kw = dict(bulletType="1", start=lb.start, bulletFormat="%s.") if lb.ordered else dict(
        bulletType="bullet", start="–" if ctx.in_list else "•")
    out = ListFlowable(
        items, leftIndent=indent, bulletFontName=st.fam.regular, bulletFontSize=size,
        bulletColor=st.color("accent"), bulletDedent="auto", spaceBefore=0,
        spaceAfter=0 if ctx.in_list else size * 0.45, **kw)
    tg.label_bullets(out, labels)
    return [out]


def _fit_longest_words(widths: list[float], table: m.Table, ctx: Ctx) -> list[float]:
    """Widen columns too narrow for their longest word (set bold), taking the room from the
    widest ones, so a label such as "Withdrawal" never breaks mid-word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    st = ctx.styles
    size, pad = st.theme.base_size, st.theme.base_size * 0.35
    need = [max((stringWidth(w, st.fam.bold, size) for w in words), default=0.0) + 2 * pad + 1
            for words in column_words(table)]
    return widen_for_words(widths, need)


def _font_cmds(ctx: Ctx) -> list[tuple]:
    """Table commands every table needs: reportlab sets each cell's font (Helvetica unless
    told), which would leave an unembedded Helvetica in the PDF."""
    st = ctx.styles
    return [("FONTNAME", (0, 0), (-1, -1), st.fam.regular),
            ("FONTSIZE", (0, 0), (-1, -1), st.theme.base_size),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]


def _table(t: m.Table, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    all_rows = [*t.header, *t.rows]
    if not all_rows:
        return []
    ncols = max(len(r) for r in all_rows)
    col_widths = [ctx.width * share for share in column_shares(t)]
    if not t.widths:
        col_widths = _fit_longest_words(col_widths, t, ctx)
    data = []
    for i, row in enumerate(all_rows):
        cells = list(row) + [m.Cell([])] * (ncols - len(row))
        head = i < len(t.header)
        data.append([para(c.inlines, st.aligned(st.cell_header if head or c.header else st.cell,
                                                  c.align), ctx) for c in cells])
    pad = st.theme.base_size * 0.35
    nh = len(t.header)
    cmds = [
        *_font_cmds(ctx),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LINEBELOW", (0, nh), (-1, -2 if ctx.in_box else -1), 0.6 if ctx.in_box else 0.4,
         colors.white if ctx.in_box else colors.HexColor(RULE_GREY)),
    ]
    if ctx.in_box:  # label column flush with the box title
        cmds.append(("LEFTPADDING", (0, 0), (0, -1), 0))
    if nh:
        cmds += [("BACKGROUND", (0, 0), (-1, nh - 1), st.color("accent_light")),
                 ("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.9, st.color("accent"))]
    for r in sorted(t.marked_rows):
        if 0 <= r < len(t.rows):
            cmds.append(("BACKGROUND", (0, nh + r), (-1, nh + r), st.color("mark_fill")))
    # a table of one body row (a comparison's clause texts side by side) moves to the next
    # page whole rather than split its row, so no clause text is cut across two pages; a row
    # taller than a whole page still splits there (a _Panel refuses only the first split)
    kind = _Panel if len(t.rows) == 1 else Table
    table = kind(data, colWidths=col_widths, repeatRows=nh, splitInRow=1,
                 style=TableStyle(cmds), spaceBefore=st.gap * 0.3, spaceAfter=st.gap * 1.2)
    out: list[Flowable] = []
    if t.caption:
        cap = ParagraphStyle("bg-table-caption", parent=st.box_title, keepWithNext=1)
        out.append(para(t.caption, cap, ctx))
    tg.table_cells(ctx, data, nh, row_header_flags(t), out[0] if out else None)
    return [*out, table]


class _Panel(Table):
    """A box, quote or row of columns: it moves to the next page rather than split, unless it must.

    The first split asked for is refused (so the panel starts on a fresh page);
    a panel that still does not fit there splits as a table would.
    """

    _refused = False

    def split(self, availWidth, availHeight):  # noqa: N803 (reportlab's signature)
        """Refuse the first split; split normally after that."""
        if not self._refused:
            self._refused = True
            return []
        return super().split(availWidth, availHeight)


def _panel(rows: list[Flowable], ctx: Ctx, fill, bar, indent: float = 0.0) -> Table:
    """Flowables stacked in a one-column table: a shaded or barred panel that can split."""
    pad = ctx.styles.theme.base_size * 0.7
    t = _Panel([[f] for f in rows], colWidths=[ctx.width - indent], hAlign="RIGHT", splitInRow=1,
              spaceBefore=ctx.styles.gap * 0.4, spaceAfter=ctx.styles.gap * 1.3)
    cmds = [
        *_font_cmds(ctx),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.7),
        ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.6),
    ]
    if fill is not None:
        cmds.append(("BACKGROUND", (0, 0), (-1, -1), fill))
    if bar is not None:
        cmds.append(("LINEBEFORE", (0, 0), (0, -1), 2.2, bar))
    t.setStyle(TableStyle(cmds))
    return t


def _box(box: m.Box, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    pad = st.theme.base_size * 0.7
    se = tg.open_elem(ctx, "KeyFacts" if box.kind == "keyfacts" else "Callout")
    inner = ctx.narrower(ctx.width - 2 * pad, in_box=True, parent=se)
    rows: list[Flowable] = []
    if box.title:
        rows.append(tg.tag(inner, para(box.title, st.box_title, inner), "H", level=2,
                           text=plain_text(box.title)))
    rows += blocks_to_flowables(box.children, inner)
    if not rows:
        return []
    _trim_last_space(rows)
    if box.kind == "keyfacts":
        return [_panel(rows, ctx, st.color("accent_light"), None)]
    return [_panel(rows, ctx, colors.HexColor(NOTE_FILL), st.color("accent"))]


def _quote(q: m.Quote, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    indent = st.theme.base_size * 1.2
    pad = st.theme.base_size * 0.7
    inner = ctx.narrower(ctx.width - indent - 2 * pad, parent=tg.open_elem(ctx, "BlockQuote"))
    rows = [_restyle(f, st.quote) for f in blocks_to_flowables(q.children, inner)]
    if q.attribution:
        rows.append(tg.tag(inner, Paragraph("— " + inline_markup(q.attribution, inner),
                                            st.attribution), "P"))
    if not rows:
        return []
    _trim_last_space(rows)
    return [_panel(rows, ctx, None, st.color("accent"), indent=indent)]


def _restyle(f: Flowable, style: ParagraphStyle) -> Flowable:
    """Body paragraphs inside a quote take the quote style; other flowables stay."""
    if isinstance(f, Paragraph) and f.style.name in ("bg-body", "bg-item"):
        f.__init__(f.text, style, bulletText=f.bulletText)  # re-parsed: the face changes too
    return f


def _trim_last_space(rows: list[Flowable]) -> None:
    last = rows[-1]
    if isinstance(last, Paragraph) and last.style.spaceAfter:
        last.style = ParagraphStyle(last.style.name, parent=last.style, spaceAfter=0)
    elif hasattr(last, "spaceAfter"):
        last.spaceAfter = 0


def _columns(c: m.Columns, ctx: Ctx) -> list[Flowable]:
    n = len(c.columns)
    if n == 0:
        return []
    if stacked(c.columns):  # very unequal columns: one after the other, full width
        return blocks_to_flowables([b for col in c.columns for b in col], ctx)
    gap = ctx.styles.theme.base_size * 1.4
    inner_w = (ctx.width - gap * (n - 1)) / n
    inner = ctx.narrower(inner_w)
    cells = [blocks_to_flowables(col, inner) or [Spacer(0, 0)] for col in c.columns]
    widths = [inner_w + gap * ((j > 0) + (j < n - 1)) / 2 for j in range(n)]
    t = _Panel([cells], colWidths=widths, splitInRow=1, spaceAfter=ctx.styles.gap * 0.5)
    t.setStyle(TableStyle([
        *_font_cmds(ctx),
        ("LEFTPADDING", (0, 0), (-1, -1), gap / 2), ("RIGHTPADDING", (0, 0), (-1, -1), gap / 2),
        ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [t]


def _rule(_: m.Rule, ctx: Ctx) -> list[Flowable]:
    g = ctx.styles.gap
    return [tg.artifact(ctx, HRFlowable(width="100%", thickness=0.6, color=colors.HexColor(RULE_GREY),
                                        spaceBefore=g * 0.4, spaceAfter=g * 1.1))]


BlockHandler = Callable[[m.Block, Ctx], list[Flowable]]
"""``(node, ctx)``: the flowables of a block, ``ctx.width`` wide (the DOCX writer's take the same)."""

BLOCK_HANDLERS: dict[type, BlockHandler] = {  # SourcesList, Image: sources.py, images.py (document.py)
    m.Heading: _heading,
    m.Paragraph: _paragraph,
    m.ListBlock: _list,
    m.Table: _table,
    m.Box: _box,
    m.Quote: _quote,
    m.Columns: _columns,
    m.Rule: _rule,
}


def blocks_to_flowables(blocks: list[m.Block], ctx: Ctx) -> list[Flowable]:
    """Flowables for ``blocks`` in order.

    A node type without a handler is a bug in briefgen (every writer handles
    every node of :mod:`briefgen.document.model`), so it raises ``TypeError``
    exactly as the DOCX writer does.
    """
    out: list[Flowable] = []
    for block in blocks:
        handler = BLOCK_HANDLERS.get(type(block))
        if handler is None:
            raise TypeError(f"the PDF writer has no handler for {type(block).__name__}")
        out.extend(handler(block, ctx))
    return out
