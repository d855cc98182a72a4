"""The one rule for every string briefgen prints: on a handout, and on a terminal or CI log.

On a handout (:func:`clean_text`): control characters, bidi embeddings,
overrides and isolates (which reorder what a reader sees: ``…/\\u202egpj.exe``
shows as ``…/exe.jpg``) and invisible format characters (tag characters,
invisible operators, fillers, BOMs, line and paragraph separators) are removed;
the caller warns naming the file and line. Fact values, source titles,
publishers and URLs, the course title and (refused there, with its line) theme
texts all go through it; ``check`` and ``brief`` report the same characters.
Zero-width spaces and joiners, LRM/RLM and the word joiner are kept: names in
Arabic, Hebrew and Indic scripts need them.

In a message (:func:`escape_controls`): the same characters, and newlines,
are shown escaped (``\\n``, ``\\x1b``, ``\\u202e``), so a facts file, a key
or a file name can neither start a line of its own (a forged ``::error``
workflow command for GitHub Actions) nor send ESC/OSC sequences to a terminal.
"""

from __future__ import annotations

import re

_BIDI = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = ("\u115f\u1160\u180e\u2028\u2029\u2061-\u2064\u206a-\u206f\u3164\ufeff\uffa0"
              "\ufff9-\ufffb\U000e0000-\U000e007f")
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
REMOVED = re.compile(f"[{_CONTROLS}{_BIDI}{_INVISIBLE}]")
"""What :func:`clean_text` removes (tabs become spaces; newlines stay)."""

_ESCAPED = re.compile(f"[\n\t{_CONTROLS}{_BIDI}{_INVISIBLE}\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, list[str]]:
    """``text`` safe to print on a handout, and what was removed (``["U+202E", …]``)."""
    if "\t" in text:
        text = text.replace("\t", " ")
    found: list[str] = []

    def drop(match: re.Match) -> str:
        found.append(f"U+{ord(match.group()):04X}")
        return ""

    return REMOVED.sub(drop, text), found


def unprintable(text: str) -> list[str]:
    """The characters :func:`clean_text` would remove from ``text`` (``["U+202E"]``)."""
    return [f"U+{ord(c):04X}" for c in REMOVED.findall(text.replace("\t", " "))]


def escape_controls(text: str) -> str:
    """``text`` for one line of a message: controls, newlines, bidi and invisibles escaped."""
    if not _ESCAPED.search(text):
        return text
    return _ESCAPED.sub(_escape_one, text)


def _escape_one(match: re.Match) -> str:
    ch = match.group()
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"
