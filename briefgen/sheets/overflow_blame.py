"""Name the fact behind an overflow: "mostly the fact 'summary' (facts/x.yaml:40)".

The layout knows the largest part of a sheet that does not fit, as text; the
facts file knows where each fact is written. The fact whose printed text
takes up most of that part is the one an author shortens.
"""

from __future__ import annotations

from briefgen.errors import PageOverflowError
from briefgen.facts import Facts


def _printed(fact) -> str:
    if fact.value is not None:
        return fact.value
    return " ".join(i.name or i.text or "" for i in fact.items or [])


def _norm(text: str) -> str:
    return " ".join(text.split())


def blame(exc: PageOverflowError, files: list[Facts]) -> PageOverflowError:
    """``exc`` with the largest fact of its largest part named, with file and line."""
    part = _norm(getattr(exc, "largest_text", "") or "")
    if not part:
        return exc
    best = None
    for facts in files:
        for key, fact in facts.model.facts.items():
            text = _norm(_printed(fact))
            if len(text) >= 20 and text[:40] in part and (best is None or len(text) > best[0]):
                best = (len(text), key, facts)
    if best is None:
        return exc
    size, key, facts = best
    where = f"{facts.path}:{facts.line_of('facts', key)}"
    message = str(exc).replace(
        ". Shorten it,", f", mostly the fact '{key}' ({where}, {size} characters). Shorten it,", 1)
    new = PageOverflowError(message)
    new.largest_text = part
    return new
