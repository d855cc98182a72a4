"""What one sheet build is asked for, whatever its kind: the argument of every kind's build.

The registry of kinds (:mod:`briefgen.kinds`) names a build function per kind;
each takes a :class:`SheetRequest`, so ``batch``, the Python API and the CLI
build any kind the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.facts import Facts, load_facts
from briefgen.theme.model import DEFAULT_THEME, PageSetup, Theme
from briefgen.writers import DEFAULT_FORMATS


@dataclass(frozen=True)
class SheetRequest:
    """One sheet to build.

    ``facts``: the facts files (one for a brief; two or more for a comparison), as
    paths or as already validated :class:`~briefgen.facts.Facts`.
    ``name``: the output file name without suffix (default: the kind's own,
    ``<id>-<template>`` or ``<id1>-vs-<id2>``, with ``-<lang>`` and ``-<paper>`` when
    they are not the file's language and ``default_paper``:
    :func:`briefgen.outputs.sheet_name`). ``spec`` and ``orientation`` concern kinds
    that read a spec. ``lang`` sets the labels' language. ``since``
    (a git revision) is what a change sheet compares its facts file with.
    """

    facts: tuple[Path, ...]
    template: str
    formats: tuple[str, ...] = DEFAULT_FORMATS
    output: Path = Path("out")
    setup: PageSetup = field(default_factory=PageSetup)
    theme: Theme = DEFAULT_THEME
    template_dirs: tuple[Path, ...] = ()
    name: str | None = None
    spec: Path | None = None
    orientation: str = "auto"
    lang: str | None = None
    since: str | None = None
    """For a change sheet: the git revision its facts are compared with."""
    write: bool = True
    """False: render every format but write nothing (the bytes come back in ``data``)."""
    default_paper: str | None = None
    """The paper without a page-size option (the theme's, else A4); a sheet on another
    paper says so in its default name. None: the name never says the paper."""


def facts_of(source: Path | str | Facts) -> Facts:
    """``source`` as validated facts: a :class:`Facts` as it is, else a path to load."""
    return source if isinstance(source, Facts) else load_facts(source)
