"""Tagged PDF (PDF/UA-1): the structure tree and the flowables that fill it.

The PDF writer's handlers build the structure tree in document order, before
anything is drawn: each handler opens its element (:func:`open_elem`) under the
parent carried in its context (``ctx.tags``, ``ctx.parent``) and marks the
flowables it returns (:func:`tag`). Drawing then only fills content in: a marked
flowable's text becomes marked content (``/P <</MCID n>> BDC … EMC``) of its
element, a ``block`` (a figure) is one marked sequence, an ``artifact`` is
decoration. Whatever else paints on a page (table backgrounds and rules, panel
bars, the header and footer) is an artifact: see
:mod:`briefgen.writers.pdf.tagcanvas`, which also writes the tree into the file.

A marked flowable keeps its class (a subclass made once per class, so
``isinstance`` checks and platypus' attribute writes such as ``keepWithNext``
work as before); its parts after a split keep the mark. A marked flowable drawn
a second time (a table's header row repeated on a later page) is an artifact.
With ``ctx.tags`` None (measuring) nothing is marked.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from briefgen.adapters.reportlab import absolute_rect, hook_flowable, replace_bullets, stash

STANDARD_ROLES = frozenset("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span
Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula
Form""".split())

LANGUAGE_CALLBACK = "bg_lang"
"""The paragraph callback (``<onDraw name=… label=LANG/>``) that says where a run in a
language its fact names begins (``label`` the language) and ends (``label`` empty)."""

CUSTOM_ROLES = {"KeyFacts": "Sect", "Callout": "Sect"}
"""Our own structure types and the standard type each is role-mapped to."""


@dataclass(eq=False)
class StructElem:
    """A structure element. ``kids``: elements, ``("mcid", page, n)`` or ``("objr", page, annot)``.

    ``text`` is the plain text of a heading (for the outline); ``attrs`` the
    attribute dictionary (``/A``), e.g. ``{"O": "Table", "Scope": "Column"}``.
    """

    role: str
    parent: StructElem | None = None
    alt: str | None = None
    attrs: dict | None = None
    text: str | None = None
    kids: list = field(default_factory=list)
    lang: str | None = None  # /Lang, where it differs from the parent's

    def language(self, default: str) -> str:
        """The language in force here: the nearest ``lang`` up the tree, else ``default``."""
        se: StructElem | None = self
        while se is not None:
            if se.lang:
                return se.lang
            se = se.parent
        return default

    def add(self, role: str, **kw) -> StructElem:
        """A new child element, appended after the existing ones (reading order)."""
        child = StructElem(role, parent=self, **kw)
        self.kids.append(child)
        return child

    def walk(self):
        """This element and every descendant element, depth first in reading order."""
        yield self
        for k in self.kids:
            if isinstance(k, StructElem):
                yield from k.walk()


@dataclass
class TagState:
    """One build's tagging state: the tree and what drawing recorded (fresh for every build).

    ``mcids[page]`` lists the owner of each MCID on a page; ``annots`` holds
    ``(page, annotation, Link element)``; ``link_alt`` maps a URL or an internal
    destination to the text an annotation's ``/Contents`` says; ``headings``
    are ``(page, key, top, level, text)`` for bookmarks.
    """

    title: str = ""
    lang: str = "en"
    root: StructElem = field(default_factory=lambda: StructElem("Document"))
    mcids: dict = field(default_factory=dict)
    annots: list = field(default_factory=list)
    link_alt: dict = field(default_factory=dict)
    headings: list = field(default_factory=list)
    anchors: set = field(default_factory=set)
    dests: list = field(default_factory=list)  # (page, key, left, top), set when the page is written
    pending: dict = field(default_factory=dict)  # link index → Link element awaiting its annotation
    heading_level: int = 0

    def owners(self, page: int) -> list:
        """The MCID owners of ``page`` (0-based), created on first use."""
        return self.mcids.setdefault(page, [])

    def role_map(self) -> dict[str, str]:
        """The custom roles used in the tree, each mapped to its standard role."""
        used = {e.role for e in self.root.walk()}
        return {r: s for r, s in CUSTOM_ROLES.items() if r in used}


