"""The records a comparison of two facts versions produces (plain, frozen, JSON-ready).

Kinds are fixed words (``added``, ``removed``, ``changed`` for facts and
items; ``added``, ``removed``, ``replaced``, ``redated``, ``edited`` for
sources) so scripts can match on them; :mod:`briefgen.changes.report`
translates them for people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    """One field of a fact, an item or a source that differs: its old and new value."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Claim:
    """A printed claim: a fact, or one item of a list fact (``item`` is its identity)."""

    fact: str
    label: str
    item: str | None = None


@dataclass(frozen=True)
class ItemChange:
    """An entry of a list fact added, removed or changed, matched by its identity."""

    kind: str
    identity: str
    fields: tuple[FieldChange, ...] = ()
    old_line: int | None = None
    new_line: int | None = None
    text: str = ""
    """How the item reads (new side, else old): its name or text and its dates."""
    sources: tuple[str, ...] = ()
    """The item's sources (own, else the fact's), on the side it is described from."""


@dataclass(frozen=True)
class FactChange:
    """A fact added, removed or changed; a list fact's items are compared one by one."""

    kind: str
    key: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    items: tuple[ItemChange, ...] = ()
    old_line: int | None = None
    new_line: int | None = None
    value: str | None = None
    """The fact's text (new side, else old) for a text fact."""
    sources: tuple[str, ...] = ()
    old_as_of: dt.date | None = None
    new_as_of: dt.date | None = None


@dataclass(frozen=True)
class SourceChange:
    """A source added, removed, replaced (new URL or title), re-dated or edited."""

    kind: str
    id: str
    title: str
    fields: tuple[FieldChange, ...] = ()
    claims: tuple[Claim, ...] = ()
    """The claims citing it: on the new side, or on the old one for a removed source."""
    replaced_by: tuple[str, ...] = ()
    """For a removed source: added sources now cited by the claims that cited it."""
    old_line: int | None = None
    new_line: int | None = None


@dataclass(frozen=True)
class OrgChanges:
    """Everything that changed in one organisation's facts file (matched by its ``id``)."""

    id: str
    title: str
    language: str
    kind: str
    """``added`` (only in the new side), ``removed`` (only in the old), ``changed`` or ``same``."""
    old_file: str | None
    new_file: str | None
    old_as_of: dt.date | None
    new_as_of: dt.date | None
    header: tuple[FieldChange, ...] = ()
    facts: tuple[FactChange, ...] = ()
    sources: tuple[SourceChange, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything at all differs."""
        return self.kind != "same"


@dataclass(frozen=True)
class Changes:
    """Both sides as given, and each organisation's changes in the new side's order."""

    old: str
    new: str
    orgs: tuple[OrgChanges, ...]
    notes: tuple[str, ...] = field(default=())
    """Files of a folder that were not facts files and were skipped (said on stderr)."""

    def to_json(self) -> dict[str, Any]:
        """The whole comparison as JSON-ready data (dates as YYYY-MM-DD)."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
