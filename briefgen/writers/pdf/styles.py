"""Paragraph styles and colours of the PDF writer, derived from one :class:`Theme`.

Every style uses the registered TrueType family (never reportlab's Helvetica),
and every size and gap is a multiple of the theme's (already scaled) sizes, so
the one-page fit can shrink the whole page evenly.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefgen.theme.model import TABLE_SHARE, Theme
from briefgen.writers.fonts import FontFamily

ALIGN = {None: TA_LEFT, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
RULE_GREY = "#C9CFD6"
NOTE_FILL = "#F3F4F6"
CODE_FILL = "#EEF1F4"


@dataclass(frozen=True)
class PdfStyles:
    """The styles one render uses; ``theme`` is already scaled."""

    theme: Theme
    fam: FontFamily
    body: ParagraphStyle
    item: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    banner: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    box_title: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    sources_title: ParagraphStyle
    source_item: ParagraphStyle

    @property
    def gap(self) -> float:
        """The basic vertical gap between blocks, in points."""
        return self.theme.base_size * 0.5

    def color(self, name: str) -> colors.Color:
        """A theme colour by field name (``accent``, ``muted`` …) as a reportlab colour."""
        return colors.HexColor(getattr(self.theme, name))

    def aligned(self, style: ParagraphStyle, align: str | None) -> ParagraphStyle:
        """``style`` with the alignment of a table cell ("left", "center", "right")."""
        if align in (None, "left"):
            return style
        return ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=ALIGN[align])


def make_styles(theme: Theme, fam: FontFamily) -> PdfStyles:
    """All paragraph styles for ``theme`` (already scaled) set in the family ``fam``."""
    b = theme.base_size
    lead = theme.leading
    text, accent, muted = (colors.HexColor(c) for c in (theme.text, theme.accent, theme.muted))
    base = ParagraphStyle(
        "bg-body", fontName=fam.regular, fontSize=b, leading=b * lead, textColor=text,
        spaceAfter=b * 0.45, bulletFontName=fam.regular, bulletFontSize=b,
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        size = kw.get("fontSize", b)
        kw.setdefault("leading", size * lead)
        kw.setdefault("bulletFontSize", size)
        return ParagraphStyle(f"bg-{name}", parent=base, **kw)

    small = theme.small_size
    return PdfStyles(
        theme=theme,
        fam=fam,
        body=base,
        item=derive("item", spaceAfter=b * 0.15),
        lead=derive("lead", fontSize=b * 1.12, spaceAfter=b * 0.6),
        small=derive("small", fontSize=small, textColor=muted),
        caption=derive("caption", fontName=fam.italic, fontSize=small, textColor=muted,
                       spaceBefore=b * 0.15, spaceAfter=b * 0.5),
        banner=derive("banner", fontName=fam.bold, fontSize=small, textColor=accent,
                      spaceAfter=b * 0.2),
        title=derive("title", fontName=fam.bold, fontSize=theme.title_size,
                     leading=theme.title_size * 1.15, textColor=accent, spaceAfter=b * 0.2),
        subtitle=derive("subtitle", fontSize=theme.h3_size * 1.05, textColor=muted,
                        spaceAfter=b * 0.2),
        h1=derive("h1", fontName=fam.bold, fontSize=theme.h2_size * 1.25, textColor=accent,
                  spaceBefore=b * 0.9, spaceAfter=b * 0.35, keepWithNext=1),
        h2=derive("h2", fontName=fam.bold, fontSize=theme.h2_size, textColor=accent,
                  leading=theme.h2_size * 1.2, spaceBefore=b * 0.85, spaceAfter=b * 0.3,
                  keepWithNext=1),
        h3=derive("h3", fontName=fam.bold, fontSize=theme.h3_size, spaceBefore=b * 0.5,
                  spaceAfter=b * 0.2, keepWithNext=1),
        box_title=derive("box-title", fontName=fam.bold, fontSize=b * 0.85, textColor=accent,
                         spaceAfter=b * 0.25),
        quote=derive("quote", fontName=fam.italic, fontSize=b * 0.95, textColor=text,
                     spaceAfter=b * 0.3),
        attribution=derive("attribution", fontSize=small, textColor=muted, spaceAfter=0),
        cell=derive("cell", fontSize=b * TABLE_SHARE, spaceAfter=0),
        cell_header=derive("cell-header", fontName=fam.bold, fontSize=b * TABLE_SHARE, textColor=accent,
                           spaceAfter=0),
        sources_title=derive("sources-title", fontName=fam.bold, fontSize=small * 1.1,
                             textColor=muted, spaceBefore=b * 0.7, spaceAfter=b * 0.15,
                             keepWithNext=1),
        source_item=derive("source-item", fontSize=small, leading=small * 1.18, textColor=muted,
                           leftIndent=small * 1.8, bulletIndent=0, spaceAfter=small * 0.2),
    )
