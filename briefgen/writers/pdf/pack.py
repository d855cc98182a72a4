"""The course pack's PDF: a cover, the contents, then every sheet, numbered and tagged as one.

Drawn by the PDF writer in the course theme (font and colours); the course
(:mod:`briefgen.course.pack`) gathers the sheets and writes the file.
"""

from __future__ import annotations

import io
from pathlib import Path

from briefgen.reproducible import document_timestamp
from briefgen.theme.model import DEFAULT_THEME, Theme


def merged_pdf(pdfs: list[tuple[str, Path]], title: str,
               kinds: dict[str, str] | None = None, theme: Theme = DEFAULT_THEME,
               notes: dict[str, str] | None = None) -> bytes:
    """One PDF: a cover, the contents, then ``pdfs`` in order, numbered continuously.

    Each sheet starts with a bookmark (its title, else the job name): one per
    sheet. ``kinds`` (job → a :mod:`briefgen.kinds` name) groups the contents; ``notes``
    (job → text) adds a line under a sheet's entry ("Changed since …").
    The front pages and page numbers are drawn in ``theme``'s PDF font and
    colours (:mod:`briefgen.writers.pdf.pack_front`). The pack is tagged when
    every sheet is (:mod:`briefgen.writers.pdf.pack_structure`); see :func:`pack_is_tagged`.
    """
    from pypdf import PdfReader, PdfWriter

    from briefgen.writers.pdf.pack_front import page_stamp
    from briefgen.writers.pdf.pack_structure import PackStructure, UntaggedPart

    readers = [(job, PdfReader(path)) for job, path in pdfs]
    labels = [((r.metadata.title if r.metadata and r.metadata.title else "") or job)
              for job, r in readers]
    lang = _language(readers[0][1]) if readers else "en"
    when = _pack_date([r for _, r in readers])
    first = readers[0][1].pages[0].mediabox if readers else None
    size = (float(first.width), float(first.height)) if first else (595.28, 841.89)
    if size[0] > size[1]:
        size = (size[1], size[0])  # the front pages stand upright
    front, rects = _front(readers, labels, kinds or {}, title, size, lang, when, theme,
                          notes or {})
    writer = PdfWriter()
    structure = PackStructure(writer, title, lang)
    tagged, starts = True, []
    for reader, label in [(front, None)] + [(r, lb) for (_, r), lb in zip(readers, labels, strict=True)]:
        start = len(writer.pages)
        starts.append(start)
        writer.append(reader, outline_item=label)
        if tagged:
            try:
                structure.add(reader, writer.pages[start:])
            except UntaggedPart:
                tagged = False
    if tagged:  # each contents entry links to its sheet's first page
        structure.link_contents([(writer.pages[page], rect) for page, rect in rects],
                                [writer.pages[s] for s in starts[1:]], labels)
    # Every stamp's reader is kept until the pack is written: pypdf remembers what it copied
    # from a reader by id(reader), and a freed reader's id, given to the next stamp, made it
    # reuse the earlier stamp's objects or not as memory fell: the same sheets gave other bytes.
    stamps = []
    for n, pg in enumerate(writer.pages[1:], start=2):  # the cover has no number
        box = (float(pg.mediabox.width), float(pg.mediabox.height))
        stamps.append(PdfReader(io.BytesIO(page_stamp(n, box, lang, when, theme))))
        pg.merge_page(stamps[-1].pages[0])
    writer.add_metadata({"/Title": title, "/Producer": "briefgen (pypdf)"})
    if tagged:
        structure.finish()
    writer.page_mode = "/UseOutlines"
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _front(readers, labels, kinds, title, size, lang, when, theme, notes):
    """The front pages (a reader) and their entries' link rectangles, the contents numbered
    for as many contents pages as they take."""
    from pypdf import PdfReader

    from briefgen.writers.pdf.pack_front import Entry, front_pages

    front_count = 2
    for _ in range(4):  # the page numbers' widths could move a line onto another page
        entries, page = [], front_count + 1
        for (job, reader), label in zip(readers, labels, strict=True):
            sheet_lang = str(reader.trailer["/Root"].get("/Lang", "") or "")
            entries.append(Entry(label, kinds.get(job, "brief"), page, notes.get(job, ""),
                                 lang=sheet_lang))
            page += len(reader.pages)
        data, rects = front_pages(title, entries, size, lang, when, theme)
        front = PdfReader(io.BytesIO(data))
        if len(front.pages) == front_count:
            break
        front_count = len(front.pages)
    return front, rects


def pack_is_tagged(path: Path) -> bool:
    """Whether the pack at ``path`` carries a structure tree (every sheet in it was tagged)."""
    from pypdf import PdfReader

    return "/StructTreeRoot" in PdfReader(path).trailer["/Root"]


def _language(reader) -> str:
    """The first sheet's language (its catalogue's ``/Lang``), for the front pages."""
    lang = str(reader.trailer["/Root"].get("/Lang", "en") or "en")
    return lang.split("-")[0].lower() or "en"


def _pack_date(readers):
    """``SOURCE_DATE_EPOCH`` if set, else the newest sheet's creation date (never the clock)."""
    import os

    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return document_timestamp()
    dates = [r.metadata.creation_date for r in readers
             if r.metadata is not None and r.metadata.creation_date is not None]
    return max(dates) if dates else document_timestamp()
