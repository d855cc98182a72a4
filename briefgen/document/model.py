"""The document tree: a small, format-neutral set of nodes.

Templates produce Markdown; :mod:`briefgen.document.parse` turns it into these
nodes; each writer turns these nodes into one format. Writers never see facts
or Jinja, templates never see PDF or DOCX.

Text in :class:`Run` is always literal: writers must escape it for their format.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a sheet without a chart never loads the figure module
    from briefgen.document.figure import Figure

# ---- inline nodes ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Run:
    """Literal text with emphasis. ``href`` makes it a link. ``lang`` (BCP 47) is the
    language of the text when a fact says it (``language:``); writers mark it (PDF
    ``/Lang``, DOCX ``w:lang``, HTML ``lang``) instead of guessing from the script."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    lang: str | None = None


EMPHASIS = ("code", "italic", "bold")
"""A run's emphases, innermost first: the nesting every text-markup writer prints."""


def emphasised(run: Run, text: str, marks: dict[str, str]) -> str:
    """``text`` (``run``'s, as a writer has escaped it) inside ``marks[name]`` (a ``{}``
    pattern, e.g. ``"<em>{}</em>"``) for each emphasis ``run`` has, innermost first."""
    for name in EMPHASIS:
        if getattr(run, name):
            text = marks[name].format(text)
    return text


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation of one or more sources, by id. Writers print ``[n]`` numbers."""

    source_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph or cell."""


Inline = Run | Cite | LineBreak


# ---- block nodes ----------------------------------------------------------

@dataclass(slots=True)
class Heading:
    """A section heading; level 1 is the page title, 2 a section, 3 a subsection."""

    level: int
    inlines: list[Inline]


@dataclass(slots=True)
class Paragraph:
    """A paragraph of inline content. ``role`` is a style hint: "lead", "small", "caption"."""

    inlines: list[Inline]
    role: str | None = None


@dataclass(slots=True)
class ListBlock:
    """A bulleted or numbered list; each item is a list of blocks (usually one Paragraph)."""

    items: list[list[Block]]
    ordered: bool = False
    start: int = 1


@dataclass(slots=True)
class Cell:
    """A table cell: inline content, optionally a header cell."""

    inlines: list[Inline]
    header: bool = False
    align: str | None = None  # "left" | "center" | "right"


@dataclass(slots=True)
class Table:
    """A table. ``header`` rows repeat when a table spans pages.

    ``marked_rows`` are indexes into ``rows`` that a writer highlights (e.g.
    where compared organisations differ in substance). ``widths`` are relative
    column weights chosen from content; ``None`` lets the writer decide.
    """

    header: list[list[Cell]]
    rows: list[list[Cell]]
    widths: list[float] | None = None
    marked_rows: set[int] = field(default_factory=set)
    caption: list[Inline] | None = None


@dataclass(slots=True)
class Box:
    """A framed panel (key facts, a callout). ``kind`` picks the look: "keyfacts", "note"."""

    kind: str
    title: list[Inline] | None
    children: list[Block]


@dataclass(slots=True)
class Quote:
    """A block quotation (e.g. a treaty article), with an optional attribution line."""

    children: list[Block]
    attribution: list[Inline] | None = None


@dataclass(slots=True)
class Columns:
    """Blocks set side by side in equal columns (e.g. two treaty texts)."""

    columns: list[list[Block]]


@dataclass(slots=True)
class Image:
    """A picture: PNG bytes, or a :class:`~briefgen.document.figure.Figure` the writers draw.

    ``width_fraction`` is the share of the text width it takes. A figure is
    format-neutral (boxes, lines and text in mm); each writer draws it in its
    own way and in the theme's colours (a vector drawing in the PDF, a PNG in
    the DOCX).
    """

    png: bytes
    alt: str
    caption: list[Inline] | None = None
    width_fraction: float = 1.0
    aspect: float = 0.5  # height / width
    figure: Figure | None = None


@dataclass(slots=True)
class Rule:
    """A thin horizontal line between parts of the page."""


@dataclass(slots=True)
class SourcesList:
    """Where the numbered list of cited sources is printed. Writers fill it in.

    With more than :data:`INLINE_SOURCES_FROM` sources, writers run the entries
    on in one paragraph (``1 Title — Publisher. URL  2 …``) instead of one line
    each: a one-page brief with thirty sources would otherwise spend half its
    page on them. An ``accessed`` date shared by every source is said once.
    """

    title: str = "Sources"


INLINE_SOURCES_FROM = 8


Block = Heading | Paragraph | ListBlock | Table | Box | Quote | Columns | Image | Rule | SourcesList


# ---- the document ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SourceRef:
    """What a writer prints for a cited source."""

    id: str
    title: str
    publisher: str | None
    url: str
    accessed: dt.date | None = None
    archived: str | None = None  # a web archive snapshot, linked beside the URL
    language: str | None = None  # of its title, when the facts file says it
    note: str | None = None  # the author's note on it: not printed; exported with it (COinS)


@dataclass(slots=True)
class Document:
    """A whole brief: metadata, the blocks in reading order, and the sources it may cite."""

    title: str
    blocks: list[Block]
    sources: dict[str, SourceRef]
    subtitle: str | None = None
    author: str = "briefgen"
    subject: str = ""
    language: str = "en"
    as_of: dt.date | None = None
    header: str = ""
    footer: str = ""
    keywords: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)  # from building the tree; writers ignore
    kind: str = ""
    """What the sheet is, in a message's words ("brief", "timeline", "comparison", "change
    sheet": :meth:`briefgen.kinds.SheetKind.called`); "" for a template of no known kind."""
    online_url: str | None = None
    """The address of this sheet's online (HTML) version (:mod:`briefgen.document.online`):
    the paged writers print a QR code to it beside the title. None: no code."""


