"""What the writers need to know to tag a table for assistive technology.

Markdown has no row-header cells, so a comparison table's row labels (the
first column, set in bold: ``| **Obligation** | … |``) are recognised here, once
for every writer: a PDF tags them ``TH`` with ``/Scope /Row``, a DOCX marks the
table's first column as a header column.
"""

from __future__ import annotations

from briefgen.document import model as m


def is_row_label(cell: m.Cell) -> bool:
    """Whether a first-column body cell labels its row: a header cell, or text all in bold."""
    if cell.header:
        return True
    runs = [n for n in cell.inlines if isinstance(n, m.Run) and n.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def row_header_flags(table: m.Table) -> list[list[bool]]:
    """For every row (header rows first) and cell: whether it is a row header.

    Body cells marked ``header`` always are; in a table with a header row and
    two or more columns, so is a first-column cell that :func:`is_row_label`.
    """
    rows = [*table.header, *table.rows]
    ncols = max((len(r) for r in rows), default=0)
    labels = bool(table.header) and ncols > 1
    out = []
    for i, row in enumerate(rows):
        head = i < len(table.header)
        out.append([not head and (c.header or (j == 0 and labels and is_row_label(c)))
                    for j, c in enumerate(row)] + [False] * (ncols - len(row)))
    return out
