"""reportlab's internals behind named functions: the one module that touches them.

The PDF writer tags what it draws (PDF/UA-1), keeps pages back until it knows
their count, measures frames and reuses parsed fonts. reportlab has no public
API for those, so they use its private hooks and attributes, here and only here
(``tests/adapters/test_adapters.py`` fails on a private name anywhere else). Each name
below says what it gives; the internal it uses is named in its docstring, so an
upgrade of the pinned range (pyproject) that moves one breaks this module alone.
CI runs the tagging and writer tests at both ends of the range.
"""

from __future__ import annotations

import functools
from weakref import WeakKeyDictionary

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

# ---- the canvas ---------------------------------------------------------------


def page_code(canv: Canvas) -> list[str]:
    """The page's content-stream operators drawn so far (``Canvas._code``), to append to or rewrite."""
    return canv._code


def page_size(canv: Canvas) -> tuple[float, float]:
    """The canvas' page width and height in points (``Canvas._pagesize``)."""
    return canv._pagesize


def pdf_document(canv: Canvas):
    """The ``PDFDocument`` the canvas writes into (``Canvas._doc``): for extra PDF objects."""
    return canv._doc


def set_timestamp(canv: Canvas, stamp) -> None:
    """Date the file's metadata ``stamp`` instead of now (``PDFDocument._timeStamp``)."""
    canv._doc._timeStamp = stamp


def absolute_rect(canv: Canvas, rect: tuple[float, float, float, float]) -> list[float]:
    """``rect`` (x1, y1, x2, y2) in the current coordinates, in page coordinates (``_absRect``)."""
    return canv._absRect(rect, 1)


def hold_page(canv: Canvas) -> dict:
    """The state of the page drawn so far, and a fresh page begun (``__dict__``, ``_startPage``).

    :func:`restore_page` puts the state back, so a canvas can keep every page
    until it knows how many there are.
    """
    state = dict(canv.__dict__)
    canv._startPage()
    return state


def restore_page(canv: Canvas, state: dict) -> None:
    """Make a page kept by :func:`hold_page` the canvas' current page again."""
    canv.__dict__.update(state)


class HookedCanvas(Canvas):
    """A ``Canvas`` whose private per-annotation and per-page hooks call named methods.

    ``_addAnnotation`` calls :meth:`annotation_added` first; ``_setAnnotations``
    (reportlab calls it as each page is written) calls :meth:`page_annotations_set` after.
    """

    @property
    def page_index(self) -> int:
        """The page being drawn, 0-based (``Canvas._pageNumber`` - 1)."""
        return self._pageNumber - 1

    @property
    def page_code(self) -> list[str]:
        """The page's content-stream operators drawn so far (see :func:`page_code`)."""
        return self._code

    def annotation_added(self, annotation) -> None:
        """Called with each annotation (a link) before reportlab adds it to the page."""

    def page_annotations_set(self, page) -> None:
        """Called with each ``PDFPage`` once reportlab has set its annotations."""

    def _addAnnotation(self, annotation, name=None, addtopage=1):  # noqa: N802 (reportlab hook)
        self.annotation_added(annotation)
        return super()._addAnnotation(annotation, name, addtopage)

    def _setAnnotations(self, page):  # noqa: N802 (reportlab hook, called for each page)
        super()._setAnnotations(page)
        self.page_annotations_set(page)


class HookedTextObject(PDFTextObject):
    """A text object whose private hooks from platypus' ``Paragraph`` call named methods.

    Each line of a paragraph goes through ``_textOut`` (here :meth:`line_out`,
    which draws with :meth:`draw_line`), and a link reports its start and end
    through ``_linkRecord`` (here :meth:`link_recorded`).
    """

    @property
    def code(self) -> list[str]:
        """The object's operators so far (``PDFTextObject._code``), to append to or rewrite."""
        return self._code

    @property
    def owner(self) -> Canvas:
        """The canvas the object draws on (``PDFTextObject._canvas``)."""
        return self._canvas

    @property
    def font_name(self) -> str:
        """The name of the current font (``PDFTextObject._fontname``)."""
        return self._fontname

    def line_out(self, text: str, tstar=0) -> None:
        """A line (or piece of one) of a paragraph's text; ``tstar``: a line break after it."""
        self.draw_line(text, tstar)

    def draw_line(self, text: str, tstar=0) -> None:
        """Draw ``text`` as reportlab does (``PDFTextObject._textOut``)."""
        super()._textOut(text, tstar)

    def link_recorded(self, link, what: str) -> None:
        """A link of the paragraph starts (``what`` "start") or ends ("end") here."""

    def _textOut(self, text, TStar=0):  # noqa: N802, N803 (reportlab hook)
        self.line_out(text, TStar)

    def _linkRecord(self, link, what):  # noqa: N802 (reportlab hook)
        self.link_recorded(link, what)


