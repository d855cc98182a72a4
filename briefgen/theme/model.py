"""How a brief looks: fonts, sizes, colours, margins, header and footer.

One theme drives both writers. The defaults here are the bundled look; a theme
file (YAML) can override any field.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

PAGE_SIZES_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
"""Every paper size briefgen knows, (width, height) in portrait; the first is the default."""
PAGE_SIZES = tuple(PAGE_SIZES_MM)
NOTE_FLOOR_PT = 6.5
"""The smallest type any scale sets notes, sources and citation marks in (body: 8 pt)."""
TABLE_SHARE = 0.9
"""Table text is this share of the body size: 7.2 pt at the 8 pt floor, in both formats."""


def mark_size(body_pt: float) -> float:
    """The size of a citation mark ``[3]`` beside text of ``body_pt``: about two thirds of it,
    never below :data:`NOTE_FLOOR_PT`. Both writers set it at this size (the DOCX on the
    line: LibreOffice draws a superscript or raised run at 58 % of its size, 3.8 pt)."""
    return max(body_pt * 0.68, min(NOTE_FLOOR_PT, body_pt * 0.85))
LOGO_HEIGHT_MM = 13.0
"""The theme logo's height beside the title, in both formats."""
LOGO_MAX_WIDTH_MM = 45.0
"""…and its widest, for a wide logo."""
QR_SIZE_MM = 16.0
"""The side of the QR code to a sheet's online version, beside the title, in both formats
(its quiet zone included: about 0.4 mm a module for a typical address, which a phone reads)."""


def page_size_for(option: str | None, theme_size: str | None) -> str:
    """The paper to use: the command's option, else the theme's ``page_size``, else the default."""
    return (option or theme_size or PAGE_SIZES[0]).lower()


@dataclass(frozen=True)
class PageSetup:
    """Paper, orientation and how many pages the content may take."""

    size: str = PAGE_SIZES[0]
    orientation: str = "portrait"  # "portrait" | "landscape"
    pages: int = 1
    allow_overflow: bool = False

    @property
    def size_mm(self) -> tuple[float, float]:
        """(width, height) of the page in millimetres, after orientation."""
        w, h = PAGE_SIZES_MM[self.size]
        return (h, w) if self.orientation == "landscape" else (w, h)


@dataclass(frozen=True)
class Theme:
    """Type, colour and spacing shared by the PDF and DOCX writers.

    Sizes are in points at scale 1.0; the one-page fit multiplies them by a
    scale no smaller than ``min_scale`` (the readability floor: 10 pt body text
    never goes below 8 pt).
    """

    base_size: float = 10.0
    min_scale: float = 0.8
    leading: float = 1.3
    title_size: float = 20.0
    h2_size: float = 12.5
    h3_size: float = 10.5
    small_size: float = 7.5
    margin_mm: float = 13.0
    accent: str = "#1F4E79"  # headings, rules, table header fill text
    accent_light: str = "#DCE6F1"  # table header fill, key-facts panel
    mark_fill: str = "#FFF2CC"  # rows marked as differing
    text: str = "#1A1A1A"
    muted: str = "#595959"
    header_text: str = ""
    footer_text: str = ""
    banner: str = ""
    logo: str | None = None
    fonts: dict = field(default_factory=dict)
    """Format name -> the font the theme file sets for it (its ``<name>_font`` key); a format
    without one uses its default (the format table in :mod:`briefgen.writers`)."""
    extra: dict = field(default_factory=dict)
    online_url: str = ""
    """Where the course's HTML pages are published (a checked https base ending in ``/``: a
    manifest's ``online_url:`` or ``--online-url``); each printed sheet then carries a QR
    code to its own page there. Empty: no code."""
    warnings: tuple = ()
    """Problems (warnings) loading the theme file found: low colour contrast, at its
    file:line. Every build with this theme reports them, ``check`` lists them, and
    ``--strict`` refuses."""

    def scaled(self, scale: float) -> Theme:
        """The same theme with every type size multiplied by ``scale``."""
        return replace(
            self,
            base_size=self.base_size * scale,
            title_size=self.title_size * scale,
            h2_size=self.h2_size * scale,
            h3_size=self.h3_size * scale,
            small_size=max(self.small_size * scale, min(self.small_size, NOTE_FLOOR_PT)),
        )


DEFAULT_THEME = Theme()
