"""Private-use markers that carry facts through Markdown untouched.

Templates never paste fact text into Markdown: each value becomes a numbered
marker (``\\ue000<n>\\ue001``) that Markdown treats as plain text, and the tree
builder swaps the literal text back in. So ``**``, ``<b>``, ``[^1]`` or ``{{``
inside a fact print as themselves. Citations travel the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefgen.printable import clean_text  # the one rule for printed strings

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
@dataclass
class MarkedText:
    """Markdown with markers, plus the literal texts and citations they stand for."""

    markdown: str = ""
    literals: list[str] = field(default_factory=list)
    cites: list[tuple[str, ...]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra_sources: dict = field(default_factory=dict)  # sources of other files a template used
    figures: list = field(default_factory=list)  # m.Image nodes drawn by template globals
    origins: list = field(default_factory=list)  # per literal: "file:line" of its fact, or None
    languages: list = field(default_factory=list)  # per literal: its fact's language:, or None
    template: str | None = None  # the template file rendered (named by warnings without a fact)

    def literal(self, text: str, where: str | None = None, lang: str | None = None) -> str:
        """Record ``text`` (written at ``where``, ``file:line``, in ``lang`` when its fact
        says so) and return its marker."""
        # Users' text may not contain our own marker characters.
        text = _ANY_MARKER_CHAR.sub("\ufffd", text)
        text, removed = clean_text(text)
        if removed and where is None:  # a fact's own text: BG180 named its line already
            sample = " ".join(text.split())[:40]
            self.warn(f"removed control characters {', '.join(sorted(set(removed)))} "
                      f"from the text “{sample}…”", where)
        self.literals.append(text)
        self.origins.append(where)
        self.languages.append(lang)
        return f"{LIT_OPEN}{len(self.literals) - 1}{LIT_CLOSE}"

    def language_of(self, n: int) -> str | None:
        """The language literal ``n`` is written in, when its fact says it."""
        return self.languages[n] if n < len(self.languages) else None

    def origin_of(self, n: int) -> str | None:
        """Where literal ``n`` was written (``file:line``), when known."""
        return self.origins[n] if n < len(self.origins) else None

    def warn(self, message: str, *wheres: str | None) -> None:
        """Add a warning naming the first known place in ``wheres``, else the template."""
        where = next((w for w in wheres if w), None) or self.template
        self.warnings.append(f"{where}: {message}" if where else message)

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