# ---- flowables and frames -----------------------------------------------------


def hook_flowable(flowable, draw_on, split, **state):
    """Give ``flowable`` drawing and splitting hooks, keeping its class for ``isinstance``.

    Its class becomes a subclass made once per class (a ``__class__`` swap,
    past any ``__setattr__`` of the class: reportlab's shapes check their
    attributes) whose ``drawOn(canv, x, y, _sW)`` calls ``draw_on(flowable,
    base_draw_on, canv, x, y, _sW)`` and whose ``split(...)`` returns
    ``split(flowable, parts)``. ``state`` is set on the flowable as with :func:`stash`.
    """
    object.__setattr__(flowable, "__class__", _hooked_class(type(flowable), draw_on, split))
    stash(flowable, **state)
    return flowable


@functools.cache
def _hooked_class(cls, draw_on, split):
    if getattr(cls, "_bg_hooked", False):
        return cls

    def hooked_draw_on(self, canv, x, y, _sW=0):  # noqa: N803 (reportlab's signature)
        return draw_on(self, super(sub, self).drawOn, canv, x, y, _sW)

    def hooked_split(self, *args, **kw):
        return split(self, super(sub, self).split(*args, **kw))

    sub = type(cls.__name__, (cls,), {
        "_bg_hooked": True, "drawOn": hooked_draw_on, "split": hooked_split,
        "__module__": cls.__module__})
    return sub


def stash(flowable, **values) -> None:
    """Set attributes on a flowable past its class' ``__setattr__`` (its ``__dict__``)."""
    flowable.__dict__.update(values)


def replace_bullets(list_flowable, replace) -> None:
    """Each time ``list_flowable`` lays out its items, bullet ``b`` of the ``k``-th item that
    has one becomes ``replace(k, b)`` (``ListFlowable._getContent``, ``LIIndenter._bullet``)."""
    get_content = type(list_flowable)._getContent

    def _get_content(self):
        from reportlab.platypus.flowables import LIIndenter

        content = get_content(self)
        k = 0
        for f in content:
            if isinstance(f, LIIndenter) and f._bullet is not None:
                f._bullet = replace(k, f._bullet)
                k += 1
        return content

    list_flowable._getContent = _get_content.__get__(list_flowable)


def frame_cursor(frame) -> float:
    """Where the next flowable goes in ``frame``: its top, in points (``Frame._y``)."""
    return frame._y


def frame_height(frame) -> float:
    """The height of ``frame``'s content area, in points (``Frame._height``)."""
    return frame._height


def is_negative_width(exc: BaseException) -> bool:
    """Whether ``exc`` is reportlab refusing a table whose columns leave a negative width.

    reportlab raises a ``ValueError`` ("negative availWidth"). Before 5.0 (4.4.10
    and 4.5.0 at least), wording that error can fail itself: ``Table.identity``
    compares row heights not yet known, and a ``TypeError`` leaves
    ``_listCellGeom`` instead; that one is the same refusal.
    """
    if isinstance(exc, ValueError):
        return "negative" in str(exc) and "width" in str(exc).lower()
    if isinstance(exc, TypeError):
        import traceback

        names = [frame.name for frame in traceback.extract_tb(exc.__traceback__)]
        return names[-2:] == ["_listCellGeom", "identity"]
    return False


def transfers_space(flowable) -> bool:
    """Whether ``flowable`` hands the space after the previous one on (``_SPACETRANSFER``)."""
    return getattr(flowable, "_SPACETRANSFER", False)


def zero_size(flowable) -> bool:
    """Whether ``flowable`` takes no room in a frame (``_ZEROSIZE``)."""
    return getattr(flowable, "_ZEROSIZE", False)


# ---- fonts --------------------------------------------------------------------

SUBSETS_KEPT = 16
"""Glyph subsets a face keeps, made and compressed, for the next PDF (the last ones made)."""


