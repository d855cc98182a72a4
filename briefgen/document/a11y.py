"""What the writers need to know to tag a table for assistive technology.

Markdown has no row-header cells, so a comparison table's row labels (the
first column, set in bold: ``| **Obligation** | … |``) are recognised here, once
for every writer: a PDF tags them ``TH`` with ``/Scope /Row``, a DOCX marks the
table's first column as a header column.
"""

from __future__ import annotations

from briefgen.document import model as m


def is_row_label(cell: m.Cell) -> bool:
    """Whether a first-column body cell labels its row: a header cell, or one that opens in bold.

    The label is the bold text the cell begins with; what follows it (a note
    reference ``[a]``, a citation, the words marking a row that differs) belongs
    to the label and does not make the cell a data cell.
    """
    if cell.header:
        return True
    first = next((n for n in cell.inlines
                  if not (isinstance(n, m.Run) and not n.text.strip())), None)
    return isinstance(first, m.Run) and first.bold


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


def tables_in(blocks: list[m.Block]) -> list[m.Table]:
    """Every table in ``blocks``, at any depth (in boxes, quotes, lists and columns), in
    reading order: THE walk (:func:`briefgen.document.model.nodes`)."""
    return [n for n in m.nodes(blocks) if isinstance(n, m.Table)]


def say_marked_rows(blocks: list[m.Block], marker: str) -> None:
    """Add ``marker`` (a "Δ", in the sheet's language) to the label of every marked row, so
    the row says in text what its shading shows (WCAG 1.4.1, 1.3.1).

    The words go into the tree, so every writer prints them and a screen reader
    reads them with the row's header cell.
    """
    for table in tables_in(blocks):
        for r in table.marked_rows:
            if 0 <= r < len(table.rows) and table.rows[r]:
                cell = table.rows[r][0]
                cell.inlines = [*cell.inlines, m.Run(f"\u00a0{marker}", bold=True)]


def _headings(blocks: list[m.Block]) -> list[m.Heading]:
    return [n for n in m.nodes(blocks) if isinstance(n, m.Heading)]


def outline_levels(blocks: list[m.Block]) -> None:
    """Renumber heading levels (in place) so that none is skipped and siblings share one.

    A template that goes ``#`` then ``###`` (twice, for two side-by-side lists)
    gets levels 1, 2, 2: each heading is one below the nearest earlier heading
    of a smaller Markdown level, so every writer (PDF ``H1``–``H6``, DOCX
    heading styles) sees the same outline. A sheet without a ``#`` heading
    starts at level 2 below the title the writers print.
    """
    stack: list[tuple[int, int]] = [(1, 1)]  # (Markdown level, outline level); the title is H1
    for h in _headings(blocks):
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        level = stack[-1][1] + 1 if stack else 1
        stack.append((h.level, level))
        h.level = level
