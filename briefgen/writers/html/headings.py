"""Heading levels in HTML: none skipped, whatever levels the tree uses.

Each tree heading is placed one level below the nearest heading above it of a
higher tree level (so "# Title" then "### A" and "### B" become h1, h2, h2), and
a box's title one below its section. The fragment adds one to every level (the
LMS page's own title is its ``h1``). The block handlers and the Sources list
(:mod:`.blocks`, :mod:`.sources`) place their headings through these two.
"""

from __future__ import annotations

from briefgen.writers.html import markup as mk


def heading_level(ctx: mk.Context, tree_level: int) -> int:
    """The level (1-6, before the fragment's shift) a tree heading of ``tree_level`` gets."""
    while ctx.stack and ctx.stack[-1][0] >= tree_level:
        ctx.stack.pop()
    level = ctx.stack[-1][1] + 1 if ctx.stack else 1
    ctx.stack.append((tree_level, level))
    return level


def heading(ctx: mk.Context, level: int, body: str, hid: str | None = None) -> str:
    """``<hN>`` at ``level`` plus the flavour's shift, never deeper than h6."""
    n = min(6, level + ctx.shift)
    ctx.last_heading_id = hid = hid or ctx.new_id("h")
    return ctx.el(f"h{n}", body, f"h{min(3, level)}", id=hid)
