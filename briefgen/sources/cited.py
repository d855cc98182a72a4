"""Every source of a facts file, where it is written and which claims cite it."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.facts import Facts
from briefgen.facts.records import Source


@dataclass(frozen=True)
class Quote:
    """A fact marked ``quote: true``: its key, its words and the line of its value."""

    key: str
    text: str
    line: int | None


@dataclass(frozen=True)
class CitedSource:
    """One source of one facts file: the record, its line, the fact keys citing it."""

    file: str
    line: int | None
    source: Source
    cited_by: tuple[str, ...]
    quotes: tuple[Quote, ...] = ()
    archived_line: int | None = None

    def label(self) -> str:
        """``source 'nato-art4' (cited by a, b)``: how a diagnostic names it."""
        keys = ", ".join(self.cited_by) if self.cited_by else "no fact"
        return f"source '{self.source.id}' (cited by {keys})"


def cited_sources(facts: Facts) -> list[CitedSource]:
    """The file's sources in file order, each with the keys of the facts that cite it
    (a fact citing it from one of its items counts) and the quotes it backs."""
    keys: dict[str, list[str]] = {s.id: [] for s in facts.model.sources}
    quotes: dict[str, list[Quote]] = {s.id: [] for s in facts.model.sources}
    for key, fact in facts.model.facts.items():
        ids = list(fact.sources)
        for item in fact.items or []:
            ids += item.sources
        for sid in dict.fromkeys(ids):
            if sid in keys:
                keys[sid].append(key)
        if fact.quote and fact.value:
            for sid in dict.fromkeys(fact.sources):
                if sid in quotes:
                    quotes[sid].append(Quote(key, fact.value, facts.line_of("facts", key, "value")))
    out = []
    for n, source in enumerate(facts.model.sources):
        line = facts.line_of("sources", n, "url") or facts.line_of("sources", n)
        out.append(CitedSource(str(facts.path), line, source, tuple(keys[source.id]),
                               tuple(quotes[source.id]), facts.line_of("sources", n, "archived")))
    return out
