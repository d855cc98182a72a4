"""Pictures as HTML: a figure as inline SVG with a title and a description, its data as a table.

The SVG is drawn in the figure's own millimetre units (``viewBox``) and scales
with the page; colours are the theme's. It carries ``role="img"`` and is named
by its ``<title>`` and described by its ``<desc>`` (the figure's alt text), and
the same data follows as a table for readers who cannot see the chart. The LMS
fragment carries no SVG (the sanitizers drop it) and no ``data:`` image, so it
prints the table alone.
"""

from __future__ import annotations

import base64

from briefgen.document.figure import PT_MM, Box, Figure, Line, Text
from briefgen.document.model import Image
from briefgen.document.text import plain_text
from briefgen.writers.figures import ROLES, colour
from briefgen.writers.html import markup as mk
from briefgen.writers.html.inlines import inlines, language_text
from briefgen.writers.html.labels import CHART_DATA, say

_ANCHOR = {"start": "start", "middle": "middle", "end": "end"}


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable, short)."""
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def svg(ctx: mk.Context, fig: Figure, title: str) -> str:
    """The figure as an inline ``<svg>`` named ``title`` and described by its alt text."""
    palette = tuple(getattr(ctx.theme, k) for k in ROLES)
    tid, did = ctx.new_id("svgt"), ctx.new_id("svgd")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{tid} {did}" '
             f'viewBox="0 0 {_n(fig.width)} {_n(fig.height)}" class="chart">',
             f'<title id="{tid}">{mk.text(title)}</title>',
             f'<desc id="{did}">{mk.text(fig.alt)}</desc>',
             f'<rect x="0" y="0" width="{_n(fig.width)}" height="{_n(fig.height)}" fill="#FFFFFF"/>']
    for s in fig.shapes:
        if isinstance(s, Box):
            stroke = (f' stroke="{colour(s.stroke, palette)}" stroke-width="{_n(s.stroke_width)}"'
                      if s.stroke else "")
            fill = colour(s.fill, palette) if s.fill else "none"
            parts.append(f'<rect x="{_n(s.x)}" y="{_n(s.y)}" width="{_n(s.w)}" height="{_n(s.h)}" '
                         f'fill="{fill}"{stroke}/>')
        elif isinstance(s, Line):
            dash = f' stroke-dasharray="{_n(s.dash[0])} {_n(s.dash[1])}"' if s.dash else ""
            parts.append(f'<line x1="{_n(s.x1)}" y1="{_n(s.y1)}" x2="{_n(s.x2)}" y2="{_n(s.y2)}" '
                         f'stroke="{colour(s.color, palette)}" stroke-width="{_n(s.width)}"{dash}/>')
        elif isinstance(s, Text):
            weight = ' font-weight="bold"' if s.bold else ""
            parts.append(f'<text x="{_n(s.x)}" y="{_n(s.y)}" font-size="{_n(s.size * PT_MM)}" '
                         f'fill="{colour(s.color, palette)}" text-anchor="{_ANCHOR[s.anchor]}"'
                         f'{weight}>{mk.text(s.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def data_table(ctx: mk.Context, fig: Figure, caption: str) -> str:
    """The figure's data as a table with a caption, column headers and row headers."""
    head, *rows = fig.data
    cols = "".join(ctx.el("th", language_text(ctx, h), "th", scope="col") for h in head)
    body = []
    for row in rows:
        cells = [ctx.el("th", language_text(ctx, row[0]), "th-row", scope="row")]
        cells += [ctx.el("td", language_text(ctx, c), "td") for c in row[1:]]
        body.append(ctx.el("tr", "".join(cells)))
    table = ctx.el("table", ctx.el("caption", language_text(ctx, caption), "caption")
                   + "<thead>" + ctx.el("tr", cols) + "</thead>"
                   + "<tbody>" + "".join(body) + "</tbody>", "table")
    return ctx.el("div", table, "table-scroll", **_scroll_region(ctx, caption))


def _scroll_region(ctx: mk.Context, label: str) -> dict[str, str | None]:
    """A scrolling box may take keyboard focus on the page (the fragment's editors drop it)."""
    if ctx.lms:
        return {}
    return {"role": "region", "aria_label": label, "tabindex": "0"}


def image(node: Image, ctx: mk.Context) -> str:
    """An Image node: SVG (page) or data table (fragment) for a figure, else the PNG or its alt."""
    caption_html = inlines(ctx, node.caption) if node.caption else ""
    caption_text = plain_text(node.caption) if node.caption else ""
    fig = node.figure
    if fig is not None and ctx.lms:
        if fig.data:
            return data_table(ctx, fig, caption_text or fig.alt)
        return ctx.el("p", mk.text(fig.alt), "small")
    if fig is not None:
        title = caption_text or fig.alt.split(".")[0]
        # on a narrow screen the chart keeps a legible size and scrolls in its own box
        drawing = ctx.el("div", svg(ctx, fig, title), "chart-scroll", **_scroll_region(ctx, title))
        out = ctx.el("figure", drawing + (ctx.el("figcaption", caption_html, "caption")
                                          if caption_html else ""), "figure")
        if fig.data:
            summary = ctx.el("summary", mk.text(say(ctx, CHART_DATA)))
            out += ctx.el("details", summary + data_table(ctx, fig, caption_text or fig.alt),
                          "chart-data")
        return out
    if ctx.lms:  # a data: URL is not kept by LMS sanitizers; say what the picture shows
        return ctx.el("p", mk.text(node.alt), "small")
    src = "data:image/png;base64," + base64.b64encode(node.png).decode("ascii")
    img = f'<img src="{src}" alt="{mk.attr(node.alt)}" style="max-width:{_n(node.width_fraction * 100)}%">'
    return ctx.el("figure", img + (ctx.el("figcaption", caption_html, "caption")
                                   if caption_html else ""), "figure")
