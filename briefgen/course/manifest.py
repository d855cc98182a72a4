"""Course manifests: which sheets a course needs, read and checked before anything is built.

A manifest (YAML) has ``defaults:`` (options every job shares) and ``jobs:``
(one entry per brief or comparison; a glob in a brief job's ``facts`` makes one
job per file). Paths are relative to the manifest's folder. Every problem is
reported as ``manifest:line: message``, all at once, before any build starts.
Output names are known here, from each facts file's ``id:`` line alone (read,
not parsed or validated: :func:`facts_id`), so two jobs that would write the
same file and names escaping the output folder are refused up front, and the
incremental check needs no parsing. They follow the same rule as ``briefgen
brief`` and ``compare`` (:func:`briefgen.outputs.sheet_name`).
"""

from __future__ import annotations

import dataclasses
import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.errors import InputError, Problem, problems_error
from briefgen.inputs.files import not_regular
from briefgen.inputs.validation import validate
from briefgen.inputs.yamlfile import MANIFEST_LIMITS, YamlDocument, load_yaml
from briefgen.kinds import KINDS, get_kind, kind_names
from briefgen.outputs import safe_output_name, sheet_name
from briefgen.theme.model import PAGE_SIZES
from briefgen.writers import DEFAULT_FORMATS, format_names


class Options(BaseModel):
    """Options a job may set and ``defaults:`` may give for every job."""

    model_config = ConfigDict(extra="forbid")
    formats: list[Literal[format_names()]] | None = Field(default=None,
                                                         description="output formats (default: all)")
    template: str | None = Field(default=None, description="template name or .md.j2 path")
    templates: list[str] | None = Field(default=None, description="extra template folders")
    spec: str | None = Field(default=None, description="comparison spec (compare jobs)")
    page_size: Literal[PAGE_SIZES] | None = Field(default=None, description="a4 or letter")
    pages: int | None = Field(default=None, ge=1, le=20, description="pages a sheet may take")
    orientation: Literal["auto", "portrait", "landscape"] | None = Field(
        default=None, description="auto: landscape for 3+ organisations or long cells")
    allow_overflow: bool | None = Field(default=None,
                                        description="let content run onto more pages")
    theme: str | None = Field(default=None, description="theme file (YAML)")
    strict: bool | None = Field(default=None, description="every warning fails the job (--strict)")

    @field_validator("formats", "templates", mode="before")
    @classmethod
    def _one_or_many(cls, v):
        if isinstance(v, str):
            v = [v]
        return v

    @field_validator("formats", "page_size", "orientation", mode="before")
    @classmethod
    def _lower(cls, v):
        if isinstance(v, list):
            return [x.lower() if isinstance(x, str) else x for x in v]
        return v.lower() if isinstance(v, str) else v


class Defaults(Options):
    """``defaults:``: the shared options plus the output folder and pack name."""

    output: str = Field(default="out", description="output folder, relative to the manifest")
    pack: str | None = Field(default=None, description="name of the course pack (zip)")


class JobEntry(Options):
    """One entry of ``jobs:``."""

    kind: Literal[kind_names(aliases=True)] = Field(
        default=KINDS[0].name, description=", ".join(kind_names()) + " (compare is comparison)")

    @field_validator("kind", mode="after")
    @classmethod
    def _one_name(cls, v: str) -> str:
        return get_kind(v).name  # an alias (compare) names its kind (comparison)
    facts: str | list[str] = Field(description="facts file(s); a glob makes one brief per file")
    output: str | None = Field(default=None, description="output name without extension; "
                               "{stem} and {template} are filled in")


class ManifestFile(BaseModel):
    """The whole manifest file."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(default=None, description="the course title")
    online_url: str | None = Field(
        default=None, description="https address of the folder the course's HTML pages are "
        "published in: each printed sheet carries a QR code to its page there")
    strict: bool | None = Field(default=None, description="every warning fails its job (--strict)")
    defaults: Defaults = Field(default_factory=Defaults, description="options every job shares")
    jobs: list[JobEntry] = Field(min_length=1, description="one entry per brief or comparison")


@dataclass(frozen=True)
class Job:
    """One sheet to build, with every path absolute and every option settled.

    Plain data (picklable): it travels to the worker processes as is.
    """

    name: str  # output file stem, unique in the manifest; the state key
    kind: str  # a name of briefgen.kinds.KINDS
    facts: tuple[str, ...]
    template: str
    template_dirs: tuple[str, ...]
    spec: str | None
    formats: tuple[str, ...]
    page_size: str | None
    pages: int
    orientation: str
    allow_overflow: bool
    theme: str | None
    output: str  # the output folder
    where: str  # "manifest:line" of the job's entry
    line: int  # that line
    strict: bool = False  # warnings fail the job
    since: str | None = None  # a change sheet's git revision (batch --since), as a commit id
    online_url: str | None = None  # the checked base address of the course's HTML pages

    def output_files(self) -> list[str]:
        """File names this job writes, one per format."""
        return [f"{self.name}.{fmt}" for fmt in self.formats]


@dataclass
class Manifest:
    """A checked manifest: the output folder, the jobs in order, the pack name."""

    file: Path
    output: Path
    jobs: list[Job]
    pack_name: str
    title: str
    theme: str | None = None
    """The course theme (``defaults.theme``, resolved): the pack's front pages are drawn in it."""
    online_url: str | None = None
    """Where the course's HTML pages are published (checked, ending in ``/``), or None."""


