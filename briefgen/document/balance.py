"""Balanced columns: side by side only when the columns hold text of similar length.

A ``columns`` block (the brief's key facts beside the clause text) reads well
when its columns end near the same height. When one column holds
:data:`STACK_RATIO` times the text of another (NATO's key facts beside the
whole of Article 5), the page would carry a tall column beside a short one
and an empty band under it; the writers then set the columns one after the
other at full width instead. Both writers ask :func:`stacked`, so PDF and DOCX
agree.
"""

from __future__ import annotations

from briefgen.document import model as m

STACK_RATIO = 2.5


def text_length(node) -> int:
    """Characters of run text inside a block or list of blocks, however deep (THE walk:
    :func:`briefgen.document.model.nodes`)."""
    return sum(len(n.text) for n in m.nodes(node) if isinstance(n, m.Run))


def stacked(columns: list[list[m.Block]]) -> bool:
    """True when the longest column holds STACK_RATIO × the text of the shortest (min 1)."""
    if len(columns) < 2:
        return False
    lengths = [max(text_length(col), 1) for col in columns]
    return max(lengths) >= STACK_RATIO * min(lengths)
