"""Private-use markers that carry facts through Markdown untouched.

Templates never paste fact text into Markdown: each value becomes a numbered
marker (``\\ue000<n>\\ue001``) that Markdown treats as plain text, and the tree
builder swaps the literal text back in. So ``**``, ``<b>``, ``[^1]`` or ``{{``
inside a fact print as themselves. Citations travel the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LIT_OPEN, LIT_CLOSE = "\ue000", "\ue001"
CITE_OPEN, CITE_CLOSE = "\ue002", "\ue003"
MARK_ROW = "\ue004"

MARKER_RE = re.compile(
    f"{LIT_OPEN}(\\d+){LIT_CLOSE}|{CITE_OPEN}(\\d+){CITE_CLOSE}|{MARK_ROW}"
)
_ANY_MARKER_CHAR = re.compile("[\ue000-\ue004]")


@dataclass
class MarkedText:
    """Markdown with markers, plus the literal texts and citations they stand for."""

    markdown: str = ""
    literals: list[str] = field(default_factory=list)
    cites: list[tuple[str, ...]] = field(default_factory=list)

    def literal(self, text: str) -> str:
        """Record ``text`` and return the marker that stands for it."""
        # Users' text may not contain our own marker characters.
        text = _ANY_MARKER_CHAR.sub("\ufffd", text)
        self.literals.append(text)
        return f"{LIT_OPEN}{len(self.literals) - 1}{LIT_CLOSE}"

    def cite(self, source_ids: tuple[str, ...]) -> str:
        """Record a citation and return its marker ("" when there is nothing to cite)."""
        if not source_ids:
            return ""
        self.cites.append(tuple(source_ids))
        return f"{CITE_OPEN}{len(self.cites) - 1}{CITE_CLOSE}"
