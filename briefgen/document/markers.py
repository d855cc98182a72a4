"""Private-use markers that carry facts through Markdown untouched.

Templates never paste fact text into Markdown: each value becomes a numbered
marker (``\\ue000<n>\\ue001``) that Markdown treats as plain text, and the tree
builder swaps the literal text back in. So ``**``, ``<b>``, ``[^1]`` or ``{{``
inside a fact print as themselves. Citations travel the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

LIT_OPEN, LIT_CLOSE = "\ue000", "\ue001"
CITE_OPEN, CITE_CLOSE = "\ue002", "\ue003"
MARK_ROW = "\ue004"
FIG_OPEN, FIG_CLOSE = "\ue005", "\ue006"
FIGURE_RE = re.compile(f"\\s*{FIG_OPEN}(\\d+){FIG_CLOSE}\\s*")
"""A paragraph holding only this marker becomes an Image of ``MarkedText.figures[n]``."""

MARKER_RE = re.compile(
    f"{LIT_OPEN}(\\d+){LIT_CLOSE}|{CITE_OPEN}(\\d+){CITE_CLOSE}|{MARK_ROW}"
)
_ANY_MARKER_CHAR = re.compile("[\ue000-\ue006]")
# Bidi embeddings, overrides and isolates can reorder the text a reader sees.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> tuple[str, list[str]]:
    """Text safe for every writer: controls and bidi overrides removed, with what was removed.

    Tabs become spaces, newlines stay; other control characters (invalid in
    DOCX XML, invisible in PDF) and bidi embedding/override/isolate marks are
    dropped. Zero-width spaces and joiners and LRM/RLM marks are kept: they are
    legitimate in names written in Arabic, Hebrew or Indic scripts.
    """
    found: list[str] = []
    if "\t" in text:
        text = text.replace("\t", " ")

    def drop(match: re.Match) -> str:
        found.append(f"U+{ord(match.group()):04X}")
        return ""

    text = _BIDI_CONTROLS.sub(drop, text)
    if any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in text):
        kept = []
        for ch in text:
            if unicodedata.category(ch) == "Cc" and ch != "\n":
                found.append(f"U+{ord(ch):04X}")
            else:
                kept.append(ch)
        text = "".join(kept)
    return text, found


@dataclass
class MarkedText:
    """Markdown with markers, plus the literal texts and citations they stand for."""

    markdown: str = ""
    literals: list[str] = field(default_factory=list)
    cites: list[tuple[str, ...]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra_sources: dict = field(default_factory=dict)  # sources of other files a template used
    figures: list = field(default_factory=list)  # m.Image nodes drawn by template globals

    def literal(self, text: str) -> str:
        """Record ``text`` and return the marker that stands for it."""
        # Users' text may not contain our own marker characters.
        text = _ANY_MARKER_CHAR.sub("\ufffd", text)
        text, removed = clean_text(text)
        if removed:
            sample = " ".join(text.split())[:40]
            self.warnings.append(f"removed control characters {', '.join(sorted(set(removed)))} "
                                 f"from the text “{sample}…”")
        self.literals.append(text)
        return f"{LIT_OPEN}{len(self.literals) - 1}{LIT_CLOSE}"

    def cite(self, source_ids: tuple[str, ...]) -> str:
        """Record a citation and return its marker ("" when there is nothing to cite).

        Every source is kept: a sheet never hides which document supports a claim.
        """
        if not source_ids:
            return ""
        self.cites.append(tuple(source_ids))
        return f"{CITE_OPEN}{len(self.cites) - 1}{CITE_CLOSE}"

    def figure(self, image) -> str:
        """Record a figure (an ``Image`` node) and return its marker, a paragraph of its own."""
        self.figures.append(image)
        return f"\n\n{FIG_OPEN}{len(self.figures) - 1}{FIG_CLOSE}\n\n"
