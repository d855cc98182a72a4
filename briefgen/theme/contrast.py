"""Colour contrast of a theme: every text/background pair the writers draw, held to WCAG 2.x.

A theme's colours are used in fixed pairs (body text on the page, the accent
for headings, links and 6.5 pt citation numbers, key-facts text and title on
the light accent fill, marked comparison rows, the timeline's white bar
labels on the accent and muted bars). WCAG 2.x (1.4.3, AA) asks 4.5:1 for text;
every pair here includes small text, so 4.5:1 holds for each.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.errors import Problem

TEXT_MIN = 4.5
"""WCAG 2.x AA contrast for normal-size text (large text and graphics need 3:1)."""

PAGE = "#FFFFFF"
WHITE = "#FFFFFF"


@dataclass(frozen=True)
class Pair:
    """A foreground theme key drawn on a background theme key (or the white page)."""

    fg: str
    bg: str
    what: str


PAIRS = (
    Pair("text", "page", "body text"),
    Pair("muted", "page", "captions, sources, the running header and footer"),
    Pair("accent", "page", "headings, links and citation numbers"),
    Pair("text", "accent_light", "key-facts text and table header cells"),
    Pair("accent", "accent_light", "the key-facts title"),
    Pair("text", "mark_fill", "text in comparison rows marked as differing"),
    Pair("white", "accent", "the timeline's labels on member bars"),
    Pair("white", "muted", "the timeline's labels on former members' bars"),
)
"""Every text/background pair the PDF and DOCX writers draw from a theme's colours."""


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG 2.x contrast ratio of two ``#RRGGBB`` colours (1.0 to 21.0)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _colour(colours: dict[str, str], key: str) -> str:
    if key == "page":
        return PAGE
    if key == "white":
        return WHITE
    return colours[key]


def low_contrast(colours: dict[str, str]) -> list[tuple[Pair, float]]:
    """The pairs of ``colours`` (theme key → ``#RRGGBB``) under 4.5:1, with their ratio."""
    out = []
    for pair in PAIRS:
        ratio = contrast_ratio(_colour(colours, pair.fg), _colour(colours, pair.bg))
        if ratio < TEXT_MIN:
            out.append((pair, ratio))
    return out


def contrast_problems(colours: dict[str, str], file: str,
                      line_of: dict[str, int | None]) -> list[Problem]:
    """Warnings (code BG344) for each low-contrast pair, at the line of the key the theme
    file sets (the foreground's if it sets it, else the background's)."""
    problems = []
    for pair, ratio in low_contrast(colours):
        key = pair.fg if line_of.get(pair.fg) else pair.bg
        if key in ("page", "white"):
            key = pair.fg
        shown = {k: "the white page" if k == "page" else f"{k} {_colour(colours, k)}"
                 for k in (pair.fg, pair.bg)}
        problems.append(Problem(
            file, line_of.get(key),
            f"{shown[pair.fg]} on {shown[pair.bg]} has a contrast of "
            f"{ratio:.1f}:1 ({pair.what}); text needs {TEXT_MIN}:1 (WCAG 2.x AA): "
            f"change {key}",
            severity="warning", code="BG344"))
    return problems
