"""The shapes of a template analysis: one read of a fact or item field, and all reads of a template.

Shared by :mod:`briefgen.templating.walk` (which fills them in) and
:mod:`briefgen.templating.reads` (the public entry point).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import Problem

TIMELINE_FIELDS = ("name", "text", "joined", "left", "status", "status_since", "periods")
"""Item fields ``membership_timeline(members, former)`` reads (see briefgen.document.timeline)."""
FACT_ATTRS = {"value", "label", "quote", "note", "as_of", "key", "source_ids", "is_list",
              "display_text"}
ITEM_ATTRS = {"source_ids", "display_text"}
MAX_CALL_DEPTH = 12


@dataclass(frozen=True)
class Read:
    """One read of a fact (``field`` None) or of an item field of a list fact."""

    key: str
    field: str | None
    optional: bool
    file: str
    line: int

    @property
    def where(self) -> str:
        """``template-file:line`` of the read."""
        return f"{self.file}:{self.line}"


@dataclass
class TemplateReads:
    """Everything one template (with its parents, imports and macros) reads."""

    name: str
    file: str
    reads: list[Read] = field(default_factory=list)
    any_fact: bool = False
    blocks: dict[str, int] = field(default_factory=dict)
    specs: list[str | None] = field(default_factory=list)
    alternatives: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def required(self) -> dict[str, Read]:
        """The first required read of each fact a build cannot do without."""
        out: dict[str, Read] = {}
        for r in self.reads:
            if r.field is None and not r.optional:
                out.setdefault(r.key, r)
        return out

    def used_keys(self) -> set[str]:
        """Every fact key the template reads, required or optional."""
        return {r.key for r in self.reads}

    def stands_in(self, key: str, fld: str) -> set[str]:
        """Fields the template prints instead of ``fld`` when an item lacks it (``x.a or x.b``)."""
        return self.alternatives.get((key, fld), set())

    def item_fields(self) -> dict[str, dict[str, Read]]:
        """For each list fact, the item fields read (field -> first read)."""
        out: dict[str, dict[str, Read]] = {}
        for r in self.reads:
            if r.field is not None:
                out.setdefault(r.key, {}).setdefault(r.field, r)
        return out


def display_path(filename: str) -> str:
    """A template's path as a user would type it: relative to the working folder if inside."""
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
