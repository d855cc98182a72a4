"""The PDF writer: a :class:`~briefgen.document.model.Document` → PDF bytes with reportlab.

The page: a title block (title, subtitle, the theme's logo top right, accent
rule), the blocks in reading order (see :mod:`briefgen.writers.pdf.blocks`), and
on every page a header (``doc.header``, "As of <date>"), a footer
(``doc.footer``, "1/1") and the theme's banner line at the top and bottom.

Bytes are reproducible: reportlab runs in invariant mode, and the creation date
is the DOCX's (:func:`~briefgen.reproducible.document_timestamp`: ``SOURCE_DATE_EPOCH``,
else the brief's as-of date), never the clock.
Every font is an embedded TrueType subset; nothing falls back to Helvetica.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Table,
    TableStyle,
)

from briefgen.adapters import reportlab as rl
from briefgen.document import model as m
from briefgen.errors import InputError
from briefgen.i18n.sheet import SOURCES, page_number
from briefgen.i18n.sheet import text as sheet_text
from briefgen.reproducible import document_timestamp, reportlab_timestamp
from briefgen.theme.model import LOGO_HEIGHT_MM, LOGO_MAX_WIDTH_MM, PageSetup, Theme
from briefgen.writers import as_of_line, font_of, fonts
from briefgen.writers.pdf import tags as tg
from briefgen.writers.pdf.blocks import BLOCK_HANDLERS, Ctx, blocks_to_flowables, text_markup
from briefgen.writers.pdf.hyphenation import hyphenate
from briefgen.writers.pdf.images import image_flowables
from briefgen.writers.pdf.paragraph import Paragraph
from briefgen.writers.pdf.qr import qr_flowable
from briefgen.writers.pdf.sources import sources_flowables
from briefgen.writers.pdf.styles import make_styles
from briefgen.writers.pdf.tagcanvas import TaggingCanvas

BLOCK_HANDLERS[m.SourcesList] = sources_flowables
BLOCK_HANDLERS[m.Image] = image_flowables


@dataclass(frozen=True)
class PdfBuild:
    """One render: the bytes, its page count, and how much of the frame the content used.

    ``used_height`` (points) counts full frames for every page but the last,
    plus what the last page used: an estimate of the content's total height.
    """

    pdf: bytes
    pages: int
    used_height: float
    frame_height: float


def warm_up(font: str) -> None:
    """Register ``font`` (a theme's PDF font) ahead of the first sheet (a batch worker's start)."""
    fonts.register_family(font)


def render_pdf(doc: m.Document, setup: PageSetup, theme: Theme, scale: float = 1.0,
               warnings: list[str] | None = None) -> bytes:
    """The PDF of ``doc`` at ``scale`` × the theme's type sizes.

    Characters the font cannot draw print as U+FFFD; a message about them (and
    about citations of unknown sources) is appended to ``warnings`` if given.
    """
    return build_pdf(doc, setup, theme, scale, warnings).pdf


def build_pdf(doc: m.Document, setup: PageSetup, theme: Theme, scale: float = 1.0,
              warnings: list[str] | None = None,
              prepared: tuple[Ctx, list[Flowable]] | None = None) -> PdfBuild:
    """Like :func:`render_pdf`, also reporting pages and used height (for the one-page fit).

    ``prepared`` is :func:`prepare`'s result for the same arguments, when the fit
    has measured that story already (it is consumed: a story is built once).
    The work is bounded: the build stops once the sheet clearly cannot fit.
    """
    from briefgen.writers.pdf.bounds import layout_errors, page_limit

    ctx, story = prepared or prepare(doc, setup, theme, scale)
    buf = io.BytesIO()
    template = _template(buf, doc, setup, theme, ctx)
    template.max_pages = page_limit(setup)  # bounded work: stop once it cannot fit
    with layout_errors(setup, scale):
        template.build(story, canvasmaker=_canvas_maker(doc, theme, ctx))
    _report(ctx, warnings)
    last_used = template.frame_top - template.last_y if template.last_y is not None else 0.0
    frame_h = template.frame_h
    return PdfBuild(buf.getvalue(), template.page, (template.page - 1) * frame_h + last_used,
                    frame_h)


def prepare(doc: m.Document, setup: PageSetup, theme: Theme,
            scale: float = 1.0) -> tuple[Ctx, list[Flowable]]:
    """The context (with fresh tagging state) and the story of one build of ``doc`` at ``scale``."""
    document_timestamp(doc.as_of)  # a bad SOURCE_DATE_EPOCH: our message, before reportlab's
    ctx = make_context(doc, setup, theme, scale)
    ctx.tags = tg.TagState(title=doc.title, lang=doc.language)  # fresh for every build
    return ctx, story_flowables(doc, ctx)


def frame_size(setup: PageSetup, theme: Theme) -> tuple[float, float]:
    """(width, height) in points of the text frame: the page less ``theme.margin_mm``."""
    w, h = setup.size_mm
    return ((w - 2 * theme.margin_mm) * mm, (h - 2 * theme.margin_mm) * mm)


def make_context(doc: m.Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> Ctx:
    """The handler context for ``doc`` at ``scale``: fonts registered, styles built."""
    font = font_of("pdf", theme)
    fam = fonts.register_family(font)
    styles = make_styles(theme.scaled(scale), fam)
    hyphenate(styles, doc.language)  # Russian and other languages: pyphen dictionaries
    return Ctx(doc=doc, styles=styles, numbers=m.citation_numbers(doc),
               width=frame_size(setup, theme)[0], font_spec=font)


def measure(doc: m.Document, setup: PageSetup, theme: Theme, scale: float,
            groups: list[list[m.Block]]) -> list[float]:
    """The height in points of each group of ``doc``'s blocks at ``scale``, without drawing.

    Each group is laid out at the text width as the page would set it; the fit
    uses this to name the largest part of a sheet that does not fit.
    """
    ctx = make_context(doc, setup, theme, scale)
    canv = Canvas(io.BytesIO(), initialFontName=ctx.styles.fam.regular)
    heights = []
    for blocks in groups:
        height = 0.0
        for f in blocks_to_flowables(blocks, ctx):
            _, h = f.wrapOn(canv, ctx.width, 1e6)
            height += h + f.getSpaceBefore() + f.getSpaceAfter()
        heights.append(height)
    return heights


def title_flowables(doc: m.Document, ctx: Ctx) -> list[Flowable]:
    """The title block: title, subtitle (beside the theme's logo and the QR code to the sheet
    online, if any) and an accent rule.

    The theme's banner is not part of it: the page decoration prints the banner
    at the top and bottom of every page.
    """
    st = ctx.styles
    heads: list[Flowable] = [tg.tag(ctx, Paragraph(text_markup(doc.title, ctx), st.title), "H",
                                    level=1, text=doc.title)]
    if doc.subtitle:
        heads.append(tg.tag(ctx, Paragraph(text_markup(doc.subtitle, ctx), st.subtitle), "P"))
    # beside the title on the right: the theme's logo (decoration), the QR code to the
    # sheet's online version (a link)
    side = [f for f in (tg.artifact(ctx, _logo_flowable(st.theme.logo)), qr_flowable(doc, ctx))
            if f is not None]
    out: list[Flowable] = heads
    if side:
        gap = 4 * mm
        widths = [f.wrap(ctx.width, 0)[0] for f in side]
        t = Table([[heads, *side]], colWidths=[ctx.width - sum(w + gap for w in widths),
                                               *(w + gap for w in widths)])
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (0, 0), "BOTTOM"), ("VALIGN", (1, 0), (-1, 0), "TOP"),
            ("ALIGN", (1, 0), (-1, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        out = [t]
    out.append(tg.artifact(ctx, HRFlowable(width="100%", thickness=1.6, color=st.color("accent"),
                                           spaceBefore=st.gap * 0.3, spaceAfter=st.gap * 1.4)))
    return out


def _logo_flowable(path: str | None) -> Flowable | None:
    """The theme's logo, LOGO_HEIGHT_MM high (at most LOGO_MAX_WIDTH_MM wide), or None."""
    if not path:
        return None
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image as RLImage

    try:
        iw, ih = ImageReader(path).getSize()
    except Exception as exc:  # unreadable picture data
        raise InputError(f"{path}: the theme's logo cannot be read as an image ({exc})") from None
    h = LOGO_HEIGHT_MM * mm
    w = min(h * iw / ih, LOGO_MAX_WIDTH_MM * mm)
    h = w * ih / iw
    logo = RLImage(path, width=w, height=h)
    logo.hAlign = "RIGHT"
    return logo


