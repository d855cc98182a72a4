"""Hyphenation of PDF text in the sheet's language (reportlab + pyphen).

reportlab breaks lines only at spaces unless a style names a pyphen dictionary
(``hyphenationLang``). Russian words are long and the brief's columns narrow,
so a Russian sheet without hyphenation sets ragged, gappy lines. English sheets
keep their spaces-only breaks (their layout is the reference the fit is tuned
on); every other language with a pyphen dictionary is hyphenated.
"""

from __future__ import annotations

import dataclasses
import functools

from reportlab.lib.styles import ParagraphStyle

NO_HYPHENATION = ("en",)
"""Languages set without hyphenation (English sheets keep their line breaks)."""

WHOLE_WORDS = ("banner", "title", "subtitle", "h1", "h2", "h3", "box_title", "sources_title")
"""Styles whose lines break between words only: a title or heading is not hyphenated
(a table's header cells are: their columns can be narrower than a long word)."""


@functools.lru_cache(maxsize=16)
def pyphen_language(lang: str) -> str | None:
    """The pyphen dictionary for a language tag (``ru`` → ``ru_RU``), or None."""
    try:
        import pyphen
    except ImportError:  # an optional extra: without it lines break at spaces only
        return None
    tag = lang.replace("-", "_")
    for candidate in (tag, tag.split("_")[0]):
        found = pyphen.language_fallback(candidate)
        if found:
            return found
    return None


def hyphenate(styles, lang: str) -> None:
    """Turn on hyphenation in ``lang`` for every paragraph style of ``styles`` (in place)."""
    if lang.split("-")[0].lower() in NO_HYPHENATION:
        return
    dictionary = pyphen_language(lang)
    if dictionary is None:
        return
    for f in dataclasses.fields(styles):
        style = getattr(styles, f.name)
        if isinstance(style, ParagraphStyle) and f.name not in WHOLE_WORDS:
            style.hyphenationLang = dictionary
            style.embeddedHyphenation = 1  # break at hyphens already in a word, too
            style.uriWasteReduce = 0.3  # long URLs in the sources list may break
