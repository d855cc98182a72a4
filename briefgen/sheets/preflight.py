"""Checks a build runs before it renders: the facts against what the templates read.

Errors (a required fact missing, an override's unknown block) stop the build
with one message per problem; warnings (a key or field that looks misspelt, a
comparison cell no file covers) are returned as text for stderr, and fail the
build under ``--strict`` (see :mod:`briefgen.sheets.strictness`).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from briefgen.errors import BriefgenError, Problem, problems_error
from briefgen.facts import Facts


def split(problems: list[Problem], what: str) -> list[str]:
    """Raise for the errors among ``problems``; return the warnings as text."""
    errors = [p for p in problems if p.severity != "warning"]
    if errors:
        raise problems_error(errors, what)
    return [str(p) for p in problems if p.severity == "warning"]


def spec_keys(loaded) -> set[str]:
    """Every fact key a comparison spec reads (rows and the quoted fact)."""
    keys = set()
    for row in loaded.spec.rows:
        if row.fact:
            keys.add(row.fact)
        keys.update((row.facts or {}).values())
    if loaded.spec.quote_fact:
        keys.add(loaded.spec.quote_fact)
    return keys


def _embedded_spec_keys(facts: Facts, specs: list[str | None]) -> set[str]:
    if not specs:  # the template embeds no comparison: no spec (nor pydantic) to load
        return set()
    from briefgen.comparison.spec import load_spec
    from briefgen.sheets.inputs import default_spec_path

    keys: set[str] = set()
    for spec in specs:
        path = Path(spec) if spec else default_spec_path()
        if not path.exists() and (facts.path.parent / path).exists():
            path = facts.path.parent / path
        try:
            keys |= spec_keys(load_spec(path))
        except BriefgenError:
            pass  # reported when the template calls compare_with
    return keys


def check_brief(facts: Facts, name: str, search: list[Path]) -> list[str]:
    """Check a facts file against a brief template before rendering; returns warnings."""
    from briefgen.facts.slips import missing_required, slips
    from briefgen.templating.reads import analyse_template

    try:
        reads = analyse_template(name, search)
    except (jinja2.TemplateError, RecursionError):
        return []  # the render reports syntax errors and missing templates with their line
    from briefgen.facts.printing import printing_problems

    problems = reads.problems + missing_required(facts, reads)
    problems += slips(facts, [reads], _embedded_spec_keys(facts, reads.specs))
    problems += printing_problems(facts)  # as `check` reports them
    return split(problems, str(facts.path))


def check_comparison(loaded, files: list[Facts], name: str, search: list[Path]) -> list[str]:
    """Check the facts files of a comparison (template, spec and cells); returns warnings."""
    from briefgen.facts.slips import slips
    from briefgen.templating.reads import analyse_template

    try:
        reads = [analyse_template(name, search)]
    except (jinja2.TemplateError, RecursionError):
        reads = []
    problems = [p for r in reads for p in r.problems]
    keys = spec_keys(loaded)
    from briefgen.facts.printing import printing_problems

    for facts in files:
        problems += slips(facts, reads, keys) + printing_problems(facts)
    return split(problems, str(loaded.path)) + missing_cells(loaded, files)


def missing_cells(loaded, files: list[Facts]) -> list[str]:
    """One warning per cell a file does not cover (it prints as a neutral "—")."""
    return [str(p) for p in missing_cell_problems(loaded, files)]


def missing_cell_problems(loaded, files: list[Facts]) -> list[Problem]:
    """One BG107 warning per cell a file does not cover, at the spec row's line."""
    from briefgen.comparison.spec import key_for
    from briefgen.templating.reads import display_path

    out = []
    for row, line in zip(loaded.spec.rows, loaded.row_lines, strict=True):
        for facts in files:
            key = key_for(row, facts)
            if not key or key not in facts.model.facts:
                out.append(Problem(
                    display_path(str(loaded.path)), line,
                    f"row '{row.label}': {facts.path} has no fact '{key}'; the cell prints "
                    "as — (not covered by the curated facts)", severity="warning", code="BG107"))
    return out
