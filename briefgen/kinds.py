"""THE registry of sheet kinds: what briefgen may know about a kind of sheet, in one place.

Each :class:`SheetKind` row owns its name (one name per kind), its default
template, how one sheet of it is built, the heading its sheets are listed
under in a course pack's contents, whether it reads a comparison spec, and
whether one sheet takes several facts files. The course manifest, ``batch``,
the pack's contents, ``check`` and the slips read this table; nothing else
branches on a kind's name or a template's.

The registry is plain data at the bottom of the package so that every layer
may read it (the slips in ``facts/`` as well as ``course/``); the build
functions live in ``sheets/`` and are named here as ``"module:function"``,
imported when a sheet is built (as the format table names its writers).

Adding a kind of sheet: its template in ``templates/`` and one row here (with
its build function in ``sheets/`` if it needs data of its own).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True)
class SheetKind:
    """One kind of sheet: a row of the registry.

    ``build`` is ``"module:function"``: a function taking a
    :class:`briefgen.sheets.request.SheetRequest` and returning the build's
    result. ``heading`` is a msgid of the pack's catalogue
    (:data:`briefgen.i18n.sheet.PACK_MESSAGES`). ``aliases`` are other words a
    manifest may use for the kind (``compare``, the command's verb).
    """

    name: str
    template: str
    build: str
    heading: str
    reads_spec: bool = False
    many_facts: bool = False
    aliases: tuple[str, ...] = ()
    label: str = ""
    """What one sheet of this kind is called in its running header and PDF subject (a msgid
    of the sheet catalogue: "Briefing sheet", "Timeline"); "" when its build names it."""
    noun: str = ""
    """What a message on stderr calls one sheet of this kind ("the timeline does not fit…");
    the kind's name when empty."""

    def called(self) -> str:
        """What a message calls one sheet of this kind: ``noun``, else the kind's name."""
        return self.noun or self.name

    def builder(self) -> Callable:
        """The function that builds one sheet of this kind, imported on first use."""
        module, func = self.build.split(":")
        return getattr(importlib.import_module(module), func)


KINDS: tuple[SheetKind, ...] = (
    SheetKind("brief", "brief", "briefgen.sheets.brief:build_brief", "Briefing sheets",
              label="Briefing sheet"),
    SheetKind("timeline", "timeline", "briefgen.sheets.brief:build_brief", "Timelines",
              label="Timeline"),
    SheetKind("comparison", "comparison", "briefgen.sheets.comparison:build_comparison",
              "Comparisons", reads_spec=True, many_facts=True, aliases=("compare",)),
    SheetKind("changes", "changes", "briefgen.sheets.changes:build_changes", "What changed",
              noun="change sheet"),
)
"""Every kind of sheet, in the order a pack's contents lists them."""


def kind_names(aliases: bool = False) -> tuple[str, ...]:
    """Every kind's name (and, with ``aliases``, the other words a manifest accepts)."""
    names = [k.name for k in KINDS]
    if aliases:
        names += [a for k in KINDS for a in k.aliases]
    return tuple(names)


def get_kind(name: str) -> SheetKind:
    """The kind called ``name`` (or one of its aliases); KeyError if there is none."""
    for kind in KINDS:
        if name == kind.name or name in kind.aliases:
            return kind
    raise KeyError(name)


def template_kind(template: str) -> SheetKind | None:
    """The kind whose default template ``template`` is (or a variant of: ``comparison-ru``),
    by file name; None for a template of no registered kind (a user's own)."""
    stem = PurePath(str(template)).name
    for kind in sorted(KINDS, key=lambda k: -len(k.template)):
        if stem.startswith(kind.template):
            return kind
    return None


def reads_spec(template: str) -> bool:
    """Whether ``template`` is of a kind that reads a comparison spec (by its file name)."""
    kind = template_kind(template)
    return kind is not None and kind.reads_spec


def listed_kind(kind: str, template: str) -> SheetKind:
    """The kind a sheet is listed under in a pack: its template's kind when that builds the
    same way as the job's kind (a brief job with the timeline template is a timeline)."""
    job = get_kind(kind)
    by_template = template_kind(template)
    if by_template is not None and by_template.build == job.build:
        return by_template
    return job
