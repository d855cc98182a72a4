"""``briefgen check``: validate facts files and hold them against the templates.

Each file is loaded and validated (schema errors, with their lines), then held
against what the templates read (:mod:`briefgen.facts.slips`) and checked for
sources never cited or cited only as mirrors (:mod:`briefgen.facts.source_checks`).

Without ``--template``, the bundled sheet templates and the bundled comparison
spec are used, and a missing required fact is an error only for a template the
file is evidently meant for (it has at least half of that template's required
facts): a file written for comparisons need not carry a brief's summary. With
``--template NAME|PATH``, every required fact of each named template must be
there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefgen.errors import BriefgenError, Problem


def _reads(templates: tuple[str, ...], template_dirs: list[Path]):
    from briefgen.facts.slips import bundled_reads
    from briefgen.templating.environment import resolve_template
    from briefgen.templating.reads import analyse_template

    if not templates:
        return bundled_reads(), False
    import jinja2

    from briefgen.errors import InputError

    out = []
    for t in templates:
        name, search = resolve_template(t, template_dirs)
        try:
            out.append(analyse_template(name, search))
        except jinja2.TemplateSyntaxError as exc:
            raise InputError(f"{exc.filename or name}:{exc.lineno}: template syntax error: "
                             f"{exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise InputError(f"template '{exc.name}' not found (needed by {t})") from None
    return out, True


def _spec_keys(reads) -> set[str]:
    from briefgen.comparison.spec import load_spec
    from briefgen.sheets.inputs import default_spec_path
    from briefgen.sheets.preflight import spec_keys

    if any(r.name.startswith("comparison") or r.specs for r in reads):
        return spec_keys(load_spec(default_spec_path()))
    return set()


def check_facts_file(path: Path, reads, explicit: bool, keys: set[str],
                     max_age: int | None = None) -> tuple[str | None, list[Problem]]:
    """(summary line or None when the file is invalid, problems) for one facts file."""
    from briefgen.facts import check_age, load_facts
    from briefgen.facts.slips import missing_required, slips, targets
    from briefgen.facts.source_checks import source_problems
    from briefgen.facts.translation import check_translations

    try:
        facts = load_facts(path)
    except BriefgenError as exc:
        return None, exc.problems or [Problem(str(path), None, str(exc))]
    problems: list[Problem] = []
    for r in reads:
        problems += r.problems
        if explicit or targets(facts, r):
            problems += missing_required(facts, r)
    problems += slips(facts, reads, keys)
    problems += source_problems(facts)
    problems += check_translations([facts])  # translation_of: kept in step with its original
    if max_age is not None:
        problems += [Problem(p.file, p.line, p.message, severity="warning", code="BG109")
                     for p in check_age(facts, max_age)]
    n, s = len(facts.model.facts), len(facts.model.sources)
    return f"{path}: ok ({plural(n, 'fact')}, {plural(s, 'source')})", problems


def plural(n: int, word: str) -> str:
    """``1 source``, ``2 sources``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def run_check(paths: tuple[Path, ...], templates: tuple[str, ...], template_dirs: list[Path],
              max_age: int | None, strict: bool, echo: Callable[[str], None]) -> int:
    """Check every file, print each problem once on ``echo``; return the exit code."""
    reads, explicit = _reads(templates, template_dirs)
    keys = _spec_keys(reads)
    failed, warned, seen = 0, 0, set()
    for path in paths:
        summary, problems = check_facts_file(path, reads, explicit, keys, max_age)
        errors = [p for p in problems if p.severity != "warning"]
        warnings = [p for p in problems if p.severity == "warning"]
        for p in sorted(errors, key=lambda p: (p.file, p.line or 0)):
            if str(p) not in seen:
                seen.add(str(p))
                echo(str(p))
        for p in sorted(warnings, key=lambda p: (p.file, p.line or 0)):
            if str(p) not in seen:
                seen.add(str(p))
                echo(f"warning: {p}")
        if summary is None or errors:
            failed += 1
        elif warnings:
            warned += 1
            echo(summary.replace(": ok (", f": ok with {plural(len(warnings), 'warning')} ("))
        else:
            echo(summary)
    if failed:
        echo(f"briefgen: {failed} of {plural(len(paths), 'file')} {'has' if failed == 1 else 'have'}"
             " problems")
        return 1
    if strict and warned:
        echo(f"briefgen: --strict: {warned} of {plural(len(paths), 'file')} "
             f"{'has' if warned == 1 else 'have'} warnings")
        return 1
    return 0
