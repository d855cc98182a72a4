"""Load and validate a facts file, reporting every problem as ``file:line: message``."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from briefgen.errors import Problem, problems_error
from briefgen.facts.schema import Fact, FactsFile, Source
from briefgen.facts.yamlread import YamlDocument, load_yaml


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
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "plain text"
        raise problems_error(
            [doc.problem((), f"a facts file must be a mapping (id:, title:, sources:, facts:), not {kind}")],
            doc.file,
        )
    try:
        model = FactsFile.model_validate(doc.data)
    except ValidationError as exc:
        raise problems_error(_explain(exc, doc), doc.file) from None
    problems = _cross_check(model, doc)
    if problems:
        raise problems_error(problems, doc.file)
    return Facts(Path(path), model, doc)


def _explain(exc: ValidationError, doc: YamlDocument) -> list[Problem]:
    """Turn pydantic's errors into one located, readable problem each."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        field = ".".join(str(p) for p in loc) or "file"
        if kind == "missing":
            msg = f"'{field}' is missing"
        elif kind == "extra_forbidden":
            msg = f"unknown key '{loc[-1]}'" + _suggest(str(loc[-1]), _allowed(loc[:-1]))
        elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
            msg = f"'{field}': '{err.get('input')}' is not a date; write YYYY-MM-DD"
        elif kind == "string_pattern_mismatch" and loc[-1] == "url":
            msg = f"'{field}': '{err.get('input')}' is not a web address (http:// or https://)"
        elif kind == "string_type":
            msg = f"'{field}' must be text, not {_kind_of(err.get('input'))}"
        elif kind in ("list_type", "dict_type", "model_type"):
            want = {"list_type": "a list", "dict_type": "a mapping"}.get(kind, "a mapping")
            msg = f"'{field}' must be {want}, not {_kind_of(err.get('input'))}"
        elif kind == "value_error":
            msg = f"'{field}': {err['msg'].removeprefix('Value error, ')}"
        else:
            msg = f"'{field}': {err['msg']}"
        problems.append(doc.problem(loc, msg))
    return problems


def _kind_of(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"


def _allowed(parent: tuple) -> list[str]:
    """Field names allowed where an unknown key was found."""
    model: type[BaseModel] = FactsFile
    if parent and parent[0] == "sources":
        model = Source
    elif parent and parent[0] == "facts" and len(parent) >= 2:
        model = Fact
    return list(model.model_fields)


def _suggest(word: str, choices: list[str], label: str = "allowed here") -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; {label}: {', '.join(choices)}"


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
    return f"source '{sid}' is not listed under 'sources:'" + _suggest(sid, list(known), "known ids")


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
