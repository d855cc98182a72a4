"""The figure model: what to draw, in millimetres from the top-left corner.

Colours are theme roles (``accent``, ``accent_light``, ``muted``, ``text``,
``grid``, ``white``) or ``#RRGGBB``; the renderers resolve them with the
theme, so one figure follows any theme file. Text sizes are in points.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Box:
    """A filled rectangle; ``stroke`` draws its outline too."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.2  # mm


@dataclass(frozen=True)
class Line:
    """A straight line; ``dash`` in mm (on, off) or None for solid."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 0.2  # mm
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Text:
    """One line of text; ``y`` is the baseline; ``anchor`` is start, middle or end."""

    x: float
    y: float
    text: str
    size: float  # points
    color: str = "text"
    bold: bool = False
    anchor: str = "start"


Shape = Box | Line | Text


@dataclass(frozen=True)
class Figure:
    """A figure: its size in mm, its shapes in drawing order, its alt text and its data.

    ``data`` is the same information as a table (header row first), for the
    formats that show it to readers who cannot see the drawing or cannot carry
    it (the HTML page offers it beside the SVG; the LMS fragment prints it
    instead). Empty for a figure with no tabular data.
    """

    width: float
    height: float
    shapes: tuple[Shape, ...]
    alt: str
    data: tuple[tuple[str, ...], ...] = ()

    @property
    def aspect(self) -> float:
        """Height / width."""
        return self.height / self.width


@functools.cache
def _font(bold: bool, size_pt: float):
    """Noto Sans at ``size_pt`` for measuring, as a Pillow FreeType font (1 unit = 0.01 pt)."""
    from PIL import ImageFont

    from briefgen.bundled import bundled_font

    data = bundled_font("NotoSans", "Bold" if bold else "Regular")
    return ImageFont.truetype(io.BytesIO(data), max(1, round(size_pt * 100)))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in mm at ``size`` points in Noto Sans."""
    return _font(bold, 10.0).getlength(text) / 1000 * size * PT_MM


def fit_text(text: str, size: float, room: float, bold: bool = False) -> str:
    """``text`` shortened with "…" to fit ``room`` mm ("" if not even one letter fits)."""
    if text_width(text, size, bold) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid].rstrip(" ,") + "…", size, bold) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip(" ,") + "…" if lo else ""
