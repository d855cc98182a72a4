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
    owner: str = ""
    """The facts file the source belongs to (``file`` is its bibliography for an entry from one)."""

    def label(self, most: int = 0) -> str:
        """``source 'nato-art4' (cited by a, b)``: how a diagnostic names it (with ``most``,
        at most that many keys, then "and N more")."""
        keys = list(self.cited_by)
        if most and len(keys) > most:
            keys = keys[:most] + [f"{len(self.cited_by) - most} more"]
        text = ", ".join(keys) if keys else "no fact"
        return f"source '{self.source.id}' (cited by {text})"


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
        if source.id in facts.origins:  # from the bibliography: its entry's file and line
            file, line = facts.origins[source.id]
            archived_line = line
        else:
            file, line = str(facts.path), facts.line_of("sources", n, "url")
            archived_line = facts.line_of("sources", n, "archived")
        out.append(CitedSource(file, line, source, tuple(keys[source.id]),
                               tuple(quotes[source.id]), archived_line, str(facts.path)))
    return out
