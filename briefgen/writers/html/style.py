"""The look of the HTML from the theme: a style sheet for the page, inline styles for the fragment.

Colours are the theme's. The page also has a dark scheme, derived here: the
theme's accent lightened until it reads at 4.5:1 (WCAG AA) on the dark page
and in the dark key-facts panel, the panel and marked rows darkened tints of
their light colours. Print always uses the light colours and the PDF's page
size, margins and type size.
"""

from __future__ import annotations

from briefgen.theme.model import NOTE_FLOOR_PT, PageSetup, Theme

FAMILIES = {"notosans": "Noto Sans", "firago": "FiraGO", "ubuntu": "Ubuntu"}
FALLBACK = ('"Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", '
            "system-ui, sans-serif")
DARK_BG = "#121212"
DARK_TEXT = "#E6E6E6"
DARK_MUTED = "#B3B3B3"
GRID = "#BFBFBF"
PRINT_SLACK = 0.95
"""A browser sets text a little looser than the PDF writer (no hyphenation, its own line
breaking): printed type is this much smaller than the fit's, so the page count holds."""


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, share_of_a: float) -> str:
    """``share_of_a`` of colour ``a`` and the rest of ``b``."""
    return _hex(x * share_of_a + y * (1 - share_of_a) for x, y in zip(_rgb(a), _rgb(b), strict=True))


def readable_on(colour: str, *backgrounds: str, toward: str = "#FFFFFF", ratio: float = 4.5) -> str:
    """``colour`` mixed toward ``toward`` in small steps until it reads at ``ratio`` on each background."""
    for step in range(21):
        c = mix(toward, colour, step / 20)
        if all(contrast(c, bg) >= ratio for bg in backgrounds):
            return c
    return toward


def font_stack(theme: Theme) -> str:
    """The CSS font family: the PDF's family (when it is a known one), the DOCX's, then
    fonts every system has (nothing is downloaded: the page loads no font)."""
    from briefgen.writers import font_of

    name = FAMILIES.get(font_of("pdf", theme).strip().lower())
    word = font_of("docx", theme).replace('"', "")
    first = f'"{name}", ' if name else ""
    second = f'"{word}", ' if word and word != name else ""
    return first + second + FALLBACK


def _palette(theme: Theme, dark: bool) -> dict[str, str]:
    if not dark:
        return {"bg": "#FFFFFF", "text": theme.text, "muted": theme.muted, "accent": theme.accent,
                "panel": theme.accent_light, "mark": theme.mark_fill, "grid": GRID,
                "focus": theme.accent}
    panel = mix(theme.accent, DARK_BG, 0.3)
    mark = mix(theme.mark_fill, DARK_BG, 0.22)
    accent = readable_on(theme.accent, DARK_BG, panel, mark)
    return {"bg": DARK_BG, "text": readable_on(DARK_TEXT, panel, mark, ratio=7),
            "muted": readable_on(DARK_MUTED, DARK_BG, panel, mark), "accent": accent,
            "panel": panel, "mark": mark, "grid": "#5A5A5A", "focus": accent}


def _vars(p: dict[str, str]) -> str:
    return ";".join(f"--{k}:{v}" for k, v in p.items())


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string: quotes, backslashes, ``<`` and ``>`` (so no text can end
    the ``style`` element) and control characters escaped as CSS hex escapes."""
    out = []
    for ch in value:
        if ch in '\\"<>' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):X} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def margin_boxes(header: str, as_of: str, footer: str, page_parts: list[str],
                 font: str = "sans-serif") -> str:
    """The printed page's running header and footer, as the PDF has them, in the page margins."""
    number = " ".join("counter(page)" if p == "page" else "counter(pages)" if p == "total"
                      else css_string(p) for p in page_parts)
    boxes = [("top-left", css_string(header)), ("top-right", css_string(as_of)),
             ("bottom-left", css_string(footer)), ("bottom-right", number)]
    return "".join(f"@{where}{{content:{content};font-family:{font};font-size:7pt;color:#595959}}"
                   for where, content in boxes if content and content != '""')


