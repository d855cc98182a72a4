"""The tagging canvas: marked content while reportlab draws, the structure tree at save.

:class:`TaggingCanvas` is the PDF writer's canvas base. While platypus draws,
text objects begun for a marked flowable carry its MCIDs (switched to a
``Link`` element around links), figures are one marked sequence, and the
writer's header, footer and banner are ``/Artifact``. Before a page is written,
:meth:`TaggingCanvas.tag_page_end` makes every painting operator still outside
marked content an artifact (table backgrounds and rules, panel bars, the
rule under the title): nothing is left untagged. :meth:`TaggingCanvas.tag_finish`
then writes the structure tree with reportlab's own PDF objects
(:mod:`briefgen.writers.pdf.struct`), so the file is written once, by reportlab,
with its reproducible bytes.

reportlab's own hooks (an annotation added, a page's annotations set, a
paragraph's line drawn, a link's start and end) reach these classes through the
named methods of :mod:`briefgen.adapters.reportlab`'s ``HookedCanvas`` and
``HookedTextObject``, the one place that touches reportlab's internals.
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString

from briefgen.adapters.reportlab import HookedCanvas, HookedTextObject
from briefgen.writers.pdf.tags import LANGUAGE_CALLBACK, StructElem, TagState

SOFT_HYPHEN = "\u00ad"
"""What a hyphen added at a line break is in the text layer (drawn as a hyphen)."""

_STRINGS = re.compile(r"\((?:\\.|[^\\()])*\)")
_PAINT = re.compile(r"(?:^|\s)(?:f\*?|F|S|s|B\*?|b\*?|Do|sh|Tj|TJ|'|\")(?=\s|$)")
_WORD_HYPHEN = re.compile(r"\w-$")
_MARK = re.compile(r"(?:^|\s)(BDC|BMC|EMC)(?=\s|$)")


def _ops(code: str) -> tuple[list[str], bool]:
    """(the marked-content operators in ``code`` in order, whether it paints)."""
    bare = _STRINGS.sub("()", code)
    return _MARK.findall(bare), bool(_PAINT.search(bare))


class TaggingCanvas(HookedCanvas):
    """A Canvas that writes marked content and, at save, the structure tree.

    ``tags`` (a :class:`TagState`) must be set by the subclass before drawing.
    """

    tags: TagState
    tag_text: StructElem | None = None  # text objects begun now are content of this
    tag_lbl: tuple | None = None  # (Lbl element, bullet text) of the paragraph drawn now
    tag_link: StructElem | None = None  # the Link element open in the text object
    tag_alt: str | None = None  # /Contents of the annotation being made
    tag_flowable = None  # the flowable being drawn (for its plain text)
    tag_lang: str | None = None  # the language a fact names for the text drawn now

    def getNamedCB(self, name):  # noqa: N802 (reportlab API)
        """The paragraph callbacks: :data:`LANGUAGE_CALLBACK` switches the language of the
        text drawn next (a run whose fact names its ``language:``)."""
        if name == LANGUAGE_CALLBACK:
            return _switch_language
        return super().getNamedCB(name)

    @property
    def tag_page(self) -> int:
        """The page being drawn, 0-based (pages are held back until save)."""
        return self.page_index

    # ---- marked content -----------------------------------------------------
    def mc_alloc(self, se: StructElem) -> int:
        """A new MCID on this page owned by ``se``."""
        owners = self.tags.owners(self.tag_page)
        owners.append(se)
        se.kids.append(("mcid", self.tag_page, len(owners) - 1))
        return len(owners) - 1

    def mc_bdc(self, se: StructElem) -> str:
        """The operator opening a marked sequence of ``se`` with a fresh MCID."""
        return f"/{se.role} <</MCID {self.mc_alloc(se)}>> BDC"

    def tag_begin(self, se: StructElem) -> None:
        """Open a marked sequence of ``se`` in the page stream."""
        self.page_code.append(self.mc_bdc(se))

    def tag_end(self) -> None:
        """Close the marked sequence opened last."""
        self.page_code.append("EMC")

    def artifact_begin(self, kind: str | None = None, subtype: str | None = None) -> None:
        """Open an artifact (``/Pagination`` with ``/Header``/``/Footer``, or plain)."""
        if kind:
            sub = f" /Subtype /{subtype}" if subtype else ""
            self.page_code.append(f"/Artifact <</Type /{kind}{sub}>> BDC")
        else:
            self.page_code.append("/Artifact BMC")

    def artifact_end(self) -> None:
        """Close the artifact opened last."""
        self.page_code.append("EMC")

    def beginText(self, x=0, y=0, direction=None):  # noqa: N802 (reportlab API)
        """A text object; inside a marked flowable one whose text is that element's content."""
        if self.tag_text is not None:
            return TaggedText(self, x, y, direction, self.tag_text)
        return super().beginText(x, y, direction)

    # ---- links and destinations ---------------------------------------------
    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None,  # noqa: N802,N803
                kind="URI", **kw):
        """An external link whose annotation says where it goes (``/Contents``)."""
        self.tag_alt = self.tags.link_alt.get(url) or f"Link to {url}"
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None,  # noqa: N802,N803
                 relative=1, thickness=0, color=None, dashArray=None, **kw):
        """An internal link (a citation to its source) whose annotation names the target."""
        self.tag_alt = (contents or self.tags.link_alt.get(destinationname)
                         or f"Go to {destinationname}")
        return super().linkRect(self.tag_alt, destinationname, Rect, addtopage, name,
                                relative, thickness, color, dashArray, **kw)

    def annotation_added(self, annotation) -> None:
        """Give a link's annotation its ``/Contents`` and its place in the structure tree."""
        alt, self.tag_alt = self.tag_alt or "Link", None
        if isinstance(annotation, PDFDictionary):
            annotation["Contents"] = PDFString(alt)
            annotation["F"] = 4  # Print
        else:  # LinkAnnotation
            annotation.otherkw["F"] = 4
        pending = self.tags.pending
        se = pending.pop(min(pending)) if pending else self.tag_link
        if se is None:  # a link outside tagged text (e.g. in a repeated header row)
            se = self.tags.root.add("Link")
        se.kids.append(("objr", self.tag_page, annotation))
        self.tags.annots.append((self.tag_page, annotation, se))

    def bookmarkHorizontal(self, key, relativeX, relativeY, **kw):  # noqa: N802,N803
        """Record a destination (a source entry's anchor) to be set on its page at save.

        Pages are held back until save, so reportlab's notion of "this page" is
        only right then.
        """
        left, top = self.absolutePosition(relativeX, relativeY)
        self.tags.dests.append((self.tag_page, key, left, top))

    def tag_heading(self, se: StructElem, top: float) -> None:
        """Remember where heading ``se`` is drawn (for the outline of a multi-page sheet)."""
        level = int(se.role[1:]) - 1
        key = f"bg-h{len(self.tags.headings) + 1}"
        _, abs_top = self.absolutePosition(0, top)
        self.tags.headings.append((self.tag_page, key, abs_top, level, se.text))

    # ---- pages and the file -------------------------------------------------
    def tag_page_end(self, total: int) -> None:
        """Before a page is written: its destinations, and any unmarked painting made artifact."""
        from briefgen.writers.pdf.struct import heading_destinations

        for page, key, left, top in self.tags.dests:
            if page == self.tag_page:
                self.bookmarkHorizontalAbsolute(key, top, left=left)
        if total > 1:
            heading_destinations(self, self.tag_page)
        depth = 0
        code = self.page_code
        for i, s in enumerate(code):
            marks, paints = _ops(s)
            if depth == 0 and not marks and paints:
                code[i] = f"/Artifact BMC\n{s}\nEMC"
            for op in marks:
                depth += -1 if op == "EMC" else 1

    def page_annotations_set(self, page) -> None:
        """The page's own structure entries, once reportlab has set its annotations."""
        from briefgen.writers.pdf.struct import page_entries

        page_entries(page, self.tag_page)

    def tag_finish(self, total: int) -> None:
        """After the last page: the structure tree, catalogue entries and (multi-page) outline."""
        from briefgen.writers.pdf.struct import write_structure

        write_structure(self, total)


