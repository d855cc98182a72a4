"""What templates see: read-only views of a facts file.

``facts.headquarters`` prints the value with its citation; ``.value`` prints
the text alone; ``.items`` lists the entries of a list fact; ``.label`` is
how the fact is named on the page. A missing fact is an error naming the
template line (StrictUndefined); ``facts.get('x')`` and ``'x' in facts`` test
for optional ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from briefgen.facts import Facts
from briefgen.facts.records import Fact, Item


class LocatedText(str):
    """A fact's text that remembers where it was written (``_where``: ``file:line``) and,
    when the fact says it, its language (``_lang``, BCP 47).

    So a warning about it (a link target refused, a character removed) can name
    the facts file and line, and the sheet can mark a French quotation as French;
    any string operation gives a plain ``str``.
    """

    _where: str | None = None
    _lang: str | None = None


def located(text: str | None, where: str | None, lang: str | None = None) -> str | None:
    """``text`` as :class:`LocatedText` written at ``where`` in ``lang`` (None stays None)."""
    if text is None:
        return None
    out = LocatedText(text)
    out._where = where
    out._lang = lang
    return out


IN_FACT_LANGUAGE = ("name", "text")
"""An item's fields written in its fact's ``language:`` (what the item prints as); its
other fields (status, note, outcome …) are in the sheet's language."""


class ItemView:
    """One entry of a list fact."""

    def __init__(self, item: Item, inherited_sources: tuple[str, ...], prefix: str = "",
                 where: str | None = None, lang: str | None = None):
        self._item = item
        self._where = where
        self._lang = lang  # the fact's language: of the item's name and text
        own = tuple(prefix + s for s in item.sources)
        self.source_ids = own or inherited_sources

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._item.field(name)
        if self._lang and name in IN_FACT_LANGUAGE and isinstance(value, str):
            return located(value, self._where, self._lang)
        return value

    def display_text(self) -> str:
        """What the item prints as: its name, else its text."""
        return self._item.name or self._item.text or ""

    def __repr__(self) -> str:
        return f"<item {self.display_text()!r}>"


class FactView:
    """One fact, as a template sees it."""

    def __init__(self, key: str, fact: Fact, file_as_of: dt.date, prefix: str = "",
                 facts: Facts | None = None):
        self.key = key
        self._where = _where(facts, "facts", key, "value" if fact.value is not None else "items")
        self._fact = fact
        self._lang = fact.language  # of its value and its items' names and texts
        self.source_ids = tuple(prefix + s for s in fact.sources)
        self.label = fact.label or key.replace("_", " ").capitalize()
        self.value = located(fact.value, self._where, fact.language)
        self.quote = fact.quote
        self.note = fact.note
        self.as_of = fact.as_of or file_as_of
        self.items = [ItemView(i, self.source_ids, prefix, _where(facts, "facts", key, "items", n),
                               fact.language)
                      for n, i in enumerate(fact.items or [])]
        self.is_list = fact.items is not None

    def display_text(self) -> str:
        """What the fact prints as: its value, or its items' names joined."""
        if self.value is not None:
            return self.value
        return ", ".join(i.display_text() for i in self.items)

    def __len__(self) -> int:
        return len(self.items) if self.is_list else 1

    def __iter__(self):
        return iter(self.items)

    def __repr__(self) -> str:
        return f"<fact {self.key}>"


class FactsView:
    """All facts of a file: attribute access by key."""

    def __init__(self, facts: Facts, qualify: bool = False):
        model = facts.model
        prefix = f"{facts.id}:" if qualify else ""
        self._views = {k: FactView(k, f, model.as_of, prefix, facts)
                       for k, f in model.facts.items()}

    def __getattr__(self, key: str) -> FactView:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._views[key]
        except KeyError:
            raise AttributeError(key) from None

    def __getitem__(self, key: str) -> FactView:
        return self._views[key]

    def __contains__(self, key: str) -> bool:
        return key in self._views

    def get(self, key: str, default: Any = None) -> FactView | Any:
        """The fact with this key, or ``default``."""
        return self._views.get(key, default)

    def keys(self) -> list[str]:
        """Fact keys in file order."""
        return list(self._views)


def _where(facts: Facts | None, *loc: str | int) -> str | None:
    """``file:line`` of ``loc`` in ``facts`` (the file alone when the line is unknown)."""
    if facts is None:
        return None
    line = facts.line_of(*loc) or facts.line_of(*loc[:2])
    return f"{facts.path}:{line}" if line else str(facts.path)


def meta_of(facts: Facts) -> dict[str, Any]:
    """File-level fields a template can print: id, title, short_title, as_of…"""
    model = facts.model
    return {
        "id": model.id,
        "title": model.title,
        "short_title": model.short_title or model.title,
        "subtitle": model.subtitle,
        "as_of": model.as_of,
        "language": model.language,
        "author": model.author,
    }