def load_manifest(path: Path | str, output: Path | None = None) -> Manifest:
    """Read, validate and expand a course manifest; ``output`` overrides ``defaults.output``."""
    path = Path(path)
    doc = load_yaml(path, "course manifest", MANIFEST_LIMITS)
    model = validate(ManifestFile, doc, "course manifest", "defaults:, jobs:")
    base = path.resolve().parent
    out_dir = (Path(output) if output is not None else base / model.defaults.output).resolve()
    problems: list[Problem] = []
    jobs: list[Job] = []
    defaults = model.defaults
    if model.strict and defaults.strict is None:
        defaults = defaults.model_copy(update={"strict": True})
    for i, entry in enumerate(model.jobs):
        try:
            jobs.extend(_expand(entry, defaults, base, out_dir, doc, i))
        except _Refused as exc:
            problems.extend(exc.problems)
    pack = model.defaults.pack or f"{path.stem}-pack"
    problems.extend(_check_names(jobs, pack, doc))
    online = None
    if model.online_url is not None:
        from briefgen.document.online import check_online_base

        online, why = check_online_base(model.online_url)
        if why:
            problems.append(doc.problem(("online_url",), f"online_url {why}", "BG549"))
    if problems:
        raise problems_error(problems, doc.file)
    if online:
        jobs = [dataclasses.replace(job, online_url=online) for job in jobs]
    theme = str((base / defaults.theme).resolve()) if defaults.theme else None
    return Manifest(path, out_dir, jobs, pack, model.title or path.stem, theme, online)