# ---- THE walk over the tree ------------------------------------------------
# Reading order is the order the writers print: a table's header, rows, then caption; a
# box's title, then its children; a quote's children, then its attribution. Citation
# numbering, the limits (document/limits.py), an overflow's text of a part
# (sheets/overflow.py) and the dump (document/dump.py) read the tree through it: a new
# node type is taught to one function.

NODES = (Run, Cite, LineBreak, Heading, Paragraph, ListBlock, Cell, Table,
         Box, Quote, Columns, Image, Rule, SourcesList)
"""The node types of the tree (a figure's drawing is not: it has no text or citation)."""
BLOCKS = (Heading, Paragraph, ListBlock, Table, Box, Quote, Columns, Image,
          Rule, SourcesList)


@dataclass(slots=True)
class Group:
    """A list item, a column or a table row, as :func:`walk` yields it with ``groups=True``.

    ``of`` names the field of its node it is an element of (``"items"``,
    ``"columns"``, ``"header"``, ``"rows"``); ``nodes`` are its blocks or cells.
    """

    of: str
    nodes: list


def walk(tree, depth: int = 0, groups: bool = False) -> Iterator[tuple[object, int]]:
    """Every node of ``tree`` (a node, or a list of them) depth-first in reading order, with
    its depth in blocks: a top-level block is at 1, a paragraph in a list item at 2; an
    inline or a cell is at its block's depth.

    ``groups``: also each list item, column and table row, as a :class:`Group` at its
    node's depth just before its blocks or cells (for a reader that shows the tree's
    shape, as the dump does).

    It keeps its own stack of what is still to visit (last in, first out), so a node
    deep in the tree is handed out directly, not through a generator per level.
    """
    todo: list = [(tree, depth, False)]  # (item, depth, is a Group to hand out as it is)
    while todo:
        item, at, is_group = todo.pop()
        if is_group:
            yield item, at
        elif isinstance(item, (list, tuple)):
            todo.extend([(x, at, False) for x in reversed(item)])
        else:
            shape = _shape(type(item))
            if shape is None:  # not a node: nothing to hand out
                continue
            is_block, fields = shape
            here = at + 1 if is_block else at
            yield item, here
            later: list = []
            for name in fields:
                value = getattr(item, name)
                if groups and isinstance(value, list) and value and all(
                        isinstance(v, list) for v in value):
                    for group in value:
                        later.append((Group(name, group), here, True))
                        later.append((group, here, False))
                elif isinstance(value, _CONTAINERS):
                    later.append((value, here, False))
            todo.extend(reversed(later))


_CONTAINERS = (list, tuple, *NODES)
_LEAVES = frozenset({"str", "bool", "int", "float", "bytes", "str | None", "tuple[str, ...]",
                     "list[float] | None", "set[int]"})
"""Field types that never hold a node (text, flags, numbers, a citation's ids, a table's
widths): :func:`walk` does not look inside them. Any other field is looked into."""
_SHAPES: dict[type, tuple[bool, tuple[str, ...]] | None] = {}


def _shape(cls: type) -> tuple[bool, tuple[str, ...]] | None:
    """For a node class: (whether it is a block, the fields that may hold nodes, in order);
    None for any other class. Worked out once per class (``dataclasses.fields`` is slow to
    ask for every node, and the writers walk the tree several times per sheet)."""
    try:
        return _SHAPES[cls]
    except KeyError:
        shape = None
        if issubclass(cls, NODES):
            shape = (issubclass(cls, BLOCKS),
                     tuple(f.name for f in dataclasses.fields(cls) if f.type not in _LEAVES))
        _SHAPES[cls] = shape
        return shape


def nodes(tree) -> Iterator[object]:
    """Every node of ``tree`` in reading order (:func:`walk` without the depths)."""
    for node, _ in walk(tree):
        yield node


def text_of(tree) -> str:
    """All run text under ``tree``, however deep, one space between runs."""
    return " ".join(n.text for n in nodes(tree) if isinstance(n, Run))


def cited_sources(doc: Document) -> list[SourceRef]:
    """The sources in order of first citation; writers number them 1, 2, 3…"""
    order: dict[str, None] = {}
    for node in nodes(doc.blocks):
        if isinstance(node, Cite):
            for sid in node.source_ids:
                order.setdefault(sid, None)
    return [doc.sources[sid] for sid in order if sid in doc.sources]


def display_url(url: str) -> str:
    """A URL as printed: no ``https://``, ``www.`` or trailing slash (the link keeps it all)."""
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


_SPACE_BEFORE_DASH = re.compile(r" (?=[\u2013\u2014](?:\s|$))")


def dash_kept_with_word(text: str) -> str:
    """``text`` with the space before a spaced en or em dash made a no-break space, so a line
    never starts with the dash ("… 22.11.2026 – 01.12.2026", "ОДКБ — военный союз")."""
    return _SPACE_BEFORE_DASH.sub("\u00a0", text)


CITATION_SEPARATOR = ",\u00a0"
"""Between the numbers of one citation: a no-break space keeps "[3, 8]" on one line."""


def citation_numbers(doc: Document) -> dict[str, int]:
    """Source id → the number printed for it, in order of first citation."""
    return {s.id: n for n, s in enumerate(cited_sources(doc), start=1)}