def stylesheet(theme: Theme, setup: PageSetup, scale: float, margins: str = "",
               source_columns: int = 2) -> str:
    """The page's style sheet: screen (light and dark), narrow screens and print.

    ``margins`` (:func:`margin_boxes`) prints the running header and footer in the page
    margins, as the PDF does, instead of in the flow; ``source_columns`` is how many columns
    the printed Sources list takes (the PDF's count, :func:`print_source_columns`).
    """
    w, h = setup.size_mm
    scale = max(scale * PRINT_SLACK, theme.min_scale)  # never below the readability floor
    base = theme.base_size * scale
    small = max(theme.small_size * scale, min(theme.small_size, NOTE_FLOOR_PT))
    return f"""
:root{{color-scheme:light dark;{_vars(_palette(theme, False))}}}
@media (prefers-color-scheme:dark){{:root{{{_vars(_palette(theme, True))}}}}}
*,*::before,*::after{{box-sizing:border-box}}
html{{background:var(--bg);color:var(--text)}}
body{{margin:0;font-family:{font_stack(theme)};font-size:1rem;line-height:1.5}}
.sheet{{max-width:56rem;margin:0 auto;padding:1rem}}
.running{{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 1rem;color:var(--muted);
 font-size:.875rem;border-bottom:2px solid var(--accent);padding-bottom:.25rem}}
.running p,.foot p{{margin:0}}
.banner{{flex-basis:100%;text-align:center;font-weight:bold;letter-spacing:.08em;color:var(--text)}}
h1,h2,h3{{color:var(--accent);line-height:1.25;margin:1.25rem 0 .5rem}}
h1{{font-size:1.75rem;margin-top:.75rem}}
h2{{font-size:1.3rem}}
h3{{font-size:1.1rem}}
p{{margin:.5rem 0}}
.lead{{font-size:1.1rem;color:var(--muted)}}
.small,.caption{{font-size:.875rem}}
.columns{{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));gap:1rem;align-items:start}}
.keyfacts{{background:var(--panel);padding:.25rem 1rem;border-radius:4px}}
.keyfacts h2,.keyfacts h3{{margin-top:.5rem}}
.note{{border-left:4px solid var(--accent);padding-left:1rem}}
ul,ol{{padding-left:1.5rem}}
li{{margin:.25rem 0}}
figure{{margin:1rem 0}}
.quote{{border-left:4px solid var(--accent);padding-left:1rem}}
blockquote{{margin:0;font-style:italic}}
.attribution{{color:var(--muted);font-size:.9rem}}
.table-scroll{{overflow-x:auto;margin:1rem 0}}
table{{border-collapse:collapse;width:100%;font-size:.9rem}}
caption{{text-align:left;font-weight:bold;padding:.25rem 0}}
th,td{{border:1px solid var(--grid);padding:.35rem .5rem;vertical-align:top;text-align:left}}
.table-scroll th,.table-scroll td{{min-width:8rem}}
thead th{{background:var(--panel)}}
tr.marked>*{{background:var(--mark)}}
a{{color:var(--accent);text-underline-offset:2px}}
a:focus-visible,.table-scroll:focus-visible,.chart-scroll:focus-visible,summary:focus-visible{{
 outline:3px solid var(--focus);outline-offset:2px}}
.cite{{font-size:.8em;white-space:nowrap}}
.sources{{font-size:.875rem;padding-left:2rem}}
.sources li{{overflow-wrap:anywhere}}

.visually-hidden{{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;
 clip:rect(0 0 0 0);white-space:nowrap;border:0}}
.chart-scroll{{overflow-x:auto}}
svg.chart{{display:block;width:100%;min-width:36rem;height:auto}}
details{{margin:.5rem 0}}
summary{{cursor:pointer;color:var(--accent)}}
.foot{{border-top:1px solid var(--accent);margin-top:1.5rem;padding-top:.25rem;color:var(--muted);
 font-size:.8rem}}
@media print{{
@page{{size:{w:g}mm {h:g}mm;margin:{theme.margin_mm:g}mm;{margins}}}
{".running>p:not(.banner),.foot>p:not(.banner){display:none}" if margins else ""}
:root{{{_vars(_palette(theme, False))}}}
html{{background:#FFFFFF}}
body{{font-size:{base:.2f}pt;line-height:{theme.leading:g};hyphens:auto}}
.sheet{{max-width:none;padding:0}}
h1{{font-size:{theme.title_size * scale:.2f}pt;margin:0 0 .3em}}
h2{{font-size:{theme.h2_size * scale:.2f}pt;margin:.45em 0 .1em}}
h3{{font-size:{theme.h3_size * scale:.2f}pt;margin:.4em 0 .1em}}
p,figure{{margin:.15em 0}}
.small,.caption,.sources,.foot,.running,.attribution{{font-size:{small:.2f}pt}}
.lead{{font-size:{base * 1.1:.2f}pt}}
.table-scroll,.chart-scroll{{overflow:visible}}
svg.chart{{min-width:0}}
.columns{{grid-template-columns:none;grid-auto-flow:column;grid-auto-columns:1fr;gap:4mm}}
.keyfacts{{padding:.1em .6em}}
ul,ol{{margin:.2em 0;padding-left:1.2em}}
li{{margin:0}}
.sources{{column-count:{source_columns};column-gap:5mm;padding-left:1.6em;line-height:1.2}}
.sources li{{break-inside:avoid}}
figure{{margin:.3em 0}}
.running,.foot{{margin:0;padding:0}}
th,td{{padding:.15em .35em}}
.table-scroll th,.table-scroll td{{min-width:0}}
.table-scroll{{margin:.3em 0}}
.quote{{padding-left:.6em}}
table{{font-size:{base * 0.9:.2f}pt}}
.chart-data{{display:none}}
a{{color:var(--text);text-decoration:none}}
.sources a{{color:var(--accent)}}
h1,h2,h3{{break-after:avoid}}
tr,li,figure{{break-inside:avoid}}
}}
""".strip()


