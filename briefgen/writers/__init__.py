"""One writer per output format, all with the same interface.

``render(fmt, doc, setup, theme, scale) -> bytes``. Adding a format means adding
a module and a line in :data:`WRITERS`; writers are imported only when used.
"""

from __future__ import annotations

import importlib

from briefgen.document.model import Document
from briefgen.theme import PageSetup, Theme

WRITERS = {
    "pdf": ("briefgen.writers.pdf", "render_pdf"),
    "docx": ("briefgen.writers.docx", "render_docx"),
}
FORMATS = tuple(WRITERS)


def render(fmt: str, doc: Document, setup: PageSetup, theme: Theme, scale: float = 1.0) -> bytes:
    """Render ``doc`` in format ``fmt`` at the given type scale."""
    module, func = WRITERS[fmt]
    writer = getattr(importlib.import_module(module), func)
    return writer(doc, setup, theme, scale)
