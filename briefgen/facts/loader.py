"""Load and validate a facts file, reporting every problem as ``file:line: message``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import Problem
from briefgen.facts.records import FactsFile, Source
from briefgen.facts.validated import validate_facts
from briefgen.inputs.todo import unfilled
from briefgen.inputs.wording import close_match, suggest
from briefgen.inputs.yamlfile import YamlDocument, load_yaml, parse_yaml

KEY = r"^[a-z][a-z0-9_]*$"
"""What a fact key must look like: templates use it as a name."""


@dataclass(frozen=True)
class Facts:
    """A validated facts file (:mod:`briefgen.facts.records`) and where each part sits in it."""

    path: Path
    model: FactsFile
    doc: YamlDocument
    origins: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    """(file, line) of each source taken from the ``bibliography:``, by id."""

    @property
    def id(self) -> str:
        """The file's id, used in output names (``batch`` reads it too)."""
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
    """Read, parse and validate one facts file; raise one error listing all problems.

    Source ids are checked on the raw data too, so a file with schema problems
    also hears about its unknown source ids in the same run.
    """
    return _validated(load_yaml(path, "facts file"), Path(path))


def load_facts_text(text: str, name: str) -> Facts:
    """Validate facts read elsewhere (e.g. ``git show``), reporting problems as ``name:line``."""
    return _validated(parse_yaml(text, name, "facts file"), Path(name))


def _validated(doc: YamlDocument, path: Path) -> Facts:
    from briefgen.facts.dates import former_without_left

    in_bibliography, added, problems = _bibliography_sources(doc)
    model = validate_facts(doc, also=_cross_check(doc, in_bibliography) + former_without_left(doc)
                           + unfilled(doc) + problems)
    return Facts(path, model, doc, {k: (e.file, e.line) for k, e in added.items()})


def _bibliography_sources(doc: YamlDocument):
    """The sources a file's ``bibliography:`` adds (see :mod:`briefgen.facts.bibliography`);
    a file naming none never loads that module."""
    if not (isinstance(doc.data, dict) and doc.data.get("bibliography")):
        return set(), {}, []
    from briefgen.facts.bibliography import add_bibliography_sources

    return add_bibliography_sources(doc)


def _cross_check(doc: YamlDocument, in_bibliography: set[str] = frozenset()) -> list[Problem]:
    """Checks that span fields, on the raw data: unique source ids, every cited id exists.

    Parts of the wrong shape are skipped here; the schema reports them.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    sources = data.get("sources") if isinstance(data.get("sources"), list) else []
    problems = []
    known: dict[str, int] = {}
    for i, source in enumerate(sources):
        sid = source.get("id") if isinstance(source, dict) else None
        if not isinstance(sid, str):
            continue
        if sid in known:
            problems.append(doc.problem(("sources", i, "id"), f"source id '{sid}' is used twice",
                                        "BG140"))
        known[sid] = i
    facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
    problems += [doc.problem(("facts", key), f"fact key '{key}' must be lower_case letters, "
                             "digits and _ (templates use it as a name)"
                             + (f"; write '{key.lower()}'" if re.match(KEY, key.lower()) else ""),
                             "BG123", key.lower() if re.match(KEY, key.lower()) else None)
                 for key in facts if not re.match(KEY, key)]
    for key, fact in facts.items():
        if not isinstance(fact, dict):
            continue
        cited = [(("facts", key, "sources", j), sid) for j, sid in enumerate(_ids(fact))]
        items = fact.get("items") if isinstance(fact.get("items"), list) else []
        for n, item in enumerate(items):
            if isinstance(item, dict):
                cited += [(("facts", key, "items", n, "sources", j), sid)
                          for j, sid in enumerate(_ids(item))]
        problems += [doc.problem(loc, _unknown_source(sid, known), "BG141",
                                 close_match(sid, list(known)))
                     for loc, sid in cited if sid not in known and sid not in in_bibliography]
    return problems


def _ids(part: dict) -> list[str]:
    ids = part.get("sources")
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def _unknown_source(sid: str, known: dict[str, int]) -> str:
    return f"source '{sid}' is not listed under 'sources:'" + suggest(sid, list(known), "known ids")


def check_age(facts: Facts, max_age_days: int, today: dt.date | None = None) -> list[Problem]:
    """Facts whose ``as_of`` date (or the file's) is older than ``max_age_days``."""
    today = today or dt.date.today()
    try:
        limit = today - dt.timedelta(days=max_age_days)
    except OverflowError:  # more days than the calendar holds: nothing is that old
        return []
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
                    severity="warning", code="BG150",
                )
            )
    return stale
