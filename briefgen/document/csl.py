"""A source as a CSL-JSON item: the one mapping every way a source leaves briefgen shares.

``briefgen sources --to csljson`` (:mod:`briefgen.sources.export`) prints these
items for a facts file; the HTML page embeds the same items, as COinS
(:mod:`briefgen.writers.html.coins`), so Zotero's browser connector saves a
sheet's sources; BibTeX and RIS take the same fields and note. One source is
one ``webpage`` item: its title, publisher (the website), URL, access date,
language, and a note holding the source's ``note:`` and its archived copy
(``archived:``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.document.model import SourceRef


@dataclass(frozen=True)
class Entry:
    """One source to export, with the key it gets and its language."""

    key: str
    title: str
    url: str
    publisher: str | None = None
    accessed: dt.date | None = None
    note: str | None = None
    archived: str | None = None
    language: str | None = None


def entry_of_ref(ref: SourceRef, language: str) -> Entry:
    """The entry of a source a sheet cites (``language``: the sheet's, when the source
    does not name its own)."""
    return Entry(ref.id, ref.title, ref.url, ref.publisher, ref.accessed, ref.note, ref.archived,
                 ref.language or language)


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks included) as one space."""
    return " ".join(text.split())


def entry_note(e: Entry) -> str | None:
    """The entry's note: the source's ``note:``, then "Archived copy: URL" (None when neither)."""
    parts = [e.note] if e.note else []
    if e.archived:
        parts.append(f"Archived copy: {e.archived}")
    return " ".join(one_line(p) for p in parts) or None


def csl_item(e: Entry) -> dict:
    """The CSL-JSON ``webpage`` item of ``e`` (the CSL data schema, csl-data.json)."""
    item: dict = {"id": e.key, "type": "webpage", "title": one_line(e.title)}
    if e.url:  # none when the link allow-list refused the source's address
        item["URL"] = e.url
    if e.publisher:
        item["container-title"] = one_line(e.publisher)
        item["publisher"] = one_line(e.publisher)
    if e.accessed:
        item["accessed"] = {"date-parts": [[e.accessed.year, e.accessed.month, e.accessed.day]]}
    if e.language:
        item["language"] = e.language
    note = entry_note(e)
    if note:
        item["note"] = note
    return item