def heading_role(tags: TagState, level: int) -> str:
    """``H1``–``H6`` for a heading of ``level``, never skipping a level after the last one."""
    level = max(1, min(level, tags.heading_level + 1, 6))
    tags.heading_level = level
    return f"H{level}"


def open_elem(ctx, role: str, **kw) -> StructElem | None:
    """A new element under ``ctx.parent`` (None when not tagging)."""
    if ctx.tags is None:
        return None
    return (ctx.parent or ctx.tags.root).add(role, **kw)


def tag(ctx, flowable, role: str | None, mode: str = "text", **kw):
    """Mark ``flowable`` as the content of a new ``role`` element under ``ctx.parent``.

    ``role`` None: mark it as content of ``ctx.parent`` itself. Headings
    (role ``"H"``) get their level from :func:`heading_role` with ``kw["level"]``.
    """
    if ctx.tags is None or flowable is None:
        return flowable
    if role == "H":
        level = kw.pop("level")
        se = open_elem(ctx, heading_role(ctx.tags, level), **kw)
    elif role is None:
        se = ctx.parent or ctx.tags.root
    else:
        se = open_elem(ctx, role, **kw)
    return mark(flowable, se, mode)


def artifact(ctx, flowable):
    """Mark ``flowable`` as decoration (no element; a screen reader skips it)."""
    if ctx.tags is None or flowable is None:
        return flowable
    return mark(flowable, None, "artifact")


def mark(flowable, se: StructElem | None, mode: str = "text", label: tuple | None = None):
    """Give ``flowable`` its element and drawing mode (``text``, ``block``, ``artifact``).

    ``label``: ``(Lbl element, bullet text)`` for a paragraph whose bullet is a list label.
    """
    return hook_flowable(flowable, _tagged_draw_on, _tagged_split,
                         bg_tag=(se, mode, label), bg_drawn=False)


def _tagged_split(self, parts):
    for p in parts:
        if p is not self:
            mark(p, *self.bg_tag)
    return parts


def _tagged_draw_on(self, base, canv, x, y, _sW=0):  # noqa: N803 (reportlab's signature)
    se, mode, label = self.bg_tag
    if self.bg_drawn:
        mode = "artifact"  # drawn again: a repeated header row
    stash(self, bg_drawn=True)
    if not hasattr(canv, "tag_begin"):  # an untagged canvas (measuring)
        return base(canv, x, y, _sW)
    outer = canv.tag_text, canv.tag_lbl, canv.tag_flowable, canv.tag_lang
    canv.tag_flowable = self  # its plain text tells a hyphen added at a line end from a real one
    try:
        if mode == "artifact":
            canv.tag_text = canv.tag_lbl = None
            canv.artifact_begin("Pagination" if se is not None else None)
            base(canv, x, y, _sW)
            canv.artifact_end()
        elif mode == "block":
            canv.tag_text = canv.tag_lbl = None
            if se.role == "Figure":
                w, h = getattr(self, "width", 0), getattr(self, "height", 0)
                box = absolute_rect(canv, (x, y, x + w, y + h))
                se.attrs = {"O": "Layout", "BBox": [round(v, 2) for v in box]}
            canv.tag_begin(se)
            base(canv, x, y, _sW)
            canv.tag_end()
        else:
            canv.tag_text, canv.tag_lbl = se, label
            if se.text is not None and se.role.startswith("H"):
                canv.tag_heading(se, y + getattr(self, "height", 0))
            base(canv, x, y, _sW)
    finally:
        canv.tag_text, canv.tag_lbl, canv.tag_flowable, canv.tag_lang = outer


def source_anchor(ctx, n: int, src) -> str:
    """Paragraph markup for the destination citation ``[n]`` links jump to (once per build).

    Also records what the annotations of links to source ``src`` say.
    """
    if ctx.tags is None or n in ctx.tags.anchors:
        return ""
    from briefgen.document.links import allowed_link
    from briefgen.document.model import display_url

    ctx.tags.anchors.add(n)
    ctx.tags.link_alt[f"bg-src-{n}"] = f"Source {n}: {src.title}"
    ctx.tags.link_alt.setdefault(allowed_link(src.url) or src.url,
                                 f"{src.title} ({display_url(src.url)})")
    return f'<a name="bg-src-{n}"/>'