class _Refused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _files(patterns: list[str], base: Path, doc: YamlDocument, loc: tuple) -> list[str]:
    """Facts paths of one entry, globs expanded (sorted), every one checked to exist."""
    found: list[str] = []
    problems = []
    for pattern in patterns:
        full = str(base / pattern)
        if glob.has_magic(pattern):
            matches = sorted(glob.glob(full, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            if not files:
                what = (f"no facts file (only {len(matches)} folder(s) or other non-files)"
                        if matches else "no file")
                problems.append(doc.problem(loc, f"'{pattern}' matches {what}", "BG540"))
            found.extend(os.path.normpath(m) for m in files)
        elif not os.path.isfile(full):
            why = not_regular(full) if os.path.exists(full) else None
            problems.append(doc.problem(loc, f"facts file '{pattern}' {why} " if why else
                                        f"facts file '{pattern}' not found "
                                        f"(paths are relative to {base})", "BG541"))
        else:
            found.append(os.path.normpath(full))
    if problems:
        raise _Refused(problems)
    return list(dict.fromkeys(found))


def _template(value: str, base: Path) -> str:
    """A template name stays a name; a path (``x.md.j2``, ``a/b``) becomes absolute."""
    if value.endswith(".j2") or "/" in value or os.sep in value:
        return str((base / value).resolve())
    return value


def _expand(entry: JobEntry, defaults: Defaults, base: Path, out_dir: Path,
            doc: YamlDocument, i: int) -> list[Job]:
    loc = ("jobs", i)
    line = doc.line_of(loc) or 1

    kind = get_kind(entry.kind)

    def opt(name: str, fallback):
        value = getattr(entry, name)  # defaults' template is the default kind's (brief) only
        if value is None and not (name == "template" and kind.name != KINDS[0].name):
            value = getattr(defaults, name)
        return fallback if value is None else value

    patterns = [entry.facts] if isinstance(entry.facts, str) else entry.facts
    if not patterns:
        raise _Refused([doc.problem(loc + ("facts",), "'facts' lists no file", "BG542")])
    files = _files(patterns, base, doc, loc + ("facts",))
    template = opt("template", kind.template)
    spec = opt("spec", None)
    theme = opt("theme", None)
    common = dict(
        kind=kind.name,
        template=_template(template, base),
        template_dirs=tuple(str((base / d).resolve()) for d in opt("templates", [])),
        spec=str((base / spec).resolve()) if spec and kind.reads_spec else None,
        formats=tuple(dict.fromkeys(opt("formats", list(DEFAULT_FORMATS)))),
        page_size=opt("page_size", None),
        pages=opt("pages", 1),
        orientation=opt("orientation", "auto"),
        allow_overflow=opt("allow_overflow", False),
        strict=opt("strict", False),
        theme=str((base / theme).resolve()) if theme else None,
        output=str(out_dir),
        where=f"{doc.file}:{line}",
        line=line,
    )
    stem = Path(template).name.removesuffix(".j2").removesuffix(".md")
    paper = _paper_suffix(common["page_size"], common["theme"])
    if kind.many_facts:
        if len(files) < 2:
            raise _Refused([doc.problem(loc + ("facts",), f"a {kind.name} job needs two or more "
                                        f"facts files; found {len(files)}", "BG543")])
        default = "-vs-".join(facts_id(f) for f in files) + paper
        name = _name(entry.output, default, {"template": stem}, doc, loc)
        return [Job(name=name, facts=tuple(files), **common)]
    jobs = []
    for f in files:
        default = facts_id(f) + "-{template}" + paper  # an id has no braces
        name = _name(entry.output, default, {"stem": Path(f).stem, "template": stem}, doc, loc)
        jobs.append(Job(name=name, facts=(f,), **common))
    return jobs


_ID_LINE = re.compile(r"""^id:[ \t]*(["']?)([A-Za-z0-9][\w.-]*)\1[ \t]*(?:#.*)?$""", re.M)
_IDS: dict[str, str] = {}


def facts_id(path: str) -> str:
    """The ``id:`` a facts file's top level states, as its sheets are named by; the file's
    name without extension when no plain ``id:`` line is found (the job then reports
    the file's problem when it runs)."""
    if path not in _IDS:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                head = f.read(65536)
        except OSError:
            head = ""
        found = _ID_LINE.search(head)
        _IDS[path] = found.group(2) if found else Path(path).stem
    return _IDS[path]


def _paper_suffix(page_size: str | None, theme: str | None) -> str:
    """``-letter`` when a job's paper is not its theme's (else A4): the default name says so,
    as ``briefgen brief --page-size letter`` does (:func:`briefgen.outputs.sheet_name`)."""
    from briefgen.theme.model import page_size_for

    if not page_size:
        return ""
    default = page_size_for(None, _theme_paper(theme))
    return sheet_name("", paper=page_size, default_paper=default)


_THEME_PAPER: dict[str, str | None] = {}


def _theme_paper(theme: str | None) -> str | None:
    """The page size a theme file asks for (None: none, or the theme cannot be read: the
    job reports that when it runs)."""
    if not theme:
        return None
    if theme not in _THEME_PAPER:
        from briefgen.errors import BriefgenError
        from briefgen.theme.loader import load_theme

        try:
            _THEME_PAPER[theme] = load_theme(theme)[1]
        except BriefgenError:
            _THEME_PAPER[theme] = None
    return _THEME_PAPER[theme]


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def fill_placeholders(pattern: str, fields: dict[str, str]) -> str:
    """``pattern`` with each ``{name}`` of ``fields`` filled in (``{{``/``}}`` are braces).

    Only the documented names are substituted: no attribute access, index or
    format spec (``{stem.x}``, ``{stem[0]}``, ``{stem:>99999999}``) as with
    ``str.format``; anything else in braces raises ValueError naming it.
    """
    def fill(match: re.Match) -> str:
        text = match.group()
        if text in ("{{", "}}"):
            return text[0]
        name = match.group(1)
        if name is None:
            raise ValueError(f"a lone '{text}' (write '{text * 2}' for a brace)")
        if name not in fields:
            raise ValueError(f"unknown placeholder '{{{name[:40]}}}'")
        return fields[name]

    return _PLACEHOLDER.sub(fill, pattern)


def _name(value: str | None, default: str, fields: dict[str, str], doc: YamlDocument,
          loc: tuple) -> str:
    """The output stem, placeholders filled, checked to stay inside the output folder."""
    line = doc.line_of(loc + ("output",) if value else loc)
    raw = value or default
    try:
        name = fill_placeholders(raw, fields)
    except ValueError as exc:
        raise _Refused([Problem(doc.file, line, f"output '{raw[:80]}': {exc}; "
                                "use {stem} (facts file name) or {template}", code="BG544")]) from None
    try:
        return safe_output_name(name, "output")
    except InputError as exc:
        raise _Refused([Problem(doc.file, line, str(exc), code="BG545")]) from None


def _check_names(jobs: list[Job], pack: str, doc: YamlDocument) -> list[Problem]:
    """Two jobs writing the same file, or a job named like the pack: refused."""
    problems = []
    try:
        safe_output_name(pack, "pack")
    except InputError as exc:
        problems.append(Problem(doc.file, doc.line_of(("defaults", "pack")), str(exc),
                                code="BG546"))
    seen: dict[str, Job] = {}
    for job in jobs:
        other = seen.setdefault(job.name, job)
        if other is not job:
            problems.append(Problem(doc.file, job.line,
                                    f"output '{job.name}' is also written by the job at line "
                                    f"{other.line}; give one an 'output:' name "
                                    "(with {stem} for globs)", code="BG547"))
        if job.name == pack or "index.html" in job.output_files():
            what = "the course pack's name" if job.name == pack else "the pack's index.html"
            problems.append(Problem(doc.file, job.line, f"output '{job.name}' is {what}; "
                                    "rename one (output:, defaults.pack)", code="BG548"))
    return problems