def story_flowables(doc: m.Document, ctx: Ctx) -> list[Flowable]:
    """Title block and every block; a sources list is appended if citations have none."""
    blocks = list(doc.blocks)
    if ctx.numbers and not any(isinstance(b, m.SourcesList) for b in blocks):
        blocks.append(m.SourcesList(sheet_text(doc.language, SOURCES)))
    return title_flowables(doc, ctx) + blocks_to_flowables(blocks, ctx)


def _report(ctx: Ctx, warnings: list[str] | None) -> None:
    msgs = list(dict.fromkeys(ctx.notes))
    if ctx.missing:
        chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in sorted(ctx.missing))
        msgs.append(f"PDF font {ctx.font_spec!r} cannot draw {chars}; printed as "
                    f"{fonts.PLACEHOLDER}")
    if warnings is not None:
        warnings.extend(msgs)
    else:
        import logging

        for msg in msgs:
            logging.getLogger("briefgen.pdf").warning(msg)


class _BriefTemplate(BaseDocTemplate):
    """A one-frame page template that remembers where the last flowable ended."""

    last_y: float | None = None
    max_pages: int | None = None

    def handle_pageBegin(self) -> None:  # noqa: N802 (reportlab hook)
        """Start a page, unless the sheet already ran past what can ever fit."""
        if self.max_pages is not None and self.page >= self.max_pages:
            from briefgen.writers.pdf.bounds import TooManyPages

            raise TooManyPages(self.page)
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab hook)
        """Record the frame position after each flowable (to measure used height)."""
        if self.frame is not None:
            self.last_y = rl.frame_cursor(self.frame)


