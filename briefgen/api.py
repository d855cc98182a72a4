"""briefgen's public Python API: build a brief, a comparison or a course from a script or notebook.

Everything here is also importable from the package root::

    import briefgen

    result = briefgen.build_brief("facts/csto.yaml", formats=["pdf"], output="handouts")
    result.paths      # [PosixPath('handouts/csto-brief.pdf')]
    result.warnings   # messages the CLI would print on stderr

    # Facts as data, nothing written: the bytes by format
    sheet = briefgen.build_brief(facts_dict, write=False)
    sheet.data["pdf"][:5]   # b'%PDF-'

A problem with the input raises :class:`briefgen.BriefgenError` (its ``lines()``
are what the CLI prints: ``file:line: message``); content that does not fit its
pages raises :class:`briefgen.PageOverflowError`. The CLI is a thin layer over
these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, PageOverflowError

if TYPE_CHECKING:
    from briefgen.facts import Facts
    from briefgen.theme.model import Theme

__all__ = ["BriefgenError", "PageOverflowError", "Sheet", "Course", "build_brief",
           "build_comparison", "build_course", "load_theme_file"]

FactsSource = str | Path | Mapping
"""A facts file's path, a bundled sample's name (``"csto"``), or the facts as data (a mapping
shaped as the YAML file is)."""


@dataclass
class Sheet:
    """What one build made.

    ``paths``: the files written (empty with ``write=False``); ``data``: each
    format's bytes by format name (only with ``write=False``); ``warnings``:
    the messages the CLI prints on stderr; ``scale`` and ``pages``: the type
    scale the one-page fit chose and the pages the sheet takes.
    """

    paths: list[Path]
    warnings: list[str]
    data: dict[str, bytes] = field(default_factory=dict)
    scale: float = 1.0
    pages: int = 1


@dataclass
class Course:
    """What a course build did: files written, jobs built, skipped and failed (job → reason)."""

    paths: list[Path]
    built: list[str]
    skipped: list[str]
    failed: dict[str, str]
    warnings: dict[str, list[str]]
    pack: list[Path]

    @property
    def ok(self) -> bool:
        """True when no job failed."""
        return not self.failed


def _facts(source: FactsSource | Facts) -> Path | Facts:
    """A path (bundled names resolved) or validated facts from in-memory data."""
    from briefgen.facts import Facts

    if isinstance(source, Facts):
        return source
    if isinstance(source, Mapping):
        import yaml

        from briefgen.facts.loader import load_facts_text

        name = str(source.get("id") or "facts") + ".yaml"  # named in messages: "<id>.yaml:3: …"
        text = yaml.safe_dump(_plain(source), allow_unicode=True, sort_keys=False)
        return load_facts_text(text, f"<{name}>")
    from briefgen.bundled import find_facts

    return find_facts(Path(source))


def _plain(value):
    """``value`` with dates as ISO text, tuples as lists: what YAML round-trips as written."""
    import datetime as dt

    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def load_theme_file(theme: str | Path | Theme | None) -> tuple[Theme, str | None]:
    """A theme from a theme file's path (or a :class:`Theme` as it is; None: the default),
    with the page size it asks for."""
    from briefgen.theme.loader import load_theme
    from briefgen.theme.model import Theme

    if isinstance(theme, Theme):
        return theme, None
    return load_theme(theme)


def online_base(url: str | None) -> str | None:
    """The checked base address of a course's pages (``--online-url``; None stays None):
    an https folder address, ending in ``/``. Raises :class:`BriefgenError` saying why not."""
    if url is None:
        return None
    from briefgen.document.online import check_online_base
    from briefgen.errors import InputError

    base, why = check_online_base(url)
    if why:
        raise InputError(f"online_url {why}")
    return base


def _request(facts, template, formats, output, page_size, pages, allow_overflow, theme,
             templates, lang, write, orientation="portrait", online_url=None, **extra):
    from briefgen.sheets.request import SheetRequest
    from briefgen.theme.model import PageSetup, page_size_for
    from briefgen.writers import DEFAULT_FORMATS

    loaded, theme_size = load_theme_file(theme)  # the theme's problems first, as the CLI had them
    if online_url is not None:  # each printed sheet carries a QR code to its page online
        from dataclasses import replace

        loaded = replace(loaded, online_url=online_base(online_url))
    facts = [_facts(f) for f in facts]
    chosen = tuple(dict.fromkeys(f.lower() for f in formats)) if formats else DEFAULT_FORMATS
    setup = PageSetup(size=page_size_for(page_size, theme_size), pages=pages,
                      allow_overflow=allow_overflow)
    return SheetRequest(tuple(facts), template, chosen, Path(output), setup, loaded,
                        tuple(Path(d) for d in templates), lang=lang, write=write,
                        orientation=orientation, default_paper=page_size_for(None, theme_size),
                        **extra)


def _run(kind: str, request, strict: bool) -> Sheet:
    from briefgen.kinds import get_kind
    from briefgen.sheets.strictness import strict_mode

    with strict_mode(strict):
        result = get_kind(kind).builder()(request)
    return Sheet(list(result.paths), list(dict.fromkeys(result.warnings)), dict(result.data),
                 result.scale, result.pages)


def build_brief(facts: FactsSource, *, template: str = "brief",
                formats: Iterable[str] | None = None, output: str | Path = "out",
                write: bool = True, page_size: str | None = None, pages: int = 1,
                allow_overflow: bool = False, theme: str | Path | Theme | None = None,
                templates: Sequence[str | Path] = (), lang: str | None = None,
                strict: bool = False, online_url: str | None = None) -> Sheet:
    """Build one brief from a facts file (path or bundled name) or facts as data.

    Writes ``<output>/<facts id>-<template>.<suffix>`` (``-<lang>``, ``-<paper>``
    when not the file's and the theme's) for each of ``formats``
    (default: pdf and docx; any name of the format table, plugins' included),
    or with ``write=False`` returns the bytes in :attr:`Sheet.data`. The
    keyword arguments are the options of ``briefgen brief``; ``online_url``
    (an https folder address) puts a QR code to the sheet's page there on the PDF and DOCX.
    """
    request = _request([facts], template, formats, output, page_size, pages,
                       allow_overflow, theme, templates, lang, write, online_url=online_url)
    return _run("brief", request, strict)


def build_comparison(facts: Sequence[FactsSource], *, spec: str | Path | None = None,
                     orientation: str = "auto", name: str | None = None,
                     template: str = "comparison", formats: Iterable[str] | None = None,
                     output: str | Path = "out", write: bool = True,
                     page_size: str | None = None, pages: int = 1, allow_overflow: bool = False,
                     theme: str | Path | Theme | None = None,
                     templates: Sequence[str | Path] = (), lang: str | None = None,
                     strict: bool = False, online_url: str | None = None) -> Sheet:
    """Build a comparison of two or more organisations (paths, bundled names or data).

    Writes ``<output>/<id1>-vs-<id2>.<suffix>`` (or ``<name>.<suffix>``); the
    keyword arguments are the options of ``briefgen compare``. ``spec`` is a
    comparison spec file (default: the bundled defence-clause spec); ``online_url`` as in
    :func:`build_brief`.
    """
    if name is not None:
        from briefgen.outputs import safe_output_name

        safe_output_name(name, "name")
    request = _request(list(facts), template, formats, output, page_size, pages,
                       allow_overflow, theme, templates, lang, write, orientation=orientation,
                       name=name, spec=Path(spec) if spec else None, online_url=online_url)
    return _run("comparison", request, strict)


def build_course(manifest: str | Path, *, jobs: int | None = 1, force: bool = False,
                 pack: bool = False, output: str | Path | None = None,
                 strict: bool = False) -> Course:
    """Build every sheet a course manifest lists (``briefgen batch``); returns what happened.

    ``jobs`` sheets are built at once (default 1: in this process; None: one
    per core). A failed job does not stop the others: see :attr:`Course.failed`.
    A bad manifest raises :class:`BriefgenError`.
    """
    from briefgen.course.run import run_batch

    summary = run_batch(manifest, workers=jobs, force=force, pack=pack,
                        output=Path(output) if output else None, strict=strict)
    return Course(
        paths=[Path(p) for outcome in summary.built for p in outcome.paths] + list(summary.pack),
        built=[o.name for o in summary.built], skipped=[j.name for j in summary.skipped],
        failed={o.name: o.reason for o in summary.failed},
        warnings={o.name: list(o.warnings) for o in summary.built if o.warnings},
        pack=list(summary.pack))
