"""pypdf's internals behind named functions: the one module that touches them.

The course pack merges the sheets' PDFs and writes one structure tree over
them; it adds indirect objects and edits the catalogue of a ``PdfWriter``,
through private members that pypdf's own writer uses (the tested range is
pinned in pyproject; CI runs the pack tests at both ends of it).
"""

from __future__ import annotations


def add_object(writer, obj):
    """Add ``obj`` to ``writer`` as an indirect object; its reference (``_add_object``)."""
    return writer._add_object(obj)


def document_catalog(writer):
    """The document catalogue (``/Root``) of ``writer``, to edit in place (``_root_object``)."""
    return writer._root_object
