"""The script rule for other-language words (:func:`briefgen.document.language.language_spans`).

The rule's answers are pinned against a plain restatement of it (every character's
script read from its Unicode name, no shortcuts), on mixed random texts, so the fast
paths (ASCII text in a Latin-script sheet, each character's script kept) change nothing.
"""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from briefgen.document.language import language_spans


def _plain_rule(text: str, lang: str) -> list[tuple[str, str | None]]:
    def script(ch):
        if not ch.isalpha():
            return None
        name = unicodedata.name(ch, "")
        return "cyrillic" if name.startswith("CYRILLIC") else (
            "latin" if name.startswith("LATIN") else None)

    home = "cyrillic" if lang.split("-")[0].lower() in {"ru", "uk", "be", "bg", "kk", "ky",
                                                        "tg", "mk", "mn", "sr"} else "latin"
    foreign = "latin" if home == "cyrillic" else "cyrillic"
    words = []
    for m in re.finditer(r"\w+", text):
        scripts = {script(c) for c in m.group()} - {None}
        if scripts:
            words.append((m.start(), m.end(), scripts == {foreign}))
    out, at, i = [], 0, 0
    while i < len(words):
        if not words[i][2]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and words[j + 1][2]:
            j += 1
        if words[i][0] > at:
            out.append((text[at:words[i][0]], None))
        out.append((text[words[i][0]:words[j][1]], {"cyrillic": "ru", "latin": "en"}[foreign]))
        at, i = words[j][1], j + 1
    if at < len(text) or not out:
        out.append((text[at:], None))
    return out


@pytest.mark.parametrize("text, lang, expected", [
    ("The CSTO (ОДКБ) said so.", "en", [("The CSTO (", None), ("ОДКБ", "ru"), (") said so.", None)]),
    ("plain ASCII, 1992 - 2024", "en", [("plain ASCII, 1992 - 2024", None)]),
    ("Договор NATO Article 5 и", "ru", [("Договор ", None), ("NATO Article", "en"), (" 5 и", None)]),
    ("", "en", [("", None)]),
    ("Café crème", "fr", [("Café crème", None)]),
])
def test_known_texts(text, lang, expected):
    assert language_spans(text, lang) == expected


def test_same_answers_as_the_plain_rule_on_mixed_texts():
    rng = random.Random(25)
    pieces = ["NATO", "ОДКБ", "Café", "Ёлка", "1992", " ", ", ", "-", "Ω", "日本", "x",
              "Статья", "Article", "ß", "\u00a0", "'s", "Армении", "Ⅻ", "ǅ", "ӂ"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        for lang in ("en", "ru", "fr", "uk-UA"):
            assert language_spans(text, lang) == _plain_rule(text, lang), (text, lang)
            assert "".join(p for p, _ in language_spans(text, lang)) == text
