"""``briefgen check``: validate input files and report every problem, for people or machines.

The kind of each file (facts, theme, comparison spec, course manifest) is read
from its ``# yaml-language-server: $schema=…`` line, the line ``briefgen new``
and ``briefgen init`` write; without one, top-level ``rows:`` makes a spec,
``jobs:`` a manifest, anything else a facts file. Problems go
to stderr as ``file:line: message`` (text), or to stdout as JSON, GitHub
workflow annotations or SARIF (:mod:`briefgen.diagnostics_format`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import BriefgenError, Problem

KINDS = ("facts", "theme", "spec", "manifest")
_SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=\S*?(facts|theme|spec|manifest)"
                          r"\.schema\.json")


@dataclass
class FileCheck:
    """What checking one file found: its kind, its problems, and a summary when it is valid."""

    path: Path
    kind: str
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    @property
    def failed(self) -> bool:
        """Whether the file has an error (warnings alone do not fail it)."""
        return any(p.severity != "warning" for p in self.problems)


def kind_of(path: Path) -> str:
    """The file kind its schema line names (first five lines); else ``spec`` for a file
    with top-level ``rows:``, ``manifest`` for one with ``jobs:``, otherwise ``facts``."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(65536).splitlines()
    except OSError:
        return "facts"
    for line in head[:5]:
        match = _SCHEMA_LINE.search(line)
        if match:
            return match.group(1)
    keys = {line.split(":")[0] for line in head if re.match(r"^[a-z_]+:", line)}
    if "facts" not in keys and "rows" in keys:
        return "spec"
    if "facts" not in keys and "jobs" in keys:
        return "manifest"
    return "facts"


def _facts(path: Path, max_age: int | None) -> tuple[str, list[Problem]]:
    from briefgen.facts import check_age, load_facts

    facts = load_facts(path)
    warnings = check_age(facts, max_age) if max_age is not None else []
    return f"ok ({len(facts.model.facts)} facts, {len(facts.model.sources)} sources)", warnings


def _theme(path: Path, max_age: int | None) -> tuple[str, list[Problem]]:
    from briefgen.themes import load_theme

    load_theme(path)
    return "ok (theme)", []


def _spec(path: Path, max_age: int | None) -> tuple[str, list[Problem]]:
    from briefgen.compare import load_spec

    loaded = load_spec(path)
    return f"ok (comparison spec, {len(loaded.spec.rows)} rows)", []


def _manifest(path: Path, max_age: int | None) -> tuple[str, list[Problem]]:
    from briefgen.batch_manifest import load_manifest

    manifest = load_manifest(path)
    return f"ok (course manifest, {len(manifest.jobs)} jobs)", []


CHECKERS: dict[str, Callable[[Path, int | None], tuple[str, list[Problem]]]] = {
    "facts": _facts, "theme": _theme, "spec": _spec, "manifest": _manifest}


def check_file(path: Path, max_age: int | None = None) -> FileCheck:
    """Load ``path`` as the kind it declares; every problem it has, coded and located."""
    kind = kind_of(path)
    result = FileCheck(Path(path), kind)
    try:
        result.summary, result.problems = CHECKERS[kind](Path(path), max_age)
    except BriefgenError as exc:
        result.problems = list(exc.problems) or [Problem(str(path), None, str(exc), code="BG000")]
    return result


def run_check(paths: list[Path], max_age: int | None, fmt: str = "text",
              echo: Callable[..., None] = print, strict: bool = False) -> int:
    """Check every file, report in ``fmt``; returns the exit code (0 clean, 1 problems).

    ``echo(text, err=bool)`` prints (click.echo). With ``strict`` warnings fail too.
    """
    results = [check_file(Path(p), max_age) for p in paths]
    failed = [r for r in results if r.failed or (strict and r.problems)]
    if fmt == "text":
        for r in results:
            errors = [p for p in r.problems if p.severity != "warning"]
            for problem in errors:
                echo(str(problem), err=True)
            if not errors:
                echo(f"{r.path}: {r.summary}", err=True)
            for problem in r.problems:
                if problem.severity == "warning":
                    echo(f"warning: {problem}", err=True)
        if failed:
            echo(f"briefgen: {len(failed)} of {len(results)} files have problems", err=True)
    else:
        from briefgen.diagnostics_format import FORMATTERS

        text = FORMATTERS[fmt]([p for r in results for p in r.problems])
        if text:
            echo(text)
    return 1 if failed else 0
