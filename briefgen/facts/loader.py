"""Load and validate a facts file, reporting every problem as ``file:line: message``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import Problem, problems_error
from briefgen.facts.schema import FactsFile, Source
from briefgen.facts.yamlread import YamlDocument, load_yaml
from briefgen.validation import suggest, validate


@dataclass(frozen=True)
class Facts:
    """A validated facts file and where each of its parts sits in the file."""

    path: Path
    model: FactsFile
    doc: YamlDocument

    @property
    def id(self) -> str:
        """The file's id, used in output names."""
        return self.model.id

    def source(self, source_id: str) -> Source:
        """The source with this id (ids are checked at load time)."""
        return self._sources[source_id]

    @property
    def _sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.model.sources}

    def line_of(self, *loc: str | int) -> int | None:
        """The line where ``loc`` (e.g. ``"facts", "hq"``) is written."""
        return self.doc.line_of(loc)


def load_facts(path: Path | str) -> Facts:
    """Read, parse and validate one facts file; raise one error listing all problems."""
    doc = load_yaml(path, "facts file")
    model = validate(FactsFile, doc, "facts file", "id:, title:, sources:, facts:")
    problems = _cross_check(model, doc)
    if problems:
        raise problems_error(problems, doc.file)
    return Facts(Path(path), model, doc)


def _cross_check(model: FactsFile, doc: YamlDocument) -> list[Problem]:
    """Checks that span fields: unique source ids, every cited id exists."""
    problems = []
    known: dict[str, int] = {}
    for i, source in enumerate(model.sources):
        if source.id in known:
            problems.append(
                doc.problem(("sources", i, "id"), f"source id '{source.id}' is used twice")
            )
        known[source.id] = i
    for key, fact in model.facts.items():
        for j, sid in enumerate(fact.sources):
            if sid not in known:
                problems.append(
                    doc.problem(("facts", key, "sources", j), _unknown_source(sid, known))
                )
        for n, item in enumerate(fact.items or []):
            for j, sid in enumerate(item.sources):
                if sid not in known:
                    problems.append(
                        doc.problem(
                            ("facts", key, "items", n, "sources", j), _unknown_source(sid, known)
                        )
                    )
    return problems


def _unknown_source(sid: str, known: dict[str, int]) -> str:
    return f"source '{sid}' is not listed under 'sources:'" + suggest(sid, list(known), "known ids")


def check_age(facts: Facts, max_age_days: int, today: dt.date | None = None) -> list[Problem]:
    """Facts whose ``as_of`` date (or the file's) is older than ``max_age_days``."""
    today = today or dt.date.today()
    limit = today - dt.timedelta(days=max_age_days)
    stale = []
    for key, fact in facts.model.facts.items():
        as_of = fact.as_of or facts.model.as_of
        if as_of < limit:
            age = (today - as_of).days
            stale.append(
                Problem(
                    str(facts.path),
                    facts.line_of("facts", key),
                    f"fact '{key}' is {age} days old (as of {as_of}); check it again",
                )
            )
    return stale
