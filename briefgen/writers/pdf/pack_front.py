"""The course pack's front matter and page numbers, drawn with reportlab.

- a cover: "Course pack", the course title (the manifest's ``title:``) and
  "Prepared <date>";
- a contents page: each sheet's title and the pack page it starts on, under a
  heading for each run of sheets of one kind (briefing sheets, timelines,
  comparisons);
- a stamp for every later page: "Page n" centred under the sheet's own footer,
  so the pack reads with continuous numbers (the sheet's "1/1" stays its own).

Every string comes from the catalogue (:data:`briefgen.i18n.sheet.PACK_MESSAGES`);
the date is reproducible (``SOURCE_DATE_EPOCH``, else the newest sheet's date).

The front pages are tagged as a sheet is (:class:`~briefgen.writers.pdf.tagcanvas.TaggingCanvas`):
the label and date are ``P``, the course title ``H1``, "Contents" ``H2``, each
kind's heading ``H3`` and the entries a ``TOC`` of ``TOCI``; the banner and rule
are artifacts. The page stamp is a ``/Pagination`` artifact. The contents run
on to further pages when a course has more sheets than one page lists.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from briefgen.adapters.reportlab import page_code, set_timestamp
from briefgen.i18n import format_date
from briefgen.i18n.sheet import text
from briefgen.kinds import get_kind
from briefgen.reproducible import reportlab_timestamp
from briefgen.theme.model import DEFAULT_THEME, Theme
from briefgen.writers import font_of


@dataclass(frozen=True)
class Entry:
    """One sheet in the contents: its title, kind (a :mod:`briefgen.kinds` name), first page."""

    title: str
    kind: str
    page: int
    note: str = ""
    """A line under the title (``batch --since``: "Changed since …")."""
    lang: str = ""
    """The sheet's language, when it is not the pack's: its entry says it (``/Lang``)."""


def _canvas(size: tuple[float, float], when: dt.datetime, tags=None):
    """A canvas writing into a buffer, dated ``when``; a tagging one when ``tags`` is given."""
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    if tags is None:
        canv = Canvas(buf, pagesize=size, invariant=1)
    else:
        from briefgen.writers.pdf.tagcanvas import TaggingCanvas

        canv = TaggingCanvas(buf, pagesize=size, invariant=1)
        canv.tags = tags
    set_timestamp(canv, reportlab_timestamp(when))
    return canv, buf


def front_pages(title: str, entries: list[Entry], size: tuple[float, float], lang: str,
                when: dt.datetime,
                theme: Theme = DEFAULT_THEME) -> tuple[bytes, list[tuple[int, tuple[float, ...]]]]:
    """The cover and the contents (one page or more), tagged, as PDF bytes (``size`` in points).

    Also each entry's (front page index, rectangle): where the pack puts its link. An entry's
    text is a ``Link`` element inside its ``TOCI``; the pack adds the annotation.
    """
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefgen.writers.fonts import register_family
    from briefgen.writers.pdf.tags import TagState

    fam = register_family(font_of("pdf", theme))
    w, h = size
    margin = 22 * mm
    tags = TagState(title=title, lang=lang)
    canv, buf = _canvas(size, when, tags)
    canv.setTitle(title)

    def say(elem, x, y, line, right=False):
        canv.tag_begin(elem)
        (canv.drawRightString if right else canv.drawString)(x, y, line)
        canv.tag_end()

    def next_page():
        canv.tag_page_end(2)
        canv.showPage()

    # cover
    canv.setFillColor(colors.HexColor(theme.accent))
    canv.rect(0, h - 9 * mm, w, 9 * mm, stroke=0, fill=1)
    canv.setFont(fam.bold, 12)
    say(tags.root.add("P"), margin, h * 0.62 + 30, text(lang, "Course pack").upper())
    size_pt = 30.0
    heading = tags.root.add("H1", text=title)
    y = h * 0.62
    for line in _spaced(_wrap(title, fam.bold, size_pt, w - 2 * margin, stringWidth)):
        canv.setFont(fam.bold, size_pt)
        say(heading, margin, y, line)
        y -= size_pt * 1.15
    canv.setStrokeColor(colors.HexColor(theme.accent))
    canv.setLineWidth(1.6)
    canv.line(margin, y + size_pt * 0.55, w - margin, y + size_pt * 0.55)
    canv.setFillColor(colors.HexColor(theme.muted))
    canv.setFont(fam.regular, 12)
    prepared = text(lang, "Prepared %(date)s", date=format_date(when.date(), "long", lang))
    say(tags.root.add("P"), margin, y - 6, prepared)
    next_page()
    # contents
    canv.setFillColor(colors.HexColor(theme.accent))
    canv.setFont(fam.bold, 20)
    y = h - margin - 20
    say(tags.root.add("H2", text=text(lang, "Contents")), margin, y, text(lang, "Contents"))
    y -= 18
    kind, toc, rects = None, None, []
    for e in entries:
        lines = _wrap(e.title, fam.regular, 10.5, w - 2 * margin - 12
                      - stringWidth(str(e.page), fam.regular, 10.5), stringWidth)
        notes = _wrap(e.note, fam.regular, 8.5, w - 2 * margin - 20, stringWidth)
        needed = 13.5 * len(lines) + 11 * len(notes) + 2 + (26 if e.kind != kind else 0)
        if y - needed < margin:
            next_page()
            y = h - margin - 20
        if e.kind != kind:
            kind = e.kind
            y -= 10
            canv.setFillColor(colors.HexColor(theme.accent))
            canv.setFont(fam.bold, 11)
            label = text(lang, get_kind(kind).heading)
            say(tags.root.add("H3", text=label), margin, y, label)
            toc = tags.root.add("TOC")
            y -= 16
        item = toc.add("TOCI", lang=e.lang if e.lang and e.lang != lang else None)
        link = item.add("Link")
        canv.setFillColor(colors.HexColor(theme.text))
        canv.setFont(fam.regular, 10.5)
        top = y + 10.5
        first = y
        for line in _spaced(lines):
            say(link, margin + 8, y, line)
            y -= 13.5
        say(link, w - margin, first, " " + str(e.page), right=True)  # read after the title
        rects.append((canv.getPageNumber() - 1, (margin + 6, y + 10, w - margin, top)))
        if notes:
            notes = _spaced(notes)
            note = item.add("P", text=e.note)
            canv.setFillColor(colors.HexColor(theme.muted))
            canv.setFont(fam.regular, 8.5)
            y += 2.5
            for line in notes:
                say(note, margin + 16, y, line)
                y -= 11
        y -= 2
    canv.tag_page_end(2)
    canv.showPage()
    canv.tag_finish(canv.getPageNumber() - 1)
    canv.save()
    return buf.getvalue(), rects


def page_stamp(page: int, size: tuple[float, float], lang: str, when: dt.datetime,
               theme: Theme = DEFAULT_THEME) -> bytes:
    """A one-page PDF holding only "Page n", centred 4 mm above the bottom edge, as an artifact."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    from briefgen.writers.fonts import register_family

    fam = register_family(font_of("pdf", theme))
    canv, buf = _canvas(size, when)
    canv.setFillColor(colors.HexColor(theme.muted))
    canv.setFont(fam.regular, 7)
    page_code(canv).append("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
    canv.drawCentredString(size[0] / 2, 4 * mm, f"{text(lang, 'Page')} {page}")
    page_code(canv).append("EMC")
    canv.showPage()
    canv.save()
    return buf.getvalue()


def _wrap(words_text: str, font: str, size: float, width: float, measure) -> list[str]:
    """``words_text`` broken into lines no wider than ``width`` (a long word stays whole)."""
    lines: list[str] = []
    line = ""
    for word in words_text.split():
        trial = f"{line} {word}".strip()
        if line and measure(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + ([line] if line else [])


def _spaced(lines: list[str]) -> list[str]:
    """Wrapped lines with the space at each break kept (drawn, invisible), so a text
    extraction or a screen reader does not run the last word of a line into the next."""
    return [line + " " if i < len(lines) - 1 else line for i, line in enumerate(lines)]