# ---- lists -------------------------------------------------------------------

class _LabelBullet:
    """A list bullet drawn as the ``Lbl`` of its item."""

    def __init__(self, bullet, lbl: StructElem):
        self._b, self._lbl = bullet, lbl

    def __getattr__(self, a):
        return getattr(self._b, a)

    def drawOn(self, indenter, canv, x, y, _sW=0):  # noqa: N802, N803 (reportlab API)
        """Draw the bullet inside a marked sequence of the item's ``Lbl``."""
        if not hasattr(canv, "tag_begin"):
            return self._b.drawOn(indenter, canv, x, y, _sW)
        outer, canv.tag_text = canv.tag_text, None
        canv.tag_begin(self._lbl)
        self._b.drawOn(indenter, canv, x, y, _sW)
        canv.tag_end()
        canv.tag_text = outer


def list_items(ctx, ordered: bool, n: int) -> tuple[list, list]:
    """Open ``L`` > ``LI`` > ``Lbl`` + ``LBody`` for ``n`` items: (labels, bodies).

    Both lists hold None when not tagging.
    """
    lst = open_elem(ctx, "L", attrs={"O": "List", "ListNumbering": "Decimal" if ordered
                                     else "Disc"})
    if lst is None:
        return [None] * n, [None] * n
    labels, bodies = [], []
    for _ in range(n):
        li = lst.add("LI")
        labels.append(li.add("Lbl"))
        bodies.append(li.add("LBody"))
    return labels, bodies


def label_bullets(list_flowable, labels: list) -> None:
    """Make each bullet a ListFlowable draws the ``Lbl`` of its item (no-op untagged)."""
    if not labels or labels[0] is None:
        return

    def label(k: int, bullet):
        lbl = labels[k] if k < len(labels) else None
        if lbl is None or isinstance(bullet, _LabelBullet):
            return bullet
        return _LabelBullet(bullet, lbl)

    replace_bullets(list_flowable, label)


# ---- tables ------------------------------------------------------------------

def table_cells(ctx, data: list[list], header_rows: int, row_header: list[list[bool]],
                caption=None):
    """Tag a data table's cell flowables: ``Table`` > ``THead``/``TBody`` > ``TR`` > ``TH``/``TD``.

    Header-row cells are ``TH`` with ``/Scope /Column``; body cells flagged in
    ``row_header`` are ``TH`` with ``/Scope /Row``. ``caption`` (a flowable) is
    the table's ``Caption``. Returns ``caption`` (marked).
    """
    table = open_elem(ctx, "Table")
    if table is None:
        return caption
    if caption is not None:
        mark(caption, table.add("Caption"))
    head = table.add("THead") if header_rows else None
    body = table.add("TBody") if len(data) > header_rows else None
    for i, row in enumerate(data):
        is_head = i < header_rows
        tr = (head if is_head else body).add("TR")
        for j, cell in enumerate(row):
            if is_head:
                se = tr.add("TH", attrs={"O": "Table", "Scope": "Column"})
            elif row_header[i][j]:
                se = tr.add("TH", attrs={"O": "Table", "Scope": "Row"})
            else:
                se = tr.add("TD")
            mark(cell, se)
    return caption


@contextmanager
def once_in_content(canv, what: str, spoken: bool):
    """Inside an artifact, draw the block's text as tagged content when ``spoken``.

    The as-of date and a theme's banner live in the running header (decoration),
    but a screen reader must hear them once: on the first page they are a ``P``
    of the structure tree, the banner before everything, the as-of date right
    after the title (``what``: "banner" or "as_of").
    """
    if not spoken:
        yield
        return
    root = canv.tags.root
    se = StructElem("P", parent=root)
    if what == "banner":
        root.kids.insert(0, se)
    else:
        h1 = next((i for i, k in enumerate(root.kids)
                   if isinstance(k, StructElem) and k.role == "H1"), -1)
        root.kids.insert(h1 + 1, se)
    canv.artifact_end()
    canv.tag_begin(se)
    try:
        yield
    finally:
        canv.tag_end()
        canv.artifact_begin("Pagination", "Header")
