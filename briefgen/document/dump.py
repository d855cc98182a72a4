"""A plain-text dump of the document tree, for golden tests and debugging.

It reads the tree through THE walker (:func:`briefgen.document.model.walk`,
with ``groups=True`` so it sees each list item, column and table row start):
one line per block from :data:`BLOCK_LINES`, a line per group from
:data:`GROUP_LINES`, inline content in its block's line (:data:`INLINE_TEXT`).
The tables are keyed by node class, as the writers' handler tables are.
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen.document import model as m

_MARKS = {"code": "`{}`", "italic": "*{}*", "bold": "**{}**"}


def _run(node: m.Run) -> str:
    text = m.emphasised(node, node.text, _MARKS)
    if node.href:
        text = f"<{text}|{node.href}>"
    return text


INLINE_TEXT: dict[type, Callable[[object], str]] = {
    m.Run: _run,
    m.Cite: lambda node: f"[cite:{','.join(node.source_ids)}]",
    m.LineBreak: lambda node: "⏎",
}
"""Inline node class → its text in a dump line."""


def dump_inlines(inlines: list[m.Inline] | None) -> str:
    """Inline nodes as one line: ``**bold**``, ``*italic*``, ``[cite:a,b]``, ``⏎``."""
    return "".join(INLINE_TEXT[type(node)](node) for node in inlines or ())


def _table(b: m.Table) -> str:
    marked = f" marked={sorted(b.marked_rows)}" if b.marked_rows else ""
    return f"table{marked}:"


BLOCK_LINES: dict[type, Callable[[object], str]] = {
    m.Heading: lambda b: f"heading{b.level}: {dump_inlines(b.inlines)}",
    m.Paragraph: lambda b: f"para{f'[{b.role}]' if b.role else ''}: {dump_inlines(b.inlines)}",
    m.ListBlock: lambda b: "ordered:" if b.ordered else "bullets:",
    m.Table: _table,
    m.Box: lambda b: f"box[{b.kind}]: {dump_inlines(b.title)}",
    m.Quote: lambda b: f"quote: — {dump_inlines(b.attribution)}",
    m.Columns: lambda b: "columns:",
    m.Image: lambda b: f"image: {b.alt} ({len(b.png)} bytes png)",
    m.Rule: lambda b: "rule",
    m.SourcesList: lambda b: f"sources: {b.title}",
}
"""Block node class → its dump line (without indentation)."""

GROUP_LINES: dict[str, Callable[[list], str]] = {
    "items": lambda nodes: "- item",
    "columns": lambda nodes: "- column",
    "header": lambda cells: "th | " + " | ".join(dump_inlines(c.inlines) for c in cells),
    "rows": lambda cells: "td | " + " | ".join(dump_inlines(c.inlines) for c in cells),
}
"""A group's field (a list item, a column, a table row) → its dump line."""

_CHILD_INDENT = {m.ListBlock: 2, m.Columns: 2, m.Box: 1, m.Quote: 1}
"""How much deeper a container's blocks are indented (an item's under its ``- item``)."""


def dump_blocks(blocks: list[m.Block], indent: int = 0) -> list[str]:
    """Each block on its own line(s), children indented by two spaces."""
    lines: list[str] = []
    at: dict[int, int] = {1: indent}  # depth → the indentation of blocks at that depth
    for node, depth in m.walk(blocks, groups=True):
        if isinstance(node, m.Group):
            lines.append("  " * (at[depth] + 1) + GROUP_LINES[node.of](node.nodes))
        elif isinstance(node, m.BLOCKS):
            line = BLOCK_LINES.get(type(node))
            if line is None:
                raise TypeError(f"the dump has no line for {type(node).__name__}")
            lines.append("  " * at[depth] + line(node))
            at[depth + 1] = at[depth] + _CHILD_INDENT.get(type(node), 1)
    return lines


def dump_document(doc: m.Document) -> str:
    """The whole document: metadata lines, then the blocks."""
    head = [f"title: {doc.title}", f"language: {doc.language}", f"as_of: {doc.as_of}"]
    return "\n".join(head + dump_blocks(doc.blocks)) + "\n"
