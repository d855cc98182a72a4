"""Draw a :class:`~briefgen.document.figure.Figure` as a reportlab Drawing and as a PNG.

Both use the theme's colours; the PNG is set in the bundled Noto Sans (the
PDF writer puts its own registered family on the Drawing's strings). PNG
bytes are deterministic: no timestamp or other metadata chunks.
"""

from __future__ import annotations

import functools
import io

from briefgen.document.figure import PT_MM, Box, Figure, Line, Text
from briefgen.theme.model import Theme

GRID = "#D9D9D9"
DPI = 300


ROLES = ("accent", "accent_light", "muted", "text")


def colour(role: str, palette: tuple[str, ...]) -> str:
    """A colour role (``accent`` …) or ``#RRGGBB`` as ``#RRGGBB``; ``palette`` follows ROLES."""
    if role.startswith("#"):
        return role
    if role == "white":
        return "#FFFFFF"
    if role == "grid":
        return GRID
    return palette[ROLES.index(role)]


def _palette(theme: Theme) -> tuple[str, ...]:
    return tuple(getattr(theme, k) for k in ROLES)


def to_drawing(fig: Figure, theme: Theme):
    """A reportlab ``Drawing`` of the figure, 1 mm = 1 mm (the PDF writer scales it)."""
    return _drawing(fig, _palette(theme))


@functools.lru_cache(maxsize=32)
def _drawing(fig: Figure, theme: tuple[str, ...]):
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.graphics.shapes import Line as RLLine
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    def c(role):
        return colors.HexColor(colour(role, theme)) if role else None

    h = fig.height
    d = Drawing(fig.width * mm, h * mm)
    for s in fig.shapes:
        if isinstance(s, Box):
            d.add(Rect(s.x * mm, (h - s.y - s.h) * mm, s.w * mm, s.h * mm, fillColor=c(s.fill),
                       strokeColor=c(s.stroke), strokeWidth=s.stroke_width * mm if s.stroke else 0))
        elif isinstance(s, Line):
            line = RLLine(s.x1 * mm, (h - s.y1) * mm, s.x2 * mm, (h - s.y2) * mm,
                          strokeColor=c(s.color), strokeWidth=s.width * mm)
            if s.dash:
                line.strokeDashArray = [s.dash[0] * mm, s.dash[1] * mm]
            d.add(line)
        elif isinstance(s, Text):
            d.add(String(s.x * mm, (h - s.y) * mm, s.text, fontSize=s.size,
                         fontName="Helvetica-Bold" if s.bold else "Helvetica",
                         fillColor=c(s.color), textAnchor=s.anchor))
    return d


def to_png(fig: Figure, theme: Theme, dpi: int = DPI) -> bytes:
    """PNG bytes of the figure at ``dpi`` on white, in the theme's colours."""
    return _png(fig, _palette(theme), dpi)


@functools.lru_cache(maxsize=32)
def _png(fig: Figure, theme: tuple[str, ...], dpi: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    from briefgen.bundled import bundled_font

    k = dpi / 25.4  # px per mm
    img = Image.new("RGB", (round(fig.width * k), round(fig.height * k)), "#FFFFFF")
    draw = ImageDraw.Draw(img)
    fonts: dict = {}

    def font(bold: bool, size: float):
        key = (bold, size)
        if key not in fonts:
            data = bundled_font("NotoSans", "Bold" if bold else "Regular")
            fonts[key] = ImageFont.truetype(io.BytesIO(data), max(1, round(size * PT_MM * k)))
        return fonts[key]

    for s in fig.shapes:
        if isinstance(s, Box):
            box = [s.x * k, s.y * k, (s.x + s.w) * k, (s.y + s.h) * k]
            draw.rectangle(box, fill=colour(s.fill, theme) if s.fill else None,
                           outline=colour(s.stroke, theme) if s.stroke else None,
                           width=max(1, round(s.stroke_width * k)) if s.stroke else 0)
        elif isinstance(s, Line):
            _line(draw, s, k, colour(s.color, theme))
        elif isinstance(s, Text):
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
            draw.text((s.x * k, s.y * k), s.text, fill=colour(s.color, theme),
                      font=font(s.bold, s.size), anchor=anchor)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=False, compress_level=9, dpi=(dpi, dpi))
    return out.getvalue()


def _line(draw, s: Line, k: float, fill: str) -> None:
    width = max(1, round(s.width * k))
    x1, y1, x2, y2 = s.x1 * k, s.y1 * k, s.x2 * k, s.y2 * k
    if not s.dash:
        draw.line([x1, y1, x2, y2], fill=fill, width=width)
        return
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
    on, off = s.dash[0] * k, s.dash[1] * k
    pos = 0.0
    while pos < length:
        end = min(pos + on, length)
        draw.line([x1 + (x2 - x1) * pos / length, y1 + (y2 - y1) * pos / length,
                   x1 + (x2 - x1) * end / length, y1 + (y2 - y1) * end / length],
                  fill=fill, width=width)
        pos = end + off
