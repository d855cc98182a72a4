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
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from briefgen.i18n import format_date
from briefgen.i18n.sheet import text

KIND_HEADINGS = {"brief": "Briefing sheets", "timeline": "Timelines", "compare": "Comparisons"}
"""Contents headings by sheet kind (msgids of PACK_MESSAGES)."""

ACCENT, MUTED, TEXT = "#1F4E79", "#595959", "#1A1A1A"


@dataclass(frozen=True)
class Entry:
    """One sheet in the contents: its title, kind (KIND_HEADINGS key) and first pack page."""

    title: str
    kind: str
    page: int


def _canvas(size: tuple[float, float], when: dt.datetime):
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=size, invariant=1)
    canv._doc._timeStamp = _stamp(when)
    return canv, buf


def _stamp(when: dt.datetime):
    import time

    from reportlab.lib.utils import TimeStamp

    stamp = TimeStamp(invariant=1)
    stamp.t = when.timestamp()
    stamp.lt = time.gmtime(stamp.t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


def front_pages(title: str, entries: list[Entry], size: tuple[float, float], lang: str,
                when: dt.datetime) -> bytes:
    """Two pages, cover and contents, as PDF bytes (``size`` in points)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefgen.writers.pdf.fonts import register_family

    fam = register_family("notosans")
    w, h = size
    margin = 22 * mm
    canv, buf = _canvas(size, when)
    canv.setTitle(title)
    # cover
    canv.setFillColor(colors.HexColor(ACCENT))
    canv.rect(0, h - 9 * mm, w, 9 * mm, stroke=0, fill=1)
    canv.setFont(fam.bold, 12)
    canv.drawString(margin, h * 0.62 + 30, text(lang, "Course pack").upper())
    size_pt = 30.0
    lines = _wrap(title, fam.bold, size_pt, w - 2 * margin, stringWidth)
    y = h * 0.62
    for line in lines:
        canv.setFont(fam.bold, size_pt)
        canv.drawString(margin, y, line)
        y -= size_pt * 1.15
    canv.setStrokeColor(colors.HexColor(ACCENT))
    canv.setLineWidth(1.6)
    canv.line(margin, y + size_pt * 0.55, w - margin, y + size_pt * 0.55)
    canv.setFillColor(colors.HexColor(MUTED))
    canv.setFont(fam.regular, 12)
    prepared = text(lang, "Prepared %(date)s", date=format_date(when.date(), "long", lang))
    canv.drawString(margin, y - 6, prepared)
    canv.showPage()
    # contents
    canv.setFillColor(colors.HexColor(ACCENT))
    canv.setFont(fam.bold, 20)
    y = h - margin - 20
    canv.drawString(margin, y, text(lang, "Contents"))
    y -= 18
    kind = None
    for e in entries:
        if e.kind != kind:
            kind = e.kind
            y -= 10
            canv.setFillColor(colors.HexColor(ACCENT))
            canv.setFont(fam.bold, 11)
            canv.drawString(margin, y, text(lang, KIND_HEADINGS.get(kind, "Briefing sheets")))
            y -= 16
        canv.setFillColor(colors.HexColor(TEXT))
        canv.setFont(fam.regular, 10.5)
        number = str(e.page)
        room = w - 2 * margin - stringWidth(number, fam.regular, 10.5) - 12
        for i, line in enumerate(_wrap(e.title, fam.regular, 10.5, room, stringWidth)):
            canv.drawString(margin + 8, y, line)
            if i == 0:
                canv.drawRightString(w - margin, y, number)
            y -= 13.5
        y -= 2
    canv.showPage()
    canv.save()
    return buf.getvalue()


def page_stamp(page: int, size: tuple[float, float], lang: str, when: dt.datetime) -> bytes:
    """A one-page PDF holding only "Page n", centred 4 mm above the bottom edge."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    from briefgen.writers.pdf.fonts import register_family

    fam = register_family("notosans")
    canv, buf = _canvas(size, when)
    canv.setFillColor(colors.HexColor(MUTED))
    canv.setFont(fam.regular, 7)
    canv.drawCentredString(size[0] / 2, 4 * mm, f"{text(lang, 'Page')} {page}")
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
