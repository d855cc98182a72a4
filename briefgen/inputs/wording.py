"""Words for messages: places in a file as a person names them, tool text made plain.

Messages never show Python class or module names, 0-based positions or a
library's own phrasing; these helpers turn each into the author's words.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

_OBJECT = re.compile(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']+)'")
_VIEW_NAMES = {"FactsView": "facts", "FactView": "fact", "ItemView": "item"}


def place(loc: tuple, data: Any = None) -> str:
    """A location as ``members[2] (Belarus).joined`` or ``sources[1] (nato-site)``.

    List positions are 1-based and name the entry when it has a name, text, id
    or label; the ``items`` before a position is dropped: ``facts.members.items.1``
    reads ``facts.members[2] (…)``.
    """
    parts: list[str] = []
    node = data
    path = list(loc)
    for i, part in enumerate(path):
        nxt = path[i + 1] if i + 1 < len(path) else None
        if part == "items" and isinstance(nxt, int):
            node = node.get(part) if isinstance(node, dict) else None
            continue
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            parts.append(f"[{part + 1}]" + _named(node))
        else:
            node = node.get(part) if isinstance(node, dict) else None
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "file"


def _named(entry: Any) -> str:
    if isinstance(entry, dict):
        for key in ("name", "text", "id", "label"):
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                short = value.strip()
                return f" ({short if len(short) <= 40 else short[:37] + '…'})"
    return ""


def plain_undefined(message: str, facts_file: str | None = None) -> str:
    """Jinja's "'x.y.FactsView object' has no attribute 'name'" in the author's words."""
    match = _OBJECT.search(message or "")
    if not match:
        return message
    kind, attr = match.groups()
    if kind == "FactsView":
        where = f" in {facts_file}" if facts_file else ""
        return (f"the template reads a fact '{attr}', which is not{where}; add it to the "
                f"facts file or test for it with {{% if \"{attr}\" in facts %}}")
    what = _VIEW_NAMES.get(kind, "this value")
    return f"the template reads '{attr}', which {what} does not have"


def close_match(word: str, choices: list[str]) -> str | None:
    """The choice closest to ``word`` (a likely misspelling), or None."""
    close = difflib.get_close_matches(word, choices, n=1)
    return close[0] if close else None


def suggest(word: str, choices: list[str], label: str = "allowed here") -> str:
    """``; did you mean 'x'?`` for a close match, else the list of choices."""
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; {label}: {', '.join(choices)}" if choices else ""
