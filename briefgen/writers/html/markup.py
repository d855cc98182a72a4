"""HTML text and tags, and the writer's state while it walks one document.

Escaping follows the HTML serialisation algorithm (what browsers and
html5ever write back): ``&``, ``<``, ``>`` and the no-break space in text;
``&``, ``"`` and the no-break space in attribute values. So a sanitizer that
parses and re-serialises the fragment gives back the same bytes, which the
LMS tests rely on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from briefgen.document.model import Document
from briefgen.theme.model import Theme

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\u00a0": "&nbsp;"})
_ATTR = str.maketrans({"&": "&amp;", '"': "&quot;", "\u00a0": "&nbsp;"})


def text(value: str) -> str:
    """``value`` escaped as HTML text."""
    return value.translate(_TEXT)


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute."""
    return value.translate(_ATTR)


def attrs(pairs: dict[str, str | None]) -> str:
    """`` name="value"`` for each pair whose value is not None, in the order given."""
    return "".join(f' {k}="{attr(v)}"' for k, v in pairs.items() if v is not None)


@dataclass
class Context:
    """What every handler needs while writing one document in one flavour.

    ``lms`` picks the fragment's rules; ``styles`` maps a class name to its
    inline style there (the page writes ``class`` and a style sheet instead).
    ``level`` is the level of the last heading written, so none is skipped.
    """

    doc: Document
    theme: Theme
    lms: bool
    numbers: dict[str, int]
    styles: dict[str, str] = field(default_factory=dict)
    prefix: str = "bg"
    shift: int = 0
    level: int = 0
    cites: dict[int, int] = field(default_factory=dict)
    serial: int = 0
    stack: list[tuple[int, int]] = field(default_factory=list)  # (tree level, written level)
    last_heading: str = ""
    last_heading_id: str = ""
    paragraph_class: str | None = None

    def new_id(self, what: str) -> str:
        """A fresh element id, unique in the document (and prefixed per sheet)."""
        self.serial += 1
        return f"{self.prefix}-{what}{self.serial}"

    def look(self, cls: str | None, extra_style: str | None = None) -> dict[str, str | None]:
        """The ``class`` (page) or ``style`` (fragment) attribute of an element of class ``cls``."""
        if not self.lms:
            return {"class": cls, "style": extra_style}
        parts = [p for p in (self.styles.get(cls or ""), extra_style) if p]
        return {"style": ";".join(parts) if parts else None}

    def el(self, name: str, body: str = "", cls: str | None = None, *, style: str | None = None,
           **more: str | None) -> str:
        """``<name …>body</name>`` with the look of ``cls`` and the attributes ``more``."""
        pairs = {**{k.replace("_", "-"): v for k, v in more.items()}, **self.look(cls, style)}
        return f"<{name}{attrs(pairs)}>{body}</{name}>"


def id_prefix(doc: Document) -> str:
    """A short prefix for the ids of one sheet, from its title: two sheets on one LMS page differ."""
    return "bg" + hashlib.sha256(doc.title.encode("utf-8")).hexdigest()[:6]
