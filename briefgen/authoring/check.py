"""``briefgen check``: validate input files, hold facts files against the templates, report.

The kind of each file (facts, theme, comparison spec, course manifest) is read
from its ``# yaml-language-server: $schema=…`` line, the line ``briefgen new``
and ``briefgen init`` write; without one, top-level ``rows:`` makes a spec,
``jobs:`` a manifest, anything else a facts file (:func:`kind_of`). Problems go
to stderr as ``file:line: message`` (text), or to stdout as JSON, GitHub
workflow annotations or SARIF (:mod:`briefgen.authoring.diagnostics_format`).

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

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import BriefgenError, Problem


def _reads(templates: tuple[str, ...], template_dirs: list[Path]):
    import jinja2

    from briefgen.facts.slips import bundled_reads
    from briefgen.templating.environment import resolve_template
    from briefgen.templating.reads import analyse_template

    if not templates:
        return _sheet_reads(template_dirs) or bundled_reads(), False

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


def _sheet_reads(template_dirs: list[Path]):
    """What each bundled sheet template reads, resolved as ``brief`` resolves it: a course's own
    ``templates/brief.md.j2`` (or one in ``--templates``) is checked in place of the bundled one."""
    import jinja2

    from briefgen.bundled import templates_dir
    from briefgen.errors import InputError
    from briefgen.templating.environment import TEMPLATE_SUFFIX, template_search_path
    from briefgen.templating.reads import analyse_template

    search = template_search_path(template_dirs)
    if search == [templates_dir()]:
        return None  # nothing overrides: the bundled reads, cached
    names = sorted(p.name for p in templates_dir().glob("*" + TEMPLATE_SUFFIX)
                   if not p.name.startswith("_"))
    try:
        return [analyse_template(n, search) for n in names]
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: "
                         f"{exc.message}") from None


def _spec_keys(reads) -> set[str]:
    from briefgen.comparison.spec import load_spec
    from briefgen.kinds import reads_spec
    from briefgen.sheets.inputs import default_spec_path
    from briefgen.sheets.preflight import spec_keys

    if any(reads_spec(r.name) or r.specs for r in reads):
        return spec_keys(load_spec(default_spec_path()))
    return set()


def check_facts_file(path: Path, reads, explicit: bool, keys: set[str],
                     max_age: int | None = None, specs=()) -> tuple[str | None, list[Problem]]:
    """(summary line or None when the file is invalid, problems) for one facts file."""
    from briefgen.facts import check_age, load_facts
    from briefgen.facts.printing import printing_problems
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
    problems += printing_problems(facts)  # as brief, compare and batch report them
    problems += check_translations([facts])  # translation_of: kept in step with its original
    if specs:
        from briefgen.sheets.preflight import missing_cell_problems

        for loaded in specs:  # --spec: each cell the file would leave as "—", with the row's line
            problems += missing_cell_problems(loaded, [facts])
    if max_age is not None:
        problems += check_age(facts, max_age)  # BG150 warnings
    n, s = len(facts.model.facts), len(facts.model.sources)
    return f"{path}: ok ({plural(n, 'fact')}, {plural(s, 'source')})", problems


def plural(n: int, word: str) -> str:
    """``1 source``, ``2 sources``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


KINDS = ("facts", "theme", "spec", "manifest")
_SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=\S*?(facts|theme|spec|manifest)"
                          r"\.schema\.json")


def kind_of(path: Path) -> str:
    """The file kind its schema line names (first five lines); else ``spec`` for a file
    with top-level ``rows:``, ``manifest`` for one with ``jobs:``, otherwise ``facts``."""
    from briefgen.inputs.files import not_regular

    if not_regular(path):  # a FIFO would block open(); the facts reader refuses it
        return "facts"
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


def _theme(path: Path) -> tuple[str, list[Problem]]:
    from briefgen.theme.loader import load_theme

    theme, _ = load_theme(path)
    return "ok (theme)", list(theme.warnings)


def _spec(path: Path) -> tuple[str, list[Problem]]:
    from briefgen.comparison.spec import load_spec

    loaded = load_spec(path)
    return f"ok (comparison spec, {len(loaded.spec.rows)} rows)", []


def _manifest(path: Path) -> tuple[str, list[Problem]]:
    from briefgen.course.manifest import load_manifest

    manifest = load_manifest(path)
    return f"ok (course manifest, {len(manifest.jobs)} jobs)", []


