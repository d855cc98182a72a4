"""Sources out: CSL-JSON, BibTeX and RIS, as reference managers (Zotero…) import them.

Each source of a facts file becomes one web-page entry: its title, publisher
(the website), URL, access date, note, the file's language, and its archived
copy (``archived:``) in the note. Keys are ``<file id>:<source id>`` when
several files are exported, else the source id.

- CSL-JSON: a list of ``webpage`` items (the CSL data schema, csl-data.json).
- BibTeX: ``@misc`` entries with ``url`` and ``urldate`` (read by BibTeX,
  biblatex, Zotero and bibtexparser); LaTeX specials escaped.
- RIS: ``TY  - ELEC`` records with ``TI``, ``PB``, ``UR``, ``Y2`` (access date),
  ``LA``, ``N1``, ``ID``, ``ER``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One source to export, with the key it gets and the language of its file."""

    key: str
    title: str
    url: str
    publisher: str | None = None
    accessed: dt.date | None = None
    note: str | None = None
    archived: str | None = None
    language: str | None = None


def entries_of(files, qualify: bool | None = None) -> list[Entry]:
    """The sources of loaded facts files (:class:`briefgen.facts.Facts`) as entries, in order;
    a source id listed in two files keeps both (keys qualified by the file's id)."""
    qualify = len(files) > 1 if qualify is None else qualify
    out = []
    for facts in files:
        for s in facts.model.sources:
            key = f"{facts.id}:{s.id}" if qualify else s.id
            out.append(Entry(key, s.title, s.url, s.publisher, s.accessed, s.note, s.archived,
                             facts.model.language))
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _note(e: Entry) -> str | None:
    parts = [e.note] if e.note else []
    if e.archived:
        parts.append(f"Archived copy: {e.archived}")
    return " ".join(_one_line(p) for p in parts) or None


def to_csljson(entries: list[Entry]) -> str:
    """A CSL-JSON list of ``webpage`` items."""
    items = []
    for e in entries:
        item: dict = {"id": e.key, "type": "webpage", "title": _one_line(e.title), "URL": e.url}
        if e.publisher:
            item["container-title"] = _one_line(e.publisher)
            item["publisher"] = _one_line(e.publisher)
        if e.accessed:
            item["accessed"] = {"date-parts": [[e.accessed.year, e.accessed.month,
                                                e.accessed.day]]}
        if e.language:
            item["language"] = e.language
        note = _note(e)
        if note:
            item["note"] = note
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
          "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
          "^": r"\textasciicircum{}"}
_LATEX_RE = re.compile("|".join(re.escape(c) for c in _LATEX))


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters escaped, on one line."""
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], _one_line(text))


def bibtex_key(key: str) -> str:
    """A BibTeX citation key: letters, digits and ``-_:.`` only."""
    return re.sub(r"[^A-Za-z0-9_:.\-]", "-", key)


def to_bibtex(entries: list[Entry]) -> str:
    """``@misc`` entries, one per source."""
    out = []
    for e in entries:
        fields = [("title", "{" + latex_escape(e.title) + "}")]
        if e.publisher:
            fields += [("publisher", latex_escape(e.publisher)),
                       ("howpublished", latex_escape(e.publisher))]
        fields.append(("url", _url_field(e.url)))
        if e.accessed:
            fields.append(("urldate", e.accessed.isoformat()))
        if e.language:
            fields.append(("language", latex_escape(e.language)))
        note = _note(e)
        if note:
            fields.append(("note", latex_escape(note)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@misc{{{bibtex_key(e.key)},\n{body}\n}}\n")
    return "\n".join(out)


def _url_field(url: str) -> str:
    # BibTeX reads a url verbatim (url/hyperref packages): only unbalanced braces and
    # a percent sign need care.
    return url.replace("{", "%7B").replace("}", "%7D")


def to_ris(entries: list[Entry]) -> str:
    """RIS records (``TY  - ELEC`` … ``ER  -``), one per source, CRLF-free."""
    out = []
    for e in entries:
        tags = [("TY", "ELEC"), ("ID", e.key), ("TI", _one_line(e.title))]
        if e.publisher:
            tags.append(("PB", _one_line(e.publisher)))
        tags.append(("UR", e.url))
        if e.accessed:
            tags.append(("Y2", e.accessed.strftime("%Y/%m/%d/")))
        if e.language:
            tags.append(("LA", e.language))
        note = _note(e)
        if note:
            tags.append(("N1", note))
        tags.append(("ER", ""))
        out.append("\n".join(f"{tag}  - {value}".rstrip() + ("" if value else " ")
                             for tag, value in tags))
    return "\n\n".join(out) + "\n"


FORMATS = {"csljson": to_csljson, "bibtex": to_bibtex, "ris": to_ris}
"""Export formats by name (``briefgen sources --to NAME``)."""


def export_sources(paths, fmt: str, cited_by: str | None = None,
                   template_dirs: list | None = None) -> str:
    """The sources of the facts files ``paths`` in ``fmt`` (a name in :data:`FORMATS`).

    With ``cited_by`` (a brief template name or path), only the sources the sheet
    built from each file with that template cites, in the order the sheet numbers them.
    """
    from briefgen.bundled import find_facts
    from briefgen.facts import load_facts

    files = [load_facts(find_facts(p)) for p in paths]
    entries = entries_of(files)
    if cited_by:
        from briefgen.sheets.brief import build_brief
        from briefgen.sheets.request import SheetRequest

        qualified = len(files) > 1
        by_key = {e.key: e for e in entries}
        entries = []
        for facts in files:  # built as the sheet is (fitted, items cut to fit), not written
            built = build_brief(SheetRequest(facts=(facts,), template=cited_by, formats=("pdf",),
                                             template_dirs=tuple(template_dirs or ()),
                                             write=False))
            for ref in built.cited:
                entries.append(by_key[f"{facts.id}:{ref.id}" if qualified else ref.id])
    return FORMATS[fmt](entries)
