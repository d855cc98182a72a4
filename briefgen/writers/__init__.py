"""One writer per output format, all behind the same interface, and THE table of formats.

A writer is a function ``(doc, setup, theme, scale) -> bytes`` (:class:`Writer`).
:data:`WRITERS` maps each format name to the module and function that write it;
the CLI's ``--format`` choices, the course manifest and the sheets all read
:data:`FORMATS` from here. Adding a format (say HTML) means one new package
``writers/html/`` and one line in :data:`WRITERS`; nothing else changes.
Writers are imported only when a document is rendered in their format, so
``briefgen --help`` imports neither reportlab nor python-docx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from briefgen.document.model import Document
    from briefgen.theme.model import PageSetup, Theme

WRITERS = {
    "pdf": ("briefgen.writers.pdf.document", "render_pdf"),
    "docx": ("briefgen.writers.docx.document", "render_docx"),
    "html": ("briefgen.writers.html.page", "render_html"),
    "lms": ("briefgen.writers.html.fragment", "render_lms"),
}
FORMATS = tuple(WRITERS)
"""Every output format, in the order they are written."""
DEFAULT_FORMATS = ("pdf", "docx")
"""What a sheet is written as when no format is asked for: the two handouts."""
SUFFIXES = {"lms": "lms.html"}
"""A format's file suffix where it is not the format's name (``csto-brief.lms.html``)."""


def suffix(fmt: str) -> str:
    """The file suffix (without the dot) of format ``fmt``."""
    return SUFFIXES.get(fmt, fmt)


class Writer(Protocol):
    """Render a document tree to one format's bytes at a type scale (1.0 = the theme's sizes)."""

    def __call__(self, doc: Document, setup: PageSetup, theme: Theme,
                 scale: float = 1.0) -> bytes:
        """The document's bytes in this writer's format."""


def writer_for(fmt: str) -> Writer:
    """The writer function of format ``fmt`` (one of :data:`FORMATS`), imported on first use."""
    module, func = WRITERS[fmt]
    return getattr(importlib.import_module(module), func)


def render(fmt: str, doc: Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> bytes:
    """Render ``doc`` in format ``fmt`` at the given type scale."""
    return writer_for(fmt)(doc, setup, theme, scale)


def as_of_line(doc: Document) -> str:
    """The header's right-hand text, "As of 2026-11-22" in the brief's language ("" if undated)."""
    from briefgen.i18n.sheet import as_of_label

    return as_of_label(doc.language, doc.as_of)

