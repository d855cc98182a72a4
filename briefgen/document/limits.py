"""Limits on what one sheet may hold, checked before any layout.

A page cannot show a 300-column table, columns nested fifty deep or a list
of ten thousand items; reportlab would fail on a negative width or spend
minutes laying out pages that are refused anyway. Such a document is refused
at once with a message saying which limit it passes (docs/robustness.md).
"""

from __future__ import annotations

from briefgen.document import model as m
from briefgen.errors import InputError

MAX_TABLE_COLUMNS = 16
"""Columns one table may have (a comparison: the label column and 15 organisations)."""
MAX_NESTING = 6
"""Columns, boxes, quotes and lists inside one another, deepest."""
MAX_COLUMNS = 16
"""Side-by-side columns in one ``::: columns`` block."""
MAX_LIST_ITEMS = 1000
"""Items of one list."""
MAX_TABLE_ROWS = 200
"""Rows of one table (a one-page comparison has about ten; each row costs a cell wrap per
column at every page break)."""
MAX_BLOCK_CHARS = 50_000
"""Characters of one paragraph or table cell (a whole one-page sheet holds about 5,000)."""


def check_document_limits(doc: m.Document, what: str = "the sheet") -> None:
    """Raise :class:`InputError` naming the first limit ``doc`` passes (in reading order)."""
    from briefgen.document.model import walk

    for node, depth in walk(doc.blocks):
        if depth > MAX_NESTING:
            raise InputError(f"{what} nests columns, boxes, quotes or lists more than "
                             f"{MAX_NESTING} deep; simplify the template's layout")
        _check(node, what)


def _chars(inlines) -> int:
    return sum(len(getattr(i, "text", "") or "") for i in inlines or ())


def _check(node, what: str) -> None:
    """The limits of one node (its children are checked as the walk reaches them)."""
    if isinstance(node, m.Paragraph | m.Heading):
        _text(node.inlines, what, "a paragraph")
    elif isinstance(node, m.Cell):
        _text(node.inlines, what, "a table cell")
    elif isinstance(node, m.Table):
        widest = max((len(r) for r in node.header + node.rows), default=0)
        if widest > MAX_TABLE_COLUMNS:
            raise InputError(f"{what} has a table of {widest} columns; at most "
                             f"{MAX_TABLE_COLUMNS} fit a page (split the table or compare "
                             "fewer organisations)")
        if len(node.rows) > MAX_TABLE_ROWS:
            raise InputError(f"{what} has a table of {len(node.rows):,} rows; at most "
                             f"{MAX_TABLE_ROWS:,} are laid out")
    elif isinstance(node, m.ListBlock):
        if len(node.items) > MAX_LIST_ITEMS:
            raise InputError(f"{what} has a list of {len(node.items):,} items; at most "
                             f"{MAX_LIST_ITEMS:,} are laid out")
    elif isinstance(node, m.Columns):
        if len(node.columns) > MAX_COLUMNS:
            raise InputError(f"{what} sets {len(node.columns)} columns side by side; at "
                             f"most {MAX_COLUMNS}")


def _text(inlines, what: str, kind: str) -> None:
    n = _chars(inlines)
    if n > MAX_BLOCK_CHARS:
        raise InputError(f"{what} has {kind} of {n:,} characters; at most "
                         f"{MAX_BLOCK_CHARS:,} are laid out (a one-page sheet holds about 5,000)")
