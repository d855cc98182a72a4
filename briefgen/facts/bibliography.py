"""Sources in: a facts file's ``bibliography:`` (CSL-JSON or BibTeX, as Zotero exports it).

A facts file may name ``bibliography: refs.json`` (CSL-JSON, as Better BibTeX's
auto-export writes it) or ``refs.bib`` (BibTeX, read with ``bibtexparser``),
relative to the facts file. A fact then cites an entry by its key in its
``sources:``, as it cites a listed source; every cited key that is not listed
under ``sources:`` becomes a source whose title, publisher, URL, access date and
archived copy come from the entry. A listed source with the same id wins.

Problems are diagnostics like every other: ``BG170`` when the file cannot be
read or parsed (at the ``bibliography:`` line, or at the bibliography's own
line), ``BG171`` for a cited entry briefgen cannot use (no title, no http(s)
URL, a key that cannot be a source id), at the entry's line in its file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefgenError, Problem
from briefgen.inputs.yamlfile import YamlDocument, read_text

_ARCHIVED = re.compile(r"Archived copy:\s*(https?://\S+)")


@dataclass(frozen=True)
class BibEntry:
    """One bibliography entry, as far as briefgen reads it, and where it is written."""

    key: str
    file: str
    line: int | None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    accessed: dt.date | None = None
    archived: str | None = None

    def as_source(self) -> dict:
        """The entry as a facts file's source (YAML-shaped data: dates as text)."""
        source = {"id": self.key, "title": self.title, "url": self.url}
        if self.publisher:
            source["publisher"] = self.publisher
        if self.accessed:
            source["accessed"] = self.accessed.isoformat()
        if self.archived:
            source["archived"] = self.archived
        return source

    def problem(self) -> str | None:
        """Why briefgen cannot cite this entry, or None."""
        from briefgen.inputs.validation import SLUG, URL  # imports pydantic: only when needed

        if not re.match(SLUG, self.key):
            return (f"bibliography key '{self.key}' cannot be a source id (lower-case letters, "
                    "digits, '-', '_' or '.'); change the citation key")
        if not self.title:
            return f"bibliography entry '{self.key}' has no title"
        if not self.url or not re.match(URL, self.url):
            return f"bibliography entry '{self.key}' has no http(s) URL; add one"
        return None


def _csl_date(value) -> dt.date | None:
    try:
        year, month, day = value["date-parts"][0][:3]
        return dt.date(int(year), int(month), int(day))
    except (KeyError, IndexError, TypeError, ValueError):
        pass
    if isinstance(value, dict) and isinstance(value.get("raw"), str):
        value = value["raw"]
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _text(value) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def read_csljson(path: Path) -> dict[str, BibEntry]:
    """The entries of a CSL-JSON file (a list of items with ``id``)."""
    text = read_text(path, what="bibliography")
    try:
        items = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise BriefgenError("bad CSL-JSON", [Problem(str(path), line, "not valid JSON "
                            f"({getattr(exc, 'msg', exc)}); export it again", code="BG170")]) from None
    if not isinstance(items, list):
        raise BriefgenError("bad CSL-JSON", [Problem(str(path), 1, "a CSL-JSON bibliography is "
                            "a list of items", code="BG170")])
    out = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int)):
            continue
        key = str(item["id"])
        match = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(item["id"])), text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        note = item.get("note") if isinstance(item.get("note"), str) else ""
        archived = _ARCHIVED.search(note)
        out[key] = BibEntry(key, str(path), line, _text(item.get("title")),
                            _text(item.get("publisher")) or _text(item.get("container-title")),
                            _text(item.get("URL")), _csl_date(item.get("accessed")),
                            archived.group(1) if archived else None)
    return out


def read_bibtex(path: Path) -> dict[str, BibEntry]:
    """The entries of a BibTeX file (read with bibtexparser; LaTeX in titles decoded)."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    text = read_text(path, what="bibliography")
    raw = bibtexparser.parse_string(text)
    decoded = {e.key: e for e in bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware()]).entries}
    problems = [Problem(str(path), block.start_line + 1,
                        f"cannot read this BibTeX block ({type(block).__name__}); fix it or "
                        "export the bibliography again", code="BG170")
                for block in raw.failed_blocks]
    if problems:
        raise BriefgenError("bad BibTeX", problems)
    out = {}
    for entry in raw.entries:
        fields = {k.lower(): v for k, v in entry.fields_dict.items()}
        nice = decoded.get(entry.key, entry)
        words = {k.lower(): v for k, v in nice.fields_dict.items()}

        def value(name, source=words):
            field = source.get(name)
            return _text(str(field.value).strip("{}")) if field is not None else None

        note = value("note") or ""
        archived = _ARCHIVED.search(note)
        out[entry.key] = BibEntry(
            entry.key, str(path), entry.start_line + 1, value("title"),
            value("publisher") or value("organization") or value("howpublished")
            or value("journal"),
            value("url", fields), _csl_date(value("urldate", fields)),
            archived.group(1) if archived else None)
    return out


def cited_ids(data: dict) -> set[str]:
    """Every source id the facts and items of raw facts data cite."""
    out = set()
    facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
    for fact in facts.values():
        if not isinstance(fact, dict):
            continue
        items = fact.get("items") if isinstance(fact.get("items"), list) else []
        for part in [fact, *(i for i in items if isinstance(i, dict))]:
            ids = part.get("sources")
            if isinstance(ids, list):
                out.update(i for i in ids if isinstance(i, str))
    return out


class _Unknown(frozenset):
    """The keys of a bibliography that could not be read: any key may be in it."""

    def __contains__(self, key) -> bool:
        return True


def add_bibliography_sources(doc: YamlDocument
                             ) -> tuple[set[str], dict[str, BibEntry], list[Problem]]:
    """Read the bibliography a facts file names and add each cited entry not listed under
    ``sources:`` to its raw data: (every key the bibliography has, the entries added by
    id, problems). When the bibliography cannot be read, every key counts as in it, so
    that the one problem is that (``BG170``), not each citation (``BG141``)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    name = data.get("bibliography")
    if not isinstance(name, str) or not name.strip():
        return set(), {}, []
    path = (Path(doc.file).parent / name.strip())
    reader = read_bibtex if path.suffix.lower() == ".bib" else read_csljson
    try:
        entries = reader(path)
    except BriefgenError as exc:
        problems = list(exc.problems) or [Problem(str(path), None, str(exc), code="BG170")]
        if any(p.code in ("BG001", "BG002") for p in problems):
            return _Unknown(), {}, [doc.problem(("bibliography",), f"bibliography '{name}' cannot be read "
                                    f"({problems[0].message}); export it from Zotero again or "
                                    "fix the path (relative to this file)", "BG170")]
        return _Unknown(), {}, [Problem(p.file, p.line, p.message, code="BG170")
                                for p in problems]
    sources = data.get("sources")
    listed = {s.get("id") for s in sources if isinstance(s, dict)} if isinstance(
        sources, list) else set()
    added, problems = {}, []
    for key in sorted(cited_ids(data) - listed):
        entry = entries.get(key)
        if entry is None:
            continue  # not in the bibliography either: BG141 says so
        why = entry.problem()
        if why:
            problems.append(Problem(entry.file, entry.line, why, code="BG171"))
            continue
        added[key] = entry
    if added:
        if not isinstance(sources, list):
            sources = data["sources"] = []
        sources.extend(e.as_source() for e in added.values())
    return set(entries), added, problems