def inline_styles(theme: Theme) -> dict[str, str]:
    """Class name → the inline style the fragment gives it (only properties LMS sanitizers keep)."""
    cell = f"border:1px solid {GRID};padding:0.35em 0.5em;vertical-align:top;text-align:left"
    heading = f"color:{theme.accent}"
    return {
        "h1": heading, "h2": heading, "h3": heading,
        "lead": f"font-size:1.1em;color:{theme.muted}",
        "small": "font-size:0.875em", "caption": "font-size:0.875em",
        "keyfacts": f"background:{theme.accent_light};padding:0.25em 1em;margin:1em 0",
        "note": f"border-left:4px solid {theme.accent};padding-left:1em",
        "quote": f"border-left:4px solid {theme.accent};padding-left:1em;margin:1em 0",
        "blockquote": "margin:0;font-style:italic",
        "attribution": f"color:{theme.muted};font-size:0.9em",
        "table-scroll": "overflow-x:auto;margin:1em 0",
        "table": "border-collapse:collapse;width:100%",
        "th": f"{cell};background:{theme.accent_light}",
        "th-row": cell, "td": cell,
        "marked": f"background:{theme.mark_fill}",
        "visually-hidden": ("position:absolute;left:-10000px;top:auto;width:1px;height:1px;"
                            "overflow:hidden"),
        "cite": "white-space:nowrap;font-size:0.8em",
        "sources": "font-size:0.875em",
        "banner": "text-align:center;letter-spacing:0.08em",
        "running": f"color:{theme.muted};font-size:0.8em",
        "foot": f"color:{theme.muted};font-size:0.8em;border-top:1px solid {theme.accent}",
    }


def print_source_columns(doc, theme: Theme, setup: PageSetup, scale: float) -> int:
    """How many columns the printed Sources list takes: as many as the PDF's."""
    from briefgen.document.sources import column_count, source_entries

    width_pt = (setup.size_mm[0] - 2 * theme.margin_mm) * 72 / 25.4
    small = max(theme.small_size * scale, min(theme.small_size, NOTE_FLOOR_PT))
    return max(1, column_count(source_entries(doc), width_pt, small))
