"""One writer per output format, all with the same interface.

``render(fmt, doc, setup, theme, scale) -> bytes``. Adding a format means adding
a module and a line in :data:`WRITERS`; writers are imported only when used.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os

from briefgen.document.model import Document
from briefgen.errors import BriefgenError
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


def as_of_line(doc: Document) -> str:
    """The header's right-hand text, "As of 2026-11-22" in the brief's language ("" if undated)."""
    from briefgen.i18n.sheet import as_of_label

    return as_of_label(doc.language, doc.as_of)


EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
"""The earliest date a zip archive (a DOCX) can hold."""


def document_timestamp(as_of: dt.date | None = None) -> dt.datetime:
    """The instant stamped into a document's metadata, the same for every format.

    ``SOURCE_DATE_EPOCH`` when set, else the brief's as-of date (midnight UTC),
    else 1980-01-01; never the wall clock, so the same input gives the same bytes.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError) as exc:
            raise BriefgenError(
                f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds since "
                "1970-01-01; set it to e.g. $(git log -1 --format=%ct) or unset it."
            ) from exc
    if as_of is not None:
        return dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
    return EARLIEST
