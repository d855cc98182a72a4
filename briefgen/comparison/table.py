"""The comparison table as data: organisations, rows with their cells, quotes and notes.

No templating and no writers: ``comparison.md.j2`` and the ``comparison_table``
macro turn this into Markdown, like every other sheet.
"""

from __future__ import annotations

from typing import Any

from briefgen.comparison.spec import ORGANISATIONS, ComparisonSpec, LoadedSpec, key_for
from briefgen.facts import Facts

LANDSCAPE_FROM_ORGS = 3
"""Three or more organisations get a landscape page."""
LANDSCAPE_FROM_CELL_CHARS = 140
"""…and so do two whose longest cell is longer than this."""


def comparison_context(loaded: LoadedSpec, files: list[Facts],
                       qualify_first: bool = True, lang: str | None = None) -> dict[str, Any]:
    """The names ``comparison.md.j2`` uses: spec, orgs, rows (with cells), quotes, notes,
    and ``comparison`` (orgs, rows and notes together, for the table macros).

    Source ids are qualified by file id (``nato:treaty``); with ``qualify_first``
    false the first file keeps its plain ids, as in a brief that embeds a comparison.
    """
    from briefgen.facts.views import FactsView, meta_of
    from briefgen.i18n import current_language, translations

    lang = lang or current_language()
    _ = translations(lang).gettext
    views = [FactsView(f, qualify=qualify_first or i > 0) for i, f in enumerate(files)]
    orgs = [{"meta": meta_of(f), "facts": v} for f, v in zip(files, views, strict=True)]
    rows, notes = [], []
    for row in loaded.spec.rows:
        cells = []
        for f, v in zip(files, views, strict=True):
            key = key_for(row, f)
            fact = v.get(key) if key else None
            if fact is None:  # a neutral mark on the page; the warning goes to stderr
                cells.append({"missing": True})
            else:
                cells.append({"missing": False, "fact": fact})
        said = row_notes(row, files)
        if said:
            notes.append(f"{row.label}: {' '.join(said)}")
        rows.append({"label": row.label, "contrast": is_contrast(row, files, cells), "cells": cells,
                     "note": len(notes) if said else None})
    quotes = []
    if loaded.spec.quote_fact:
        for org in orgs:
            fact = org["facts"].get(loaded.spec.quote_fact)
            if fact is not None:
                quotes.append({"org": org["meta"]["short_title"], "fact": fact})
    missing = any(c["missing"] for r in rows for c in r["cells"])
    table = {"orgs": orgs, "rows": rows, "notes": notes, "missing": missing}
    return {"spec": spec_for(loaded.spec, files, lang), "orgs": orgs, "rows": rows, "quotes": quotes,
            "notes": notes, "comparison": table}


def _ids(files: list[Facts]) -> list[str]:
    """Each file's id as a spec names it (a translation by its original's id)."""
    return [f.model.translation_of or f.id for f in files]


def row_notes(row, files: list[Facts]) -> list[str]:
    """The notes of ``row`` for these files: its own note, and each note whose organisations are all shown."""
    shown = set(_ids(files)) | {f.id for f in files}
    return ([row.note] if row.note else []) + [n.text for n in row.notes if set(n.about) <= shown]


def is_contrast(row, files: list[Facts], cells: list[dict]) -> bool:
    """Whether the row is marked as a contrast on a sheet of ``files``.

    Only a ``contrast: true`` row can be; not when the organisations shown all sit in one
    of the row's ``agree`` groups, nor when every cell reads the same.
    """
    if not row.contrast:
        return False
    ids = set(_ids(files))
    if any(ids <= set(group) for group in row.agree):
        return False
    texts = {" ".join(c["fact"].display_text().split()).casefold() for c in cells
             if not c["missing"]}
    return not (len(texts) == 1 and all(not c["missing"] for c in cells))


def spec_for(spec: ComparisonSpec, files: list[Facts], lang: str = "en") -> ComparisonSpec:
    """``spec`` with ``{organisations}`` in its title and lead filled in for ``files``."""
    from briefgen.i18n.sheet import listing

    names = [spec.names.get(f.id) or spec.names.get(f.model.translation_of or "")
             or f.model.short_title or f.model.title for f in files]
    listed = listing(lang, names)
    update = {"title": spec.title.replace(ORGANISATIONS, listed)}
    if spec.lead:
        update["lead"] = spec.lead.replace(ORGANISATIONS, listed)
    return spec.model_copy(update=update)


def choose_orientation(context: dict[str, Any]) -> str:
    """Landscape for three or more organisations or long cells, else portrait."""
    if len(context["orgs"]) >= LANDSCAPE_FROM_ORGS:
        return "landscape"
    longest = max((len(c["fact"].display_text()) for r in context["rows"] for c in r["cells"]
                   if not c["missing"]), default=0)
    return "landscape" if longest > LANDSCAPE_FROM_CELL_CHARS else "portrait"
