"""The language of parts: which stretches of a sheet's text are in another script.

The document tree does not (yet) say the language of a run, so the HTML
writers recognise the common case by script: Cyrillic words in a sheet in a
Latin-script language are Russian, Latin words in a Russian (Cyrillic) sheet
are English. Each such stretch gets a ``lang`` (WCAG 3.1.2), so a screen reader
reads "ОДКБ" with Russian rules in an English sheet.
"""

from __future__ import annotations

import re

CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "kk", "ky", "mk", "sr", "tg", "mn"})
_CYR_WORD = r"[\u0400-\u04FF][\u0400-\u04FF\u0300-\u036F'’-]*"
_LAT_WORD = r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’-]*"
_JOIN = r"(?:[\s\u00a0,.:;«»\"„“”()/–—-]+{w})*"
_CYRILLIC_RUN = re.compile(_CYR_WORD + _JOIN.format(w=_CYR_WORD))
_LATIN_RUN = re.compile(_LAT_WORD + _JOIN.format(w=_LAT_WORD))


def base_language(lang: str) -> str:
    """``ru`` of ``ru-RU``: the primary subtag, lower case."""
    return lang.split("-")[0].lower()


def foreign_parts(text: str, doc_lang: str) -> list[tuple[str, str | None]]:
    """``text`` cut into (piece, language or None for the sheet's own) in order.

    In a Cyrillic-script sheet, Latin words are taken as English; in any other
    sheet, Cyrillic words as Russian. Spaces and punctuation between two
    foreign words stay with them, so "Организация Договора о коллективной
    безопасности" is one part.
    """
    if base_language(doc_lang) in CYRILLIC_LANGS:
        pattern, other = _LATIN_RUN, "en"
    else:
        pattern, other = _CYRILLIC_RUN, "ru"
    out: list[tuple[str, str | None]] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            out.append((text[pos:match.start()], None))
        out.append((match.group(), other))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], None))
    return out