def _template(buf: io.BytesIO, doc: m.Document, setup: PageSetup, theme: Theme,
              ctx: Ctx) -> _BriefTemplate:
    w, h = (x * mm for x in setup.size_mm)
    margin = theme.margin_mm * mm
    fam = ctx.styles.fam
    t = _BriefTemplate(
        buf, pagesize=(w, h), leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=margin, title=doc.title, author=doc.author,
        subject=doc.subject or doc.subtitle or "", keywords=", ".join(doc.keywords),
        creator="briefgen", lang=doc.language, invariant=1,
        initialFontName=fam.regular, initialFontSize=ctx.styles.theme.base_size,
    )
    frame = Frame(margin, margin, w - 2 * margin, h - 2 * margin, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    t.addPageTemplates([PageTemplate("page", frames=[frame])])
    t.frame_top = margin + rl.frame_height(frame)
    t.frame_h = rl.frame_height(frame)
    return t


def _canvas_maker(doc: m.Document, theme: Theme, ctx: Ctx):
    """A canvas class that draws header and footer once the page count is known."""
    fam = ctx.styles.fam

    def safe(text: str) -> str:
        out, missing = fonts.replace_missing(text, ctx.font_spec)
        ctx.missing |= missing
        return out

    header = safe(doc.header or theme.header_text)
    footer = safe(doc.footer or theme.footer_text)
    as_of = safe(as_of_line(doc))

    banner_text = safe(theme.banner.strip().upper())

    def _draw_banner(canv: Canvas, text: str, x: float, y: float) -> None:
        canv.setFont(fam.bold, theme.small_size * 1.05)
        canv.setFillColor(_hex(theme.accent))
        canv.drawCentredString(x, y, banner_text)

    def decorate(canv: TaggingCanvas, page: int, total: int) -> None:
        pw, ph = rl.page_size(canv)
        margin = theme.margin_mm * mm
        size = theme.small_size
        canv.saveState()
        canv.artifact_begin("Pagination", "Header")  # header, footer and banner: decoration
        canv.setFont(fam.regular, size)
        canv.setFillColor(_hex(theme.muted))
        canv.setStrokeColor(_hex(theme.accent_light))
        canv.setLineWidth(0.6)
        banner = theme.banner.strip().upper()
        top = ph - margin * (0.72 if banner else 0.55)
        spoken = page == 1 and canv.tags is not None  # said once, in the tagged content
        if banner:
            with tg.once_in_content(canv, "banner", spoken):
                _draw_banner(canv, banner, pw / 2, ph - margin * 0.4)
            _draw_banner(canv, banner, pw / 2, margin * 0.3)
            canv.setFont(fam.regular, size)
            canv.setFillColor(_hex(theme.muted))
        if header or as_of:
            canv.drawString(margin, top, header)
            with tg.once_in_content(canv, "as_of", spoken and bool(as_of)):
                canv.drawRightString(pw - margin, top, as_of)
            canv.line(margin, top - size * 0.6, pw - margin, top - size * 0.6)
        canv.artifact_end()
        canv.artifact_begin("Pagination", "Footer")
        bottom = margin * (0.62 if banner else 0.5)
        canv.line(margin, bottom + size * 1.3, pw - margin, bottom + size * 1.3)
        canv.drawString(margin, bottom, footer)
        canv.drawRightString(pw - margin, bottom, page_number(doc.language, page, total))
        canv.artifact_end()
        canv.restoreState()

    class PagedCanvas(TaggingCanvas):
        """Holds pages back until ``save`` so each can print "page/total"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.tags = ctx.tags
            self._held: list[dict] = []
            rl.set_timestamp(self, reportlab_timestamp(document_timestamp(doc.as_of)))

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._held.append(rl.hold_page(self))

        def save(self) -> None:
            total = len(self._held)
            for n, state in enumerate(self._held, start=1):
                rl.restore_page(self, state)
                decorate(self, n, total)
                self.tag_page_end(total)
                Canvas.showPage(self)
            self.tag_finish(total)
            rl.reuse_font_subsets(self)  # a face's subset made and compressed once per process
            Canvas.save(self)

    return PagedCanvas


def _hex(value: str):
    from reportlab.lib import colors

    return colors.HexColor(value)
