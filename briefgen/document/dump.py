"""A plain-text dump of the document tree, for golden tests and debugging."""

from __future__ import annotations

from briefgen.document import model as m


def dump_inlines(inlines: list[m.Inline] | None) -> str:
    """Inline nodes as one line: ``**bold**``, ``*italic*``, ``[cite:a,b]``, ``⏎``."""
    out = []
    for node in inlines or ():
        if isinstance(node, m.Cite):
            out.append(f"[cite:{','.join(node.source_ids)}]")
        elif isinstance(node, m.LineBreak):
            out.append("⏎")
        else:
            text = node.text
            if node.code:
                text = f"`{text}`"
            if node.italic:
                text = f"*{text}*"
            if node.bold:
                text = f"**{text}**"
            if node.href:
                text = f"<{text}|{node.href}>"
            out.append(text)
    return "".join(out)


def dump_blocks(blocks: list[m.Block], indent: int = 0) -> list[str]:
    """Each block on its own line(s), children indented by two spaces."""
    pad = "  " * indent
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, m.Heading):
            lines.append(f"{pad}heading{b.level}: {dump_inlines(b.inlines)}")
        elif isinstance(b, m.Paragraph):
            role = f"[{b.role}]" if b.role else ""
            lines.append(f"{pad}para{role}: {dump_inlines(b.inlines)}")
        elif isinstance(b, m.ListBlock):
            lines.append(f"{pad}{'ordered' if b.ordered else 'bullets'}:")
            for item in b.items:
                lines.append(f"{pad}  - item")
                lines.extend(dump_blocks(item, indent + 2))
        elif isinstance(b, m.Table):
            marked = f" marked={sorted(b.marked_rows)}" if b.marked_rows else ""
            lines.append(f"{pad}table{marked}:")
            for row in b.header:
                lines.append(f"{pad}  th | " + " | ".join(dump_inlines(c.inlines) for c in row))
            for row in b.rows:
                lines.append(f"{pad}  td | " + " | ".join(dump_inlines(c.inlines) for c in row))
        elif isinstance(b, m.Box):
            lines.append(f"{pad}box[{b.kind}]: {dump_inlines(b.title)}")
            lines.extend(dump_blocks(b.children, indent + 1))
        elif isinstance(b, m.Quote):
            lines.append(f"{pad}quote: — {dump_inlines(b.attribution)}")
            lines.extend(dump_blocks(b.children, indent + 1))
        elif isinstance(b, m.Columns):
            lines.append(f"{pad}columns:")
            for col in b.columns:
                lines.append(f"{pad}  - column")
                lines.extend(dump_blocks(col, indent + 2))
        elif isinstance(b, m.Image):
            lines.append(f"{pad}image: {b.alt} ({len(b.png)} bytes png)")
        elif isinstance(b, m.Rule):
            lines.append(f"{pad}rule")
        elif isinstance(b, m.SourcesList):
            lines.append(f"{pad}sources: {b.title}")
    return lines


def dump_document(doc: m.Document) -> str:
    """The whole document: metadata lines, then the blocks."""
    head = [f"title: {doc.title}", f"language: {doc.language}", f"as_of: {doc.as_of}"]
    return "\n".join(head + dump_blocks(doc.blocks)) + "\n"