def _other_kind(path: Path, kind: str) -> tuple[str | None, list[Problem]]:
    """(summary, problems) for a theme, spec or manifest file."""
    checker = {"theme": _theme, "spec": _spec, "manifest": _manifest}[kind]
    try:
        summary, problems = checker(path)
    except BriefgenError as exc:
        return None, list(exc.problems) or [Problem(str(path), None, str(exc), code="BG000")]
    return f"{path}: {summary}", problems


@dataclass
class FileCheck:
    """What checking one file found: its kind, a summary line when it loaded, its problems."""

    path: Path
    kind: str
    summary: str | None
    problems: list[Problem] = field(default_factory=list)


def check_file(path: Path, max_age: int | None = None, *, reads=None, explicit: bool = False,
               keys: set[str] | None = None, specs=()) -> FileCheck:
    """Load ``path`` as the kind it declares and find every problem it has, coded and located.

    A facts file is held against ``reads`` (default: the bundled templates).
    """
    kind = kind_of(Path(path))
    if kind != "facts":
        return FileCheck(Path(path), kind, *_other_kind(Path(path), kind))
    if reads is None:
        reads, explicit = _reads((), [])
        keys = _spec_keys(reads)
    summary, problems = check_facts_file(Path(path), reads, explicit, keys or set(), max_age, specs)
    return FileCheck(Path(path), kind, summary, problems)


def run_check(paths: tuple[Path, ...] | list[Path], templates: tuple[str, ...] = (),
              template_dirs: list[Path] | None = None, max_age: int | None = None,
              strict: bool = False, fmt: str = "text",
              echo: Callable[..., None] = print, links=None, specs: tuple[Path, ...] = ()) -> int:
    """Check every file, report each problem once in ``fmt``; return the exit code.

    ``echo(text, err=bool)`` prints (click.echo): text goes to stderr, the
    machine formats to stdout. With ``strict`` a warning fails the run too.
    With ``links`` (a :class:`briefgen.sources.links.LinkOptions`), every cited
    URL is checked on the web as well (:mod:`briefgen.authoring.links`). With ``specs``
    (``--spec``), each facts file is held against those comparison specs too: a cell it
    would leave as "—" is a warning naming the spec row's line.
    """
    from briefgen.comparison.spec import load_spec
    from briefgen.sheets.preflight import spec_keys

    reads, explicit = _reads(tuple(templates), list(template_dirs or []))
    keys = _spec_keys(reads)
    loaded_specs = [load_spec(s) for s in specs]
    for loaded in loaded_specs:
        keys |= spec_keys(loaded)
    on_web: dict[str, list[Problem]] = {}
    if links is not None:
        from briefgen.authoring.links import links_by_file

        on_web = links_by_file([p for p in paths if kind_of(Path(p)) == "facts"], links,
                               echo if fmt == "text" else None)
    failed, warned, seen, everything = 0, 0, set(), []
    for path in paths:
        result = check_file(Path(path), max_age, reads=reads, explicit=explicit, keys=keys,
                            specs=loaded_specs)
        summary, problems = result.summary, result.problems + on_web.get(str(path), [])
        errors = [p for p in problems if p.severity != "warning"]
        warnings = [p for p in problems if p.severity == "warning"]
        if summary is None or errors:
            failed += 1
        elif warnings:
            warned += 1
        for p in sorted(errors, key=lambda p: (p.file, p.line or 0)) + sorted(
                warnings, key=lambda p: (p.file, p.line or 0)):
            if str(p) in seen:
                continue
            seen.add(str(p))
            everything.append(p)
            if fmt == "text":
                echo(f"warning: {p}" if p.severity == "warning" else str(p), err=True)
        if fmt == "text" and summary is not None and not errors:
            if warnings:
                summary = summary.replace(": ok (", f": ok with {plural(len(warnings), 'warning')} (")
            echo(summary, err=True)
    if fmt != "text":
        from briefgen.authoring.diagnostics_format import FORMATTERS

        text = FORMATTERS[fmt](everything)
        if text:
            echo(text)
    if failed:
        if fmt == "text":
            echo(f"briefgen: {failed} of {plural(len(paths), 'file')} "
                 f"{'has' if failed == 1 else 'have'} problems", err=True)
        return 1
    if strict and warned:
        if fmt == "text":
            echo(f"briefgen: --strict: {warned} of {plural(len(paths), 'file')} "
                 f"{'has' if warned == 1 else 'have'} warnings", err=True)
        return 1
    return 0