def _switch_language(canvas: TaggingCanvas, kind: str, label: str | None) -> None:
    canvas.tag_lang = label or None


class TaggedText(HookedTextObject):
    """A text object whose text is marked content of ``se``, switched to a Link around links.

    Uses two hooks of reportlab's Paragraph: each line's text goes through
    :meth:`line_out` and links report :meth:`link_recorded` (``'start'|'end'``).
    """

    def __init__(self, canvas, x, y, direction, se: StructElem):
        super().__init__(canvas, x, y, direction)
        self._se = se
        self._links: dict = {}
        self._bdc_at = len(self.code)
        self.code.append(canvas.mc_bdc(se))
        self._open_at = len(self.code)
        self._mark = self._open_at
        self._line = ""  # the text drawn so far on the line being drawn

    def line_out(self, text, tstar=0) -> None:
        """Draw a line (or a piece of one) of the paragraph: a line-end hyphen as a soft
        hyphen, words kept apart across the break, other languages in their own ``Span``."""
        self._mark = len(self.code)
        line = self._line + text
        if text.endswith("-") and self._hyphen_added(line) and self._has_soft_hyphen():
            # ISO 32000-1 14.8.2.2.3: the hyphen the line breaker added is a soft hyphen
            # (U+00AD, drawn with the hyphen's look), so a screen reader, a search or a copy
            # reads the word whole ("Обращения", not "Об- ращения"); no nested marked
            # content, which poppler and pdfminer lose the rest of the line after
            text = text[:-1] + SOFT_HYPHEN
        elif tstar and line.strip() and not line.endswith((" ", SOFT_HYPHEN)) \
                and not _WORD_HYPHEN.search(line):
            # reportlab drops the space at a line break, also when the line's last piece is
            # an empty one after a change of font ("UN reporting" in bold, then "[a]" on
            # the next line): extraction would glue the words either side of the break. A
            # compound's own hyphen ("state-" / "member") goes on without one.
            text += " "
        self._line = "" if tstar else self._line + text
        self._text_in_languages(text, tstar)

    def _text_in_languages(self, text: str, tstar) -> None:
        """Draw ``text``; a stretch of words in another script goes into a ``Span`` with its
        ``/Lang`` (WCAG 3.1.2), so a screen reader switches voice for "ОДКБ"."""
        from briefgen.document.language import language_spans

        c = self.owner
        owner = self._se
        home = owner.language(c.tags.lang)
        declared = c.tag_lang  # a fact's own language: overrides the guess by script
        pieces = language_spans(text, declared or home) if text else [(text, None)]
        if declared and text:
            pieces = [(p, None if (lang or declared) == home else lang or declared)
                      for p, lang in pieces]
        if (len(pieces) == 1 and pieces[0][1] is None) or c.tag_link is not None \
                or self._in_link_text(text):
            # a link's text (a URL, a citation number) keeps its Link's language: reportlab
            # says a link starts only after drawing its first piece, so a split would leave
            # the Link element without text
            self.draw_line(text, tstar)
            return
        for n, (piece, lang) in enumerate(pieces):
            last = tstar if n == len(pieces) - 1 else 0
            if lang is None:
                self.draw_line(piece, last)
                continue
            span = owner.add("Span", lang=lang)
            self.code.extend(["EMC", c.mc_bdc(span)])
            self.draw_line(piece, last)
            self.code.extend(["EMC", c.mc_bdc(owner)])

    def _in_link_text(self, text: str) -> bool:
        """Whether ``text`` is (part of) a link's text in the paragraph being drawn (its laid
        out lines' fragments that carry a link)."""
        flowable = self.owner.tag_flowable
        found = getattr(flowable, "bg_link_texts", None)
        if found is None:
            lines = getattr(getattr(flowable, "blPara", None), "lines", None) or ()
            found = [f.text for line in lines for f in (getattr(line, "words", None) or ())
                     if getattr(f, "link", None) and getattr(f, "text", None)]
            if flowable is not None:
                flowable.bg_link_texts = found
        piece = text.strip()
        return bool(piece) and any(piece in t or t.strip() in piece for t in found)

    def _has_soft_hyphen(self) -> bool:
        """Whether the current font draws U+00AD (every bundled family does)."""
        from reportlab.pdfbase.pdfmetrics import getFont

        face = getattr(getFont(self.font_name), "face", None)
        return face is not None and ord(SOFT_HYPHEN) in getattr(face, "charToGlyph", {})

    def _hyphen_added(self, line: str) -> bool:
        """Whether the hyphen ending ``line`` was added by hyphenation (the word goes on
        without one in the paragraph's text), not a compound's own hyphen."""
        head = line.rsplit(" ", 1)[-1][:-1]
        text = getattr(self.owner.tag_flowable, "source_text", None)
        if not head or text is None:
            return False
        return head + "-" not in text and re.search(re.escape(head) + r"\w", text) is not None

    def textOut(self, text):  # noqa: N802 (reportlab API)
        """Text of a bullet: when it is the paragraph's list label, the object becomes ``Lbl``."""
        lbl = self.owner.tag_lbl
        if lbl is not None and text.strip() == lbl[1] and self._mark == self._open_at:
            self._retarget(lbl[0])
            self.owner.tag_lbl = None
        super().textOut(text)

    def _retarget(self, se: StructElem) -> None:
        """Give this object's (still empty) marked sequence to ``se`` instead."""
        c = self.owner
        owners = c.tags.owners(c.tag_page)
        n = next(i for i in range(len(owners) - 1, -1, -1) if owners[i] is self._se)
        owners[n] = se
        self._se.kids.remove(("mcid", c.tag_page, n))
        se.kids.append(("mcid", c.tag_page, n))
        self.code[self._bdc_at] = f"/{se.role} <</MCID {n}>> BDC"
        self._se = se

    def link_recorded(self, link, what) -> None:
        """Around a link's text, a marked sequence of its own ``Link`` element."""
        c = self.owner
        if what == "start":
            key = link if isinstance(link, tuple) else (0, link)
            lse = self._links.get(key)
            if lse is None:
                lse = self._links[key] = self._se.add("Link")
            elif self._se.kids[-1] is not lse:
                self._se.kids.remove(lse)  # continued on the next line: keep reading order
                self._se.kids.append(lse)
            self.code[self._mark:self._mark] = ["EMC", c.mc_bdc(lse)]
            c.tag_link = lse
            c.tags.pending[key[0]] = lse  # its annotation is made after the line
        else:
            c.tag_link = None
            self.code.extend(["EMC", c.mc_bdc(self._se)])

    def getCode(self):  # noqa: N802 (reportlab API)
        """The object's code with its last marked sequence closed and empty ones dropped."""
        self.code.append("EMC")
        code, c = self.code, self.owner
        i = 0
        while i < len(code) - 1:
            if code[i].endswith("BDC") and code[i + 1] == "EMC" and "/MCID" in code[i]:
                n = int(code[i].split("/MCID ")[1].split(">")[0])
                owners = c.tags.owners(c.tag_page)
                owners[n].kids.remove(("mcid", c.tag_page, n))
                owners[n] = None
                del code[i:i + 2]
            else:
                i += 1
        if self._links:
            self._spans()
        return super().getCode()

    def _spans(self) -> None:
        """Around links, the element's own text goes into ``Span`` children, so that its
        kids list the text and the links in the order they are read."""
        c, se = self.owner, self._se
        owners = c.tags.owners(c.tag_page)
        prefix = f"/{se.role} <</MCID "
        for i, entry in enumerate(self.code):
            if entry.startswith(prefix):
                n = int(entry[len(prefix):].split(">")[0])
                span = StructElem("Span", parent=se, kids=[("mcid", c.tag_page, n)])
                se.kids[se.kids.index(("mcid", c.tag_page, n))] = span
                owners[n] = span
                self.code[i] = f"/Span <</MCID {n}>> BDC"
