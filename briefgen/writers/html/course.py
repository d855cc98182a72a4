"""A whole course as HTML: the ``index.html`` of a course pack (title, contents by kind, links).

The course runner (:mod:`briefgen.course`) says which sheets there are and
which files each has; this module only writes the page: one ``h1`` (the
course), an ``h2`` per kind of sheet (briefing sheets, timelines,
comparisons, as the kinds registry orders them for the pack's contents) and for each sheet its
title linked to its web page, then its PDF and Word files.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.document.language import language_spans
from briefgen.i18n.sheet import text as say
from briefgen.kinds import KINDS as SHEET_KINDS
from briefgen.theme.model import PageSetup, Theme
from briefgen.writers.html import markup as mk
from briefgen.writers.html.style import stylesheet

KINDS = tuple((kind.name, kind.heading) for kind in SHEET_KINDS)
"""Sheet kinds in contents order, with their headings (the registry's, msgids of the catalogue)."""
FILE_LABELS = (("pdf", "PDF"), ("docx", "Word"))


@dataclass(frozen=True)
class CourseSheet:
    """One sheet of a course: its job name, title, kind, language and files by format."""

    name: str
    title: str
    kind: str
    lang: str
    files: dict[str, str] = field(default_factory=dict)  # format -> file name in the folder


_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
_H2 = re.compile(rb"<h2[^>]*>(.*?)</h2>", re.S)
_LANG = re.compile(rb'<(?:html|div) lang="([^"]+)"')


def title_and_lang(files: dict[str, Path], fallback: str) -> tuple[str, str]:
    """A built sheet's title and language, read back from its page or fragment, else its PDF's
    metadata (``files``: format → path); ``fallback`` and ``en`` when none says."""
    for fmt, pattern in (("html", _TITLE), ("lms", _H2)):
        if fmt in files:
            data = files[fmt].read_bytes()
            found, lang = pattern.search(data), _LANG.search(data)
            text = re.sub(rb"<[^>]+>", b"", found.group(1)) if found else b""
            title = html.unescape(text.decode("utf-8")).strip()
            return title or fallback, lang.group(1).decode() if lang else "en"
    if "pdf" in files:
        from pypdf import PdfReader

        reader = PdfReader(files["pdf"])
        title = reader.metadata.title if reader.metadata and reader.metadata.title else fallback
        return str(title), str(reader.trailer["/Root"].get("/Lang", "en"))
    return fallback, "en"


def course_index(title: str, lang: str, sheets: list[CourseSheet], theme: Theme) -> bytes:
    """The course's ``index.html``: every sheet by kind, linked to its HTML, PDF and DOCX."""
    parts = [f"<h1>{mk.text(title)}</h1>"]
    n = 0
    for kind, heading in KINDS:
        group = [s for s in sheets if s.kind == kind]
        if not group:
            continue
        n += 1
        hid = f"kind{n}"
        items = []
        for sheet in group:
            lang_attr = f' lang="{mk.attr(sheet.lang)}"' if sheet.lang != lang else ""
            name = "".join(f'<span lang="{other}">{mk.text(piece)}</span>' if other
                           else mk.text(piece) for piece, other in
                           language_spans(sheet.title, sheet.lang))  # "- Russian ОДКБ"
            page = sheet.files.get("html")
            # the title is in the sheet's language; the (PDF, Word) labels in the index's
            entry = (f'<a href="{mk.attr(page)}"{lang_attr}>{name}</a>' if page
                     else f"<span{lang_attr}>{name}</span>")
            links = [f'<a href="{mk.attr(sheet.files[fmt])}" aria-label="{mk.attr(sheet.title)} '
                     f'({label})">{label}</a>' for fmt, label in FILE_LABELS if fmt in sheet.files]
            more = f' <span class="files">({", ".join(links)})</span>' if links else ""
            items.append(f"<li>{entry}{more}</li>")
        parts.append(f'<section aria-labelledby="{hid}"><h2 id="{hid}">'
                     f"{mk.text(say(lang, heading))}</h2><ul>{''.join(items)}</ul></section>")
    css = stylesheet(theme, PageSetup(), 1.0)
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{mk.attr(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="generator" content="briefgen">',
        f"<title>{mk.text(title)}</title>",
        f"<style>\n{css}\n</style>",
        "</head>",
        "<body>",
        '<div class="sheet">',
        f"<main>{''.join(parts)}</main>",
        "</div>",
        "</body>",
        "</html>",
        "",
    ]).encode("utf-8")
