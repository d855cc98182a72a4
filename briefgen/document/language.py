"""The language of parts of a text (WCAG 3.1.2): words in another script than the sheet's.

A screen reader picks its voice and pronunciation rules from the language a
PDF structure element (``/Lang``) or a DOCX run (``w:lang``) declares. An
English sheet quoting "ОДКБ" or a Russian source title, or a Russian sheet
citing an English one, must say so. The default is the script: a stretch of
Cyrillic words in a sheet written in a Latin-script language is Russian, a
stretch of Latin words in a Cyrillic-script sheet is English. A source (or a
fact) that names its ``language:`` overrides the guess for its own text.
Both writers call :func:`language_spans`, so they mark the same words.
"""

from __future__ import annotations

import re
import unicodedata

CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "kk", "ky", "tg", "mk", "mn", "sr"})
"""Languages written in Cyrillic (the sheet's base script)."""

FOREIGN_DEFAULT = {"cyrillic": "ru", "latin": "en"}
"""The language assumed for words in the other script when nothing says which."""

_WORD = re.compile(r"\w+", re.UNICODE)

_SCRIPTS: dict[str, str | None] = {}
"""Each character's script once looked up (a sheet draws a few hundred distinct ones)."""


def _script(ch: str) -> str | None:
    try:
        return _SCRIPTS[ch]
    except KeyError:
        pass
    script = None
    if ch.isalpha():
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            script = "cyrillic"
        elif name.startswith("LATIN"):
            script = "latin"
    if len(_SCRIPTS) < 65536:
        _SCRIPTS[ch] = script
    return script


def base_script(lang: str) -> str:
    """The script a language tag is written in here: "cyrillic" or "latin"."""
    return "cyrillic" if lang.split("-")[0].lower() in CYRILLIC_LANGUAGES else "latin"


def language_spans(text: str, lang: str) -> list[tuple[str, str | None]]:
    """``text`` cut into pieces: ``(piece, None)`` in the language ``lang`` of its
    surroundings, ``(piece, other)`` for a stretch of words in the other script.

    A foreign stretch runs from its first to its last foreign word, spaces and
    punctuation between them included; digits and punctuation alone never start one.
    The pieces joined give ``text`` back.
    """
    home = base_script(lang)
    if home == "latin" and text.isascii():  # every letter Latin: nothing foreign (most text)
        return [(text, None)]
    foreign = "latin" if home == "cyrillic" else "cyrillic"
    if foreign not in {_script(c) for c in set(text)}:  # no letter in the other script
        return [(text, None)]
    words = []  # (start, end, is_foreign) of words with a script
    for m in _WORD.finditer(text):
        scripts = {_script(c) for c in m.group()} - {None}
        if scripts:
            words.append((m.start(), m.end(), scripts == {foreign}))
    if not any(f for *_, f in words):
        return [(text, None)]
    out: list[tuple[str, str | None]] = []
    at = 0
    i = 0
    while i < len(words):
        if not words[i][2]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and words[j + 1][2]:
            j += 1
        start, end = words[i][0], words[j][1]
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], FOREIGN_DEFAULT[foreign]))
        at = end
        i = j + 1
    if at < len(text):
        out.append((text[at:], None))
    return out
