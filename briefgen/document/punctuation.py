"""Punctuation for parenthetical material: never a bracket inside a bracket or after one.

The rule (issue 17), applied by template filters so that titles, PDF metadata
and pack bookmarks, which all come from the sheet's heading, read the same:

- ``flat``: a parenthetical inside text that is itself put in brackets becomes
  an en-dash clause: "participation frozen (still formally a member)" →
  "participation frozen – still formally a member". Article numbers such as
  "42(7)" (a bracket straight after a letter or digit) are not parentheticals.
- ``titled``: a name and its abbreviation: "North Atlantic Treaty Organization"
  + "NATO (French OTAN)" → "North Atlantic Treaty Organization (NATO) – French
  OTAN"; a name that carries its own parenthetical keeps it after a dash too:
  "European Union (EU) – mutual assistance clause, Article 42(7) TEU".
"""

from __future__ import annotations

import re
from typing import Any

_PAREN = re.compile(r"\s\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
"""A parenthetical after a space (so "42(7)" is not one), one level of inner brackets allowed."""


def split_parenthetical(text: str) -> tuple[str, str]:
    """(text, its trailing parenthetical without brackets); ("x", "") when there is none."""
    text = " ".join(str(text).split())
    match = None
    for found in _PAREN.finditer(text):
        match = found
    if match is None or match.end() != len(text):
        return text, ""
    return text[: match.start()], match.group(1)


def flat(text: Any) -> str:
    """``text`` with each parenthetical (after a space) turned into an en-dash clause."""
    out = " ".join(str(text).split())
    while True:
        new = _PAREN.sub(lambda mt: f" – {flat(mt.group(1))}", out)
        if new == out:
            return out
        out = new


def titled(name: Any, abbreviation: Any = None) -> str:
    """``name (ABBR)``, with any parenthetical of either after an en dash."""
    head, tail = split_parenthetical(str(name))
    parts = [flat(head)]
    extra = [tail] if tail else []
    if abbreviation:
        abbr, abbr_tail = split_parenthetical(str(abbreviation))
        parts[0] += f" ({flat(abbr)})"
        extra += [abbr_tail] if abbr_tail else []
    return " – ".join(parts + [flat(e) for e in extra])


def chronology_key(item: Any, attribute: str = "date") -> str:
    """A sortable "YYYY-MM-DD" for an item: its ``attribute`` date, else its period's first year."""
    key = _key(item, attribute)
    return f"{key[0]:04d}-{key[1]:02d}-{key[2]:02d}"


def _key(item: Any, attribute: str) -> tuple:
    import datetime as dt

    when = getattr(item, attribute, None)
    if isinstance(when, dt.date):
        return (when.year, when.month, when.day)
    if isinstance(when, str) and re.match(r"\d{4}-\d\d-\d\d", when):
        return tuple(int(x) for x in when[:10].split("-"))
    year = re.search(r"\d{4}", str(getattr(item, "period", "") or ""))
    return (int(year.group()), 0, 0) if year else (9999, 0, 0)


def chronological(items: Any, attribute: str = "date") -> list:
    """List items oldest first, by ``attribute`` (``date``; ``joined`` for members), else the
    first year in ``period``; items without either go last (the sort is stable)."""
    return sorted(items, key=lambda item: _key(item, attribute))
