"""THE table of output formats: everything the rest of briefgen may know about a format.

Each :class:`Format` row owns its name, file suffix, whether it is paged (laid
out on the fit's pages, so it takes the fit's type scale) and how its scale
derives from the fit, the theme key that names its font and the default font,
and its writer (a function ``(doc, setup, theme, scale) -> bytes``, imported
only when a document is rendered in that format, so ``briefgen --help`` imports
neither reportlab nor python-docx).

Nothing outside ``writers/`` branches on a format's name: the CLI's
``--format`` choices, the course manifest, the JSON Schemas and the sheets read
this table (:func:`format_names`, :func:`get_format`) and render through
:func:`render_formats`.

Adding a format in-tree is one package ``writers/NAME/`` and one row in
:data:`BUILTIN`; a format from another package arrives through the
``briefgen.formats`` entry point (:mod:`briefgen.writers.plugins`, see
docs/architecture.md).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from briefgen.document.model import Document
    from briefgen.theme.model import PageSetup, Theme
    from briefgen.writers.pdf.fit import Fitted


class Writer(Protocol):
    """Render a document tree to one format's bytes at a type scale (1.0 = the theme's sizes)."""

    def __call__(self, doc: Document, setup: PageSetup, theme: Theme,
                 scale: float = 1.0) -> bytes:
        """The document's bytes in this writer's format."""


def same_scale(fitted: Fitted, theme: Theme) -> float:
    """The fit's scale as it is: for a writer laid out by the fit's own engine."""
    return fitted.scale


def with_headroom(fitted: Fitted, theme: Theme, headroom: float = 0.04) -> float:
    """The fit's scale for a writer whose layout engine is not ours (Word, LibreOffice).

    When the fitted page is nearly full (``fill`` above ``1 - 2 × headroom``;
    height shrinks about twice as fast as the scale), the scale is lowered by
    ``headroom``, never below ``theme.min_scale``; otherwise it is kept.
    """
    if fitted.fill <= 1.0 - 2 * headroom:
        return fitted.scale
    return max(theme.min_scale, round(fitted.scale - headroom, 4))


@dataclass(frozen=True)
class Format:
    """One output format: a row of the table.

    ``writer`` is ``"module:function"`` (imported on first use) or the render
    callable itself (a plugin's). ``paged`` formats are laid out on pages and
    take the fit's scale through ``scale_rule``; others are rendered at 1.0.
    ``font_key`` is the theme-file key naming this format's font
    (``theme.fonts[name]``), ``default_font`` the font without one.
    ``default`` formats are written when no ``--format`` is given.
    ``origin`` names where the row came from: ``briefgen`` or a plugin's
    entry point (for messages).
    """

    name: str
    suffix: str
    paged: bool
    writer: str | Callable
    font_key: str | None = None
    default_font: str = ""
    scale_rule: Callable[[Fitted, Theme], float] = same_scale
    default: bool = False
    origin: str = "briefgen"
    help: str = field(default="", compare=False)
    scrolls: bool = False
    """Read on a screen that scrolls (the HTML page): it shows every item even where the
    printed formats leave some out to fit their pages (:mod:`briefgen.sheets.cuts`)."""

    @property
    def cuts_to_fit(self) -> bool:
        """Whether this format leaves items out when its page cannot hold them (PDF, DOCX)."""
        return self.paged and not self.scrolls

    def has_room(self, fitted: Fitted, theme: Theme) -> bool:
        """Whether the fit leaves this format the room its layout needs.

        A format laid out by another engine (``with_headroom``: DOCX in Word or
        LibreOffice) has none when the fit is nearly full (above 92 %) at the
        smallest type; every other format always has.
        """
        return not (self.scale_rule is with_headroom and fitted.scale <= theme.min_scale
                    and fitted.fill > 0.92)

    def font(self, theme: Theme) -> str:
        """The font this format sets the sheet in under ``theme``."""
        return theme.fonts.get(self.name) or self.default_font

    def scale_for(self, fitted: Fitted | None, theme: Theme) -> float:
        """The type scale to render at, from the fit (1.0 when unpaged or not fitted)."""
        if not self.paged or fitted is None:
            return 1.0
        return self.scale_rule(fitted, theme)

    def warm_up(self, theme: Theme) -> None:
        """Import the writer and let it load what it needs for ``theme`` (a batch worker's start).

        A writer module may define ``warm_up(font)`` (the PDF writer registers the font).
        """
        if isinstance(self.writer, str):
            module = importlib.import_module(self.writer.split(":")[0])
            hook = getattr(module, "warm_up", None)
            if hook is not None:
                hook(self.font(theme))

    def render(self, doc: Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> bytes:
        """Render ``doc`` in this format at the given type scale."""
        writer = self.writer
        if isinstance(writer, str):
            module, func = writer.split(":")
            writer = getattr(importlib.import_module(module), func)
        return writer(doc, setup, theme, scale)


BUILTIN: tuple[Format, ...] = (
    Format("pdf", "pdf", paged=True, writer="briefgen.writers.pdf.document:render_pdf",
           font_key="pdf_font", default_font="notosans", scale_rule=same_scale, default=True,
           help="print-ready, tagged PDF (the fit lays it out)"),
    Format("docx", "docx", paged=True, writer="briefgen.writers.docx.document:render_docx",
           font_key="docx_font", default_font="Arial", scale_rule=with_headroom, default=True,
           help="Word document (Word and LibreOffice lay it out, with headroom)"),
    # The page's print style sheet sets the fit's paper, margins and type scale, so the
    # page prints on the PDF's pages: it is paged. The LMS fragment is not.
    Format("html", "html", paged=True, writer="briefgen.writers.html.page:render_html",
           scale_rule=same_scale, scrolls=True, help="accessible web page, self-contained (html/page.py)"),
    Format("lms", "lms.html", paged=False, writer="briefgen.writers.html.fragment:render_lms",
           help="HTML fragment an LMS page editor (Canvas, Moodle) keeps as it is"),
)
"""The formats briefgen brings, in the order they are written."""

LAYOUT_FORMAT = "pdf"
"""The format whose writer lays the pages out: the fit measures and builds it."""

WEB_FORMAT = "html"
"""The format of a sheet's online version (the page a printed sheet's QR code leads to)."""

LMS_FORMAT = "lms"
"""The format of a sheet as a learning management system's page (what a cartridge carries)."""


def web_page_name(stem: str) -> str:
    """The file name of a sheet's web page: ``csto-brief.html`` of ``csto-brief``."""
    return f"{stem}.{get_format(WEB_FORMAT).suffix}"


DEFAULT_FORMATS: tuple[str, ...] = tuple(f.name for f in BUILTIN if f.default)
"""The formats written when none is asked for."""


def builtin_names() -> tuple[str, ...]:
    """The in-tree formats' names (what the shipped JSON Schemas list)."""
    return tuple(f.name for f in BUILTIN)


def all_formats() -> dict[str, Format]:
    """Every format by name: the in-tree ones, then installed plugins'."""
    from briefgen.writers.plugins import plugin_formats

    table = {f.name: f for f in BUILTIN}
    for fmt in plugin_formats():
        table.setdefault(fmt.name, fmt)
    return table


def format_names() -> tuple[str, ...]:
    """Every format's name, in-tree first (the ``--format`` choices, the manifest's)."""
    return tuple(all_formats())


def default_formats() -> tuple[str, ...]:
    """The formats written when none is asked for."""
    return DEFAULT_FORMATS


def get_format(name: str) -> Format:
    """The table row of format ``name`` (an in-tree format or an installed plugin's)."""
    for fmt in BUILTIN:
        if fmt.name == name:
            return fmt
    table = all_formats()
    if name not in table:
        from briefgen.errors import UsageError

        raise UsageError(f"unknown output format '{name}': use one of {', '.join(table)}")
    return table[name]


def font_of(name: str, theme: Theme) -> str:
    """The font format ``name`` sets a sheet in under ``theme`` (its row's theme key or default)."""
    return get_format(name).font(theme)


def render(fmt: str, doc: Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> bytes:
    """Render ``doc`` in format ``fmt`` at the given type scale."""
    return get_format(fmt).render(doc, setup, theme, scale)


@dataclass
class Rendered:
    """Every asked-for format's bytes, and the fit they were scaled from (None if unpaged)."""

    data: dict[Format, bytes]
    fitted: Fitted | None


def render_formats(doc: Document, setup: PageSetup, theme: Theme, formats: tuple[str, ...],
                   warnings: list[str] | None = None,
                   start_scale: float | None = None,
                   accept: Callable[[Fitted], None] | None = None) -> Rendered:
    """Fit ``doc`` to its pages (when a paged format is asked for) and render every format.

    The layout format's bytes are the fit's own build; every other paged format
    renders at the scale its row derives from the fit. Raises
    :class:`~briefgen.errors.PageOverflowError` when the sheet does not fit.
    ``start_scale``: where the fit measures first (a retry after an overflow).
    ``accept`` is called with the fit before any other format renders (it may raise,
    to refuse the fit without paying for the other formats).
    """
    rows = [get_format(name) for name in formats]
    fitted = None
    if any(f.paged for f in rows):
        fitted = fit_pages(doc, setup, theme, warnings, start_scale)
        if accept is not None:
            accept(fitted)
    return Rendered({fmt: render_fitted(fmt, doc, setup, theme, fitted) for fmt in rows}, fitted)


def fit_pages(doc: Document, setup: PageSetup, theme: Theme, warnings: list[str] | None = None,
              start_scale: float | None = None) -> Fitted:
    """Fit ``doc`` to ``setup.pages`` pages at the largest type that fits (the layout format's
    fit, which also builds its bytes); raises :class:`~briefgen.errors.PageOverflowError`."""
    from briefgen.writers.pdf import layout

    return layout(doc, setup, theme, warnings=warnings, start=start_scale)


def render_fitted(fmt: Format, doc: Document, setup: PageSetup, theme: Theme,
                  fitted: Fitted | None) -> bytes:
    """``doc`` in format ``fmt`` at the scale its row derives from ``fitted`` (the layout
    format's bytes are the fit's own build). ``fitted`` None: a paged format takes the
    smallest type (a page that shows more than the fit could hold), an unpaged one 1.0."""
    if fitted is None:
        return _render_guarded(fmt, doc, setup, theme, theme.min_scale if fmt.paged else 1.0)
    if fmt.name == LAYOUT_FORMAT:
        return fitted.pdf
    return _render_guarded(fmt, doc, setup, theme, fmt.scale_for(fitted, theme))


def _render_guarded(fmt: Format, doc, setup, theme, scale: float) -> bytes:
    """Render with ``fmt``; a plugin's failure is a clear error naming the plugin."""
    if fmt.origin == "briefgen":
        return fmt.render(doc, setup, theme, scale)
    from briefgen.writers.plugins import plugin_render

    return plugin_render(fmt, doc, setup, theme, scale)


def as_of_line(doc: Document) -> str:
    """The header's right-hand text, "As of 2026-11-22" in the brief's language ("" if undated)."""
    from briefgen.i18n.sheet import as_of_label

    return as_of_label(doc.language, doc.as_of)
