"""Sources out: CSL-JSON, BibTeX and RIS, as reference managers (Zotero…) import them.

Each source of a facts file becomes one web-page entry
(:mod:`briefgen.document.csl`, the mapping the HTML page's COinS share): its
title, publisher (the website), URL, access date, note, its language (the
source's ``language:``, else the file's), and its archived copy
(``archived:``) in the note. Addresses pass the handout's link allow-list
(:func:`briefgen.document.links.check_link`: a refused one is left out, a
look-alike host goes out in punycode) and texts the printable rule
(:func:`briefgen.printable.clean_text`), so an export carries nothing a handout
would refuse to print. Keys are ``<file id>:<source id>`` when
several files are exported, else the source id.

- CSL-JSON: a list of ``webpage`` items (the CSL data schema, csl-data.json).
- BibTeX: ``@misc`` entries with ``url`` and ``urldate`` (read by BibTeX,
  biblatex, Zotero and bibtexparser); LaTeX specials escaped.
- RIS: ``TY  - ELEC`` records with ``TI``, ``PB``, ``UR``, ``Y2`` (access date),
  ``LA``, ``N1``, ``ID``, ``ER``.
"""

from __future__ import annotations

import json
import re

from briefgen.document.csl import Entry, csl_item, entry_note, one_line
from briefgen.document.links import allowed_link
from briefgen.printable import clean_text


def entries_of(files, qualify: bool | None = None) -> list[Entry]:
    """The sources of loaded facts files (:class:`briefgen.facts.Facts`) as entries, in order;
    a source id listed in two files keeps both (keys qualified by the file's id)."""
    qualify = len(files) > 1 if qualify is None else qualify
    out = []
    for facts in files:
        for s in facts.model.sources:
            key = f"{facts.id}:{s.id}" if qualify else s.id
            out.append(Entry(key, _printable(s.title), allowed_link(s.url) or "",
                             _printable(s.publisher), s.accessed, _printable(s.note),
                             allowed_link(s.archived), s.language or facts.model.language))
    return out


def _printable(text: str | None) -> str | None:
    return clean_text(text)[0] if text else text


def to_csljson(entries: list[Entry]) -> str:
    """A CSL-JSON list of ``webpage`` items (:func:`briefgen.document.csl.csl_item`)."""
    return json.dumps([csl_item(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
          "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
          "^": r"\textasciicircum{}"}
_LATEX_RE = re.compile("|".join(re.escape(c) for c in _LATEX))


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters escaped, on one line."""
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], one_line(text))


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
        if e.url:
            fields.append(("url", _url_field(e.url)))
        if e.accessed:
            fields.append(("urldate", e.accessed.isoformat()))
        if e.language:
            fields.append(("language", latex_escape(e.language)))
        note = entry_note(e)
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
        tags = [("TY", "ELEC"), ("ID", e.key), ("TI", one_line(e.title))]
        if e.publisher:
            tags.append(("PB", one_line(e.publisher)))
        if e.url:
            tags.append(("UR", e.url))
        if e.accessed:
            tags.append(("Y2", e.accessed.strftime("%Y/%m/%d/")))
        if e.language:
            tags.append(("LA", e.language))
        note = entry_note(e)
        if note:
            tags.append(("N1", note))
        tags.append(("ER", ""))
        out.append("\n".join(f"{tag}  - {value}".rstrip() + ("" if value else " ")
                             for tag, value in tags))
    return "\n\n".join(out) + "\n"


FORMATS = {"csljson": to_csljson, "bibtex": to_bibtex, "ris": to_ris}
"""Export formats by name (``briefgen sources --to NAME``)."""


def export_sources(paths, fmt: str, cited_by: str | None = None,
                   template_dirs: list | None = None, spec=None, lang: str | None = None) -> str:
    """The sources of the facts files ``paths`` in ``fmt`` (a name in :data:`FORMATS`).

    With ``cited_by`` (a template name or path), only the sources the sheet built with
    that template cites, in the order the sheet numbers them: a brief (or any one-file
    kind) from each file; a comparison (a template of a kind that reads a spec, or any
    template when ``spec`` is given) of all the files together, on ``spec`` (default: the
    bundled one in the sheet's language). ``lang`` is the sheet's language, as ``--lang``
    of ``brief`` and ``compare``.
    """
    from briefgen.bundled import find_facts
    from briefgen.facts import load_facts

    files = [load_facts(find_facts(p)) for p in paths]
    entries = entries_of(files)
    if not cited_by:
        return FORMATS[fmt](entries)
    by_key = {e.key: e for e in entries}
    qualified = len(files) > 1
    cited = []
    for facts, built in _built_sheets(files, cited_by, template_dirs, spec, lang):
        for ref in built.cited:
            if facts is None:  # a comparison's are keyed file-id:source-id already
                cited.append(by_key[ref.id])
            else:
                cited.append(by_key[f"{facts.id}:{ref.id}" if qualified else ref.id])
    return FORMATS[fmt](cited)


def _built_sheets(files, template: str, template_dirs, spec, lang):
    """(facts file or None, build result) for each sheet ``template`` makes of ``files``: one
    sheet of them all (None) for a kind that takes several files (a comparison), else one
    per file. Built as the sheet is (fitted, items cut to fit), never written."""
    from briefgen.errors import InputError
    from briefgen.kinds import KINDS, get_kind, template_kind
    from briefgen.sheets.request import SheetRequest
    from briefgen.writers import LAYOUT_FORMAT

    kind = template_kind(template) or get_kind("brief")  # a template of one's own: as brief -t
    if spec is not None and not kind.reads_spec:  # --spec: the template is a comparison's
        kind = next(k for k in KINDS if k.reads_spec)
    if not kind.many_facts and kind.build != get_kind("brief").build:
        raise InputError(f"--cited-by {template}: a {kind.name} sheet is not built from facts "
                         "files alone; give a brief, timeline or comparison template")
    dirs = tuple(template_dirs or ())
    if kind.many_facts:
        if len(files) < 2:
            raise InputError(f"--cited-by {template}: a {kind.name} needs two or more facts "
                             "files")
        yield None, kind.builder()(SheetRequest(facts=tuple(files), template=template,
                                                formats=(LAYOUT_FORMAT,), template_dirs=dirs, spec=spec,
                                                lang=lang, write=False))
        return
    for facts in files:
        yield facts, kind.builder()(SheetRequest(facts=(facts,), template=template,
                                                 formats=(LAYOUT_FORMAT,), template_dirs=dirs, lang=lang,
                                                 write=False))