def reuse_font_subsets(canv: Canvas) -> None:
    """Let every TrueType font the canvas' PDF embeds reuse the glyph subsets it wrote before.

    Each PDF embeds, for every face it uses, the subsets of glyphs it drew
    (``TTFontFace.makeSubset``, then Flate-compressed): both a pure function of the face
    and the subset's characters, and a face that only drew ASCII (the first subset
    holds all of ASCII) writes the same subset in every PDF. The fonts are those the
    document will write (``PDFDocument.delayedFonts``); each one's face becomes a
    subclass (a ``__class__`` swap, once) that keeps its last :data:`SUBSETS_KEPT`
    subsets by their characters, made and compressed. The bytes written are the same.
    Call it before ``Canvas.save``.
    """
    from reportlab.pdfbase.ttfonts import TTFontFace

    for font in canv._doc.delayedFonts:
        face = getattr(font, "face", None)
        if isinstance(face, TTFontFace) and not isinstance(face, _SubsetsKept):
            face.__class__ = _subsets_kept_class(type(face))


class _SubsetsKept:
    """The behaviour :func:`reuse_font_subsets` gives a ``TTFontFace`` (mixed in before it)."""

    def makeSubset(self, subset):  # noqa: N802 (reportlab's name)
        """The subset's font program, made once for the same characters."""
        kept = self.__dict__.setdefault("_bg_subsets", {})
        key = tuple(subset)
        if key not in kept:
            if len(kept) >= SUBSETS_KEPT:
                del kept[next(iter(kept))]  # the oldest
            kept[key] = [super().makeSubset(subset), None]
        return kept[key][0]

    def addSubsetObjects(self, doc, fontname, subset):  # noqa: N802 (reportlab's name)
        """reportlab's font objects, the font program's stream compressed once (``fontFile:``)."""
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
        kept = self.__dict__.get("_bg_subsets", {}).get(tuple(subset))
        filters = getattr(stream, "filters", None)
        if kept is not None and filters and len(filters) == 1 and stream.content is kept[0]:
            stream.filters = [_Compressed(filters[0], kept)]
        return ref


class _Compressed:
    """A stream filter that gives back what ``base`` made of the kept bytes, made once."""

    def __init__(self, base, kept: list) -> None:
        self.base, self.kept, self.pdfname = base, kept, base.pdfname

    def encode(self, text):
        """``base.encode(text)``, from memory for the kept font program."""
        if text is not self.kept[0]:
            return self.base.encode(text)
        if self.kept[1] is None:
            self.kept[1] = self.base.encode(text)
        return self.kept[1]


@functools.cache
def _subsets_kept_class(cls):
    return type(cls.__name__, (_SubsetsKept, cls), {"__module__": cls.__module__})


_FACE_FROM_SOURCE = ("_ttf_data", "filename", "_pdfScale")
_FONT_REBUILT = ("face", "encoding", "state")


def ttfont_fields(font) -> tuple[dict, dict]:
    """(the font's own fields, its face's fields) of a parsed ``TTFont``, as plain values.

    Left out: what :func:`ttfont_from_fields` takes from the font file again
    (the face's TTF data, file name and scale function) or makes afresh (the
    face, encoding and subset state). Reads the objects' ``__dict__``.
    """
    face = {k: v for k, v in font.face.__dict__.items() if k not in _FACE_FROM_SOURCE}
    outer = {k: v for k, v in font.__dict__.items() if k not in _FONT_REBUILT}
    return outer, face


def ttfont_from_fields(outer: dict, face_fields: dict, data: bytes, filename):
    """A ``TTFont`` back from :func:`ttfont_fields` and its font file's bytes, without parsing.

    Builds ``TTFontFace`` and ``TTFont`` past their constructors (``__new__``)
    and sets the face's ``_ttf_data`` and ``_pdfScale`` as reportlab's parser does.
    """
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    for key, value in face_fields.items():
        setattr(face, key, value)
    face._ttf_data = data
    face.filename = filename
    face._pdfScale = _pdf_scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(outer)
    font.face, font.encoding, font.state = face, TTEncoding(), WeakKeyDictionary()
    return font


def _pdf_scale(units_per_em: int):
    """The glyph-unit → PDF-unit function reportlab's parser sets (``face._pdfScale``)."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult
