"""Rules every writer shares about a tree's text: its plain text, and a table's column shares.

Each rule lives here once, so the PDF and the DOCX of a sheet agree (a table's
columns get the same proportions in both) and messages name blocks alike.
"""

from __future__ import annotations

from briefgen.document import model as m


def plain_text(inlines: list[m.Inline] | None) -> str:
    """The literal text of inline nodes, without citations (for labels, widths and messages)."""
    return "".join(n.text for n in inlines or () if isinstance(n, m.Run)).strip()


def column_shares(table: m.Table) -> list[float]:
    """Each column's share of the table's width (they add up to 1).

    The template's ``widths`` when it gives one per column; otherwise weights
    from the cell text: long prose columns get more room, no column is
    narrower than its longest word needs (about 1.6 characters a letter, bold
    labels included) nor than a quarter of an equal share.
    """
    rows = [*table.header, *table.rows]
    ncols = max((len(r) for r in rows), default=0)
    if not ncols:
        return []
    if table.widths and len(table.widths) == ncols and all(w > 0 for w in table.widths):
        total = sum(table.widths)
        return [w / total for w in table.widths]
    weights = []
    for j in range(ncols):
        texts = [plain_text(r[j].inlines) for r in rows if j < len(r)]
        lengths = [len(t) for t in texts] or [1]
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        mean = sum(lengths) / len(lengths)
        weights.append(max(mean * 0.7 + max(lengths) * 0.3, longest_word * 1.6, 4.0))
    total = sum(weights)
    shares = [max(w / total, 0.25 / ncols) for w in weights]
    return [s / sum(shares) for s in shares]


def column_words(table: m.Table) -> list[set[str]]:
    """The words of each column's cells (header included), for measuring the longest."""
    rows = [*table.header, *table.rows]
    ncols = max((len(r) for r in rows), default=0)
    return [{w for r in rows if j < len(r) for w in plain_text(r[j].inlines).split()}
            for j in range(ncols)]


def widen_for_words(widths: list[float], need: list[float]) -> list[float]:
    """Widen columns narrower than ``need`` (their longest word and padding), taking the room
    from the others in proportion to their spare width; unchanged when nothing is spare enough.

    A column never needs more than an equal share: a longer word must break anyway.
    """
    need = [min(n, sum(widths) / len(widths)) for n in need]
    short = sum(max(n - w, 0) for w, n in zip(widths, need, strict=True))
    if short <= 0:
        return widths
    spare = sum(max(w - n, 0) for w, n in zip(widths, need, strict=True))
    if spare <= short:
        return widths
    return [n if w < n else w - (w - n) * short / spare for w, n in zip(widths, need, strict=True)]
