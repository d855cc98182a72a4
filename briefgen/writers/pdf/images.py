"""Figures in the PDF: a drawing made from facts (in the theme's colours) or a PNG, with caption.

Split from :mod:`briefgen.writers.pdf.blocks` (whose BLOCK_HANDLERS gets ``m.Image`` from
:mod:`briefgen.writers.pdf.document`).
"""

from __future__ import annotations

import copy
import io

from reportlab.platypus import Flowable, Spacer
from reportlab.platypus import Image as RLImage

from briefgen.document import model as m
from briefgen.writers import fonts
from briefgen.writers.pdf import tags as tg
from briefgen.writers.pdf.blocks import Ctx, para


def image_flowables(img: m.Image, ctx: Ctx) -> list[Flowable]:
    """The figure (scaled to its width fraction), tagged ``Figure`` with alt text, and its caption."""
    from reportlab.graphics.shapes import Drawing, Group

    drawing = None
    if img.figure is not None:  # drawn from facts: in this theme's colours
        from briefgen.writers.figures import to_drawing

        drawing = to_drawing(img.figure, ctx.styles.theme)
    w = ctx.width * max(0.05, min(img.width_fraction, 1.0))
    if drawing is not None and drawing.width:
        f = w / drawing.width
        pic = Drawing(w, drawing.height * f)
        group = Group(*copy.deepcopy(drawing.contents))  # fonts are rewritten below
        group.scale(f, f)
        pic.add(group)
        pic.hAlign = "CENTER"
        pic.initialFontName = ctx.styles.fam.regular  # else renderPDF sets Helvetica
        _embed_drawing_fonts(group, ctx)
    else:
        pic = RLImage(io.BytesIO(img.png), width=w, height=w * img.aspect)
        pic.hAlign = "CENTER"
    fig = ctx.narrower(ctx.width, parent=tg.open_elem(ctx, "Div")) if img.caption else ctx
    out: list[Flowable] = [tg.tag(fig, pic, "Figure", "block", alt=img.alt)]
    if img.caption:
        centred = img.width_fraction < 0.95
        style = ctx.styles.aligned(ctx.styles.caption, "center" if centred else None)
        out.append(tg.tag(fig, para(img.caption, style, ctx), "Caption"))
    else:
        out.append(Spacer(0, ctx.styles.gap))
    return out


def _embed_drawing_fonts(node, ctx: Ctx) -> None:
    """Point strings drawn in a standard (unembedded) font at the registered family."""
    from reportlab.graphics.shapes import String
    from reportlab.pdfbase.pdfmetrics import standardFonts

    fam = ctx.styles.fam
    for child in getattr(node, "contents", ()):
        if isinstance(child, String) and child.fontName in standardFonts:
            child.fontName = fam.bold if "Bold" in child.fontName else fam.regular
            child.text, missing = fonts.replace_missing(child.text, ctx.font_spec)
            ctx.missing |= missing
        _embed_drawing_fonts(child, ctx)
