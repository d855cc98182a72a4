"""python-docx's internals behind named functions: the one module that touches them.

python-docx's proxies (``Paragraph``, ``Run``, ``Table``, ``_Cell``) keep
their OXML element in a private member; the DOCX writer edits those elements
for what python-docx has no API for (repeating header rows, shading, fields,
hyperlinks, list numbering, reproducible zips). Here, and only here
(``tests/adapters/test_adapters.py`` fails on a private name anywhere else), each
element is reached by a named function; the rest of the writer works on the
elements with python-docx's public ``oxml`` methods (``get_or_add_pPr`` …).
The tested range is pinned in pyproject; CI runs the writer tests at both ends.
"""

from __future__ import annotations


def paragraph_element(paragraph):
    """The ``w:p`` element of a python-docx ``Paragraph`` (``Paragraph._p``)."""
    return paragraph._p


def run_element(run):
    """The ``w:r`` element of a python-docx ``Run`` (``Run._r``)."""
    return run._r


def table_element(table):
    """The ``w:tbl`` element of a python-docx ``Table`` (``Table._tbl``)."""
    return table._tbl


def cell_element(cell):
    """The ``w:tc`` element of a python-docx table cell (``_Cell._tc``)."""
    return cell._tc


def cell_of(tc, table):
    """The python-docx cell for the ``w:tc`` element ``tc`` of ``table`` (``docx.table._Cell``).

    Made directly, without python-docx's slow walk of the table's grid.
    """
    from docx.table import _Cell

    return _Cell(tc, table)


def clear_body(word) -> None:
    """Remove everything from a document's body but its section properties (``_body._body``)."""
    word._body._body.clear_content()


def insert_numbering(p_pr, num_pr) -> None:
    """Put ``w:numPr`` into a ``w:pPr`` at its schema place, after keepNext/keepLines
    (the element class' generated ``_insert_numPr``)."""
    p_pr._insert_numPr(num_pr)


def set_part_blob(part, blob: bytes) -> None:
    """Replace the bytes of a package part that python-docx keeps as a blob (``Part._blob``)."""
    part._blob = blob


def content_types_xml(parts) -> bytes:
    """The ``[Content_Types].xml`` of a package with ``parts``, as python-docx writes it
    (``docx.opc.pkgwriter._ContentTypesItem``)."""
    from docx.opc.pkgwriter import _ContentTypesItem

    return _ContentTypesItem.from_parts(parts).blob
