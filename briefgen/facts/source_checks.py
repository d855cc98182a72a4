"""Checks on a facts file's sources that ``briefgen check`` runs.

- A source listed under ``sources:`` that no fact or item cites (``BG105``):
  it never reaches a page, and is usually a slip in an id.
- A claim whose only sources are mirrors or staging copies while the file
  names the primary (``BG106``): cite the document a reader should open.

A source is a *mirror* when its URL matches one of :data:`MIRROR_PATTERNS`
(documented in ``docs/diagnostics.md``). Its *primary* is another source of the
same file that is not a mirror and has the same title, or whose URL appears
inside the mirror's URL (as in ``web.archive.org/web/2024/https://…``).
"""

from __future__ import annotations

import re

from briefgen.errors import Problem
from briefgen.facts import Facts
from briefgen.facts.records import Source

MIRROR_PATTERNS = (
    r"^https?://web\.archive\.org/",
    r"^https?://(www\.)?archive\.(org|today|ph|is|li|vn|fo|md)/",
    r"^https?://webcache\.googleusercontent\.com/",
    r"^https?://(cc\.)?bingj\.com/cache",
    r"^https?://([a-z0-9-]+\.)*(staging|stage|mirror|preview|test)[.-]",
    r"^https?://[^/]+/(mirror|mirrors|staging|cache)/",
)
"""URL patterns of copies: web archives, search-engine caches, staging and mirror hosts."""

_MIRROR = re.compile("|".join(f"(?:{p})" for p in MIRROR_PATTERNS), re.IGNORECASE)


def is_mirror(source: Source) -> bool:
    """Whether a source is a copy (archive, cache, staging or mirror host) by its URL."""
    return bool(_MIRROR.search(source.url))


def primary_of(mirror: Source, sources: list[Source]) -> Source | None:
    """The source in the same file that ``mirror`` copies, if the file names it."""
    for s in sources:
        if s is mirror or is_mirror(s):
            continue
        bare = re.sub(r"^https?://", "", s.url).rstrip("/")
        if s.title.strip().lower() == mirror.title.strip().lower() or (
                bare and bare in mirror.url):
            return s
    return None


def _claims(facts: Facts):
    """(location, label, source ids) of every fact and item that cites sources."""
    for key, fact in facts.model.facts.items():
        if fact.sources:
            yield ("facts", key), f"fact '{key}'", list(fact.sources)
        for n, item in enumerate(fact.items or []):
            if item.sources:
                name = item.name or item.text or ""
                label = f"{key}[{n + 1}]" + (f" ({name[:40]})" if name else "")
                yield ("facts", key, "items", n), label, list(item.sources)


def source_problems(facts: Facts) -> list[Problem]:
    """Warnings: sources never cited, claims cited only to mirrors of a named primary."""
    sources = facts.model.sources
    by_id = {s.id: s for s in sources}
    cited: set[str] = set()
    problems = []
    for loc, label, ids in _claims(facts):
        cited.update(ids)
        found = [by_id[i] for i in ids if i in by_id]
        if found and all(is_mirror(s) for s in found):
            primaries = {p.id for s in found if (p := primary_of(s, sources)) is not None}
            if primaries:
                names = ", ".join(sorted(primaries))
                problems.append(Problem(
                    str(facts.path), facts.line_of(*loc, "sources"),
                    f"{label} cites only mirror or staging copies ({', '.join(ids)}); "
                    f"cite the primary source '{names}' (listed in this file)",
                    severity="warning", code="BG106", suggestion=names))
    for n, s in enumerate(sources):
        if s.id not in cited:
            problems.append(Problem(
                str(facts.path), facts.line_of("sources", n),
                f"source '{s.id}' is never cited; cite it from a fact or remove it",
                severity="warning", code="BG105"))
    return problems
