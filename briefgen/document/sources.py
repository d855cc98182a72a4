"""The printed Sources list, the same in every writer: numbered entries, compact.

A one-page brief may cite thirty sources; printed one per line with their full
URLs and access dates they would take a third of the page. So the list is
compact, in the same way in PDF and DOCX:

- the access dates are said once in the heading ("Sources (accessed 2026-11-22)",
  or the range "… 2026-11-22 to 2026-12-01" when they differ: every source was
  opened in that window, which is what the date is for);
- a long URL prints as its address up to the first path step with "…" (the link
  keeps the whole URL; title and publisher name the page);
- entries are numbered in order of first citation with hanging indents, set in
  columns (:func:`column_count`) that the writers balance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.document import model as m
from briefgen.document.links import allowed_link

URL_MAX = 38
"""Printed URLs longer than this many characters are cut after their host (the link is whole)."""


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One printed entry: ``n. before`` + the link ``shown`` (to ``url``), then, when the
    source has an archived copy, `` (`` + the link ``archived_label`` (to ``archived``) + ``)``."""

    n: int
    source: m.SourceRef
    before: str
    url: str | None  # None: the address prints unlinked (refused by the link allow-list)
    shown: str
    archived: str | None = None
    archived_label: str = ""


def short_url(url: str, limit: int | None = None) -> str:
    """``url`` as printed: without scheme and ``www.``; a long one cut to ``host/…``."""
    limit = URL_MAX if limit is None else limit
    shown = m.display_url(url)
    if len(shown) <= limit:
        return shown
    host, _, path = shown.partition("/")
    first = path.split("/", 1)[0]
    if first and len(host) + len(first) + 3 <= limit and "/" in path:
        return f"{host}/{first}/…"
    return f"{host}/…"


def accessed_span(sources: list[m.SourceRef]) -> tuple[dt.date, dt.date] | None:
    """(earliest, latest) access date of ``sources``, or None if none is dated."""
    dates = sorted(s.accessed for s in sources if s.accessed)
    return (dates[0], dates[-1]) if dates else None


def source_entries(doc: m.Document) -> list[SourceEntry]:
    """The cited sources of ``doc`` as printed entries, numbered from 1."""
    from briefgen.i18n.sheet import archived_label

    out = []
    label = archived_label(doc.language)
    for n, src in enumerate(m.cited_sources(doc), start=1):
        before = src.title.rstrip(".")
        if src.publisher:
            before += f" — {src.publisher.rstrip('.')}"
        before = m.dash_kept_with_word(before + ". ")  # titles may hold dashes too
        out.append(SourceEntry(n, src, before, allowed_link(src.url), short_url(src.url),
                               allowed_link(src.archived), label if src.archived else ""))
    return out


def sources_title(doc: m.Document, title: str) -> str:
    """The list's heading: ``title`` with the access date, or the span of dates, once."""
    from briefgen.i18n.sheet import sources_heading, sources_heading_span

    span = accessed_span(m.cited_sources(doc))
    if span is None:
        return title
    if span[0] == span[1]:
        return sources_heading(doc.language, title, span[0])
    return m.dash_kept_with_word(sources_heading_span(doc.language, title, *span))


def column_count(entries: list[SourceEntry], width_pt: float, size_pt: float) -> int:
    """How many columns the list takes on a text frame ``width_pt`` wide at ``size_pt`` type.

    Columns at least about 45 characters wide; one column for three or fewer
    entries, never more columns than a fifth of the entries.
    """
    if len(entries) <= 3:
        return 1
    fit = max(1, int(width_pt // (size_pt * 0.5 * 45)))
    return max(1, min(3, fit, (len(entries) + 4) // 5))
