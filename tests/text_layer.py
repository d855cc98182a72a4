"""Words as poppler reads them: the structure's text (``pdfinfo -struct-text``) against the
text layer laid out on the page (``pdftotext -raw``), to find words run together.

A word that the structure joins with its neighbour ("UN reporting[a]", "compared —course")
where the page shows a line break or a gap is a whitespace-separated token of the
structure's text that the page's text layer does not hold.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_SOFT_HYPHEN = re.compile("\u00ad\\s*")  # a line-break hyphen: the word goes on
_COMPOUND_AT_LINE_END = re.compile(r"(?<=\w-)\n")  # "state-" / "member" is "state-member"


def struct_text(pdf: Path) -> str:
    """The text of ``pdfinfo -struct-text``: an inline element's text (a Span, a Link) runs on
    with its neighbours as it is drawn, each block starts a new word; a Figure's own drawn
    text is left out (its alternative text is what is read)."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    parts: list[str] = []
    figure_at = None
    for line in out.splitlines():
        indent, s = len(line) - len(line.lstrip()), line.strip()
        if figure_at is not None and indent > figure_at:
            continue
        figure_at = None
        quoted = re.fullmatch(r'"(.*)"', s)
        if quoted:
            parts.append(quoted.group(1))
        elif s.startswith("Figure"):
            figure_at = indent
        elif s and not s.startswith(("/", "Object ")) and "(inline)" not in s:
            parts.append(" ")  # a block element: its text is not glued to what came before
    return "".join(parts)


def tokens(text: str) -> set[str]:
    """The whitespace-separated words of ``text``, line-break hyphens joined."""
    return set(_SOFT_HYPHEN.sub("", text).split())


def run_together(pdf: Path) -> list[str]:
    """Words of the structure's text that the page's text layer does not have: two words run
    together where the page shows them apart."""
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    page = tokens(raw) | tokens(_COMPOUND_AT_LINE_END.sub("", raw))
    return sorted(tokens(struct_text(pdf)) - page)
