"""A validated facts file as plain records: what the rest of briefgen reads.

:mod:`briefgen.facts.schema` (pydantic) decides what a facts file may hold and
words every problem; once a file has passed, its contents travel as these
frozen dataclasses, which need no pydantic. That lets a file whose content was
validated before come back from the disk cache (:mod:`briefgen.facts.validated`)
without importing pydantic at all: about a tenth of a second of every cold
``briefgen brief``.

Both ways in go through :func:`from_plain`, which reads the JSON-mode dump of
the validated model (``FactsFile.model_dump(mode="json")``): dates as
``YYYY-MM-DD`` text, an item's extra fields beside its declared ones. A test
keeps the field lists here equal to the schema's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

ITEM_FIELDS = ("name", "text", "date", "joined", "left", "status", "note", "comment", "sources",
               "as_of")
"""An item's declared fields (:class:`briefgen.facts.schema.Item`); any other is text."""

_ITEM_DATES = ("date", "joined", "left", "as_of")


@dataclass(frozen=True)
class Source:
    """A document a reader can open: a treaty text, an official page, an article."""

    id: str
    title: str
    url: str
    publisher: str | None = None
    accessed: dt.date | None = None
    note: str | None = None
    archived: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Item:
    """One entry of a list fact: declared fields, and ``extra`` text fields in file order."""

    name: str | None = None
    text: str | None = None
    date: dt.date | None = None
    joined: dt.date | None = None
    left: dt.date | None = None
    status: str | None = None
    note: str | None = None
    comment: str | None = None  # the author's own: never printed
    sources: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def field(self, key: str) -> Any:
        """A field by name, declared or extra; ``None`` when absent."""
        if key in ITEM_FIELDS:
            return getattr(self, key)
        return self.extra.get(key)


@dataclass(frozen=True)
class Fact:
    """One curated fact: a text ``value`` or a list of ``items``, with its sources."""

    label: str | None = None
    value: str | None = None
    items: list[Item] | None = None
    sources: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    quote: bool = False
    note: str | None = None
    comment: str | None = None  # the author's own: never printed
    language: str | None = None  # of its value (or its items' names and texts)


@dataclass(frozen=True)
class FactsFile:
    """A whole facts file: one organisation or topic."""

    id: str
    title: str
    as_of: dt.date
    sources: list[Source]
    facts: dict[str, Fact]
    short_title: str | None = None
    subtitle: str | None = None
    language: str = "en"
    author: str | None = None
    translation_of: str | None = None
    bibliography: str | None = None


def from_plain(data: dict[str, Any]) -> FactsFile:
    """The records of a validated file's JSON-mode dump (raises on any other shape)."""
    return FactsFile(**{
        **data,
        "as_of": _date(data["as_of"]),
        "sources": [Source(**{**s, "accessed": _date(s["accessed"])}) for s in data["sources"]],
        "facts": {key: _fact(fact) for key, fact in data["facts"].items()},
    })


def _fact(data: dict[str, Any]) -> Fact:
    items = data["items"]
    return Fact(**{**data, "as_of": _date(data["as_of"]),
                   "items": None if items is None else [_item(i) for i in items]})


def _item(data: dict[str, Any]) -> Item:
    declared = {k: data[k] for k in ITEM_FIELDS}
    declared.update({k: _date(declared[k]) for k in _ITEM_DATES})
    extra = {k: v for k, v in data.items() if k not in ITEM_FIELDS}
    if not all(isinstance(v, str) for v in extra.values()):
        raise TypeError("an item's extra fields are text")
    return Item(**declared, extra=extra)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)
