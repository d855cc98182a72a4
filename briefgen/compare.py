"""Comparison sheets: two or more organisations side by side on chosen dimensions.

A comparison spec (YAML) names the rows and, for each, the fact key to look up
in every facts file. The sheet is a template (``comparison.md.j2``) over the
same document tree and writers as a brief: there is no second rendering path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from briefgen.build import BuildResult, document_from_markdown, sources_of, write_document
from briefgen.errors import InputError, PageOverflowError, Problem, problems_error
from briefgen.facts import Facts, load_facts
from briefgen.facts.yamlread import load_yaml
from briefgen.resources import facts_dir
from briefgen.theme import DEFAULT_THEME, PageSetup, Theme
from briefgen.todo import unfilled
from briefgen.validation import validate

ORGANISATIONS = "{organisations}"
"""Placeholder in a spec's title or lead for the names of the compared organisations."""
LANDSCAPE_FROM_ORGS = 3
"""Three or more organisations get a landscape page."""
LANDSCAPE_FROM_CELL_CHARS = 140
"""…and so do two whose longest cell is longer than this."""


class SpecRow(BaseModel):
    """One dimension: a label and the fact key holding each organisation's value."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str = Field(min_length=1, description="the row's name in the first column")
    fact: str | None = Field(default=None, description="the fact key to show for every file")
    facts: dict[str, str] | None = Field(default=None, description="facts-file id -> fact key, "
                                         "where the files use different keys")
    contrast: bool = Field(default=False, description="mark the row as where the files differ")
    note: str | None = Field(default=None, description="a note printed under the table")


class ComparisonSpec(BaseModel):
    """What a comparison shows: title, lead, rows, and the clause to quote.

    ``{organisations}`` in the title or lead becomes the compared organisations,
    named as in ``names`` (facts-file id -> name, e.g. ``nato: NATO Article 5``)
    or by their short titles: "CSTO Article 4 and NATO Article 5".
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1, description="the sheet's title; {organisations} is "
                       "replaced by the compared names")
    lead: str | None = Field(default=None, description="a paragraph under the title")
    names: dict[str, str] = Field(default_factory=dict, description="facts-file id -> name "
                                  "for {organisations} (default: short titles)")
    quote_fact: str | None = Field(default=None, description="a fact key whose text is quoted "
                                   "under the table for each file")
    rows: list[SpecRow] = Field(min_length=1, description="the dimensions compared, in order")


@dataclass
class LoadedSpec:
    """A validated spec and the line of each row in its file."""

    path: Path
    spec: ComparisonSpec
    row_lines: list[int]


def default_spec_path() -> Path:
    """The bundled spec: the collective-defence clauses compared."""
    return facts_dir() / "comparisons" / "defence-clause.yaml"


def load_spec(path: Path | str) -> LoadedSpec:
    """Read and validate a comparison spec, reporting problems as file:line."""
    doc = load_yaml(path, "comparison spec")
    spec = validate(ComparisonSpec, doc, "comparison spec", "title:, rows:", also=unfilled(doc))
    problems = [doc.problem(("rows", i), f"row '{r.label}' needs 'fact:' or 'facts:'", "BG440")
                for i, r in enumerate(spec.rows) if not (r.fact or r.facts)]
    if problems:
        raise problems_error(problems, doc.file)
    lines = [doc.line_of(("rows", i)) or 1 for i in range(len(spec.rows))]
    return LoadedSpec(Path(path), spec, lines)


def _key_for(row: SpecRow, facts: Facts) -> str | None:
    if row.facts and facts.id in row.facts:
        return row.facts[facts.id]
    return row.fact


def check_spec(loaded: LoadedSpec, files: list[Facts]) -> list[Problem]:
    """Rows naming a fact that no facts file has: a spec error, not a blank."""
    problems = []
    for row, line in zip(loaded.spec.rows, loaded.row_lines, strict=True):
        keys = {f.id: _key_for(row, f) for f in files}
        if not any(k and k in f.model.facts for f, k in zip(files, keys.values(), strict=True)):
            named = ", ".join(sorted({k for k in keys.values() if k}))
            problems.append(Problem(str(loaded.path), line,
                                    f"row '{row.label}' names fact '{named}', which none of "
                                    f"{', '.join(str(f.path) for f in files)} has; "
                                    "check the key's spelling", code="BG441"))
    quote = loaded.spec.quote_fact
    if quote and not any(quote in f.model.facts for f in files):
        problems.append(Problem(str(loaded.path), None,
                                f"quote_fact '{quote}' is in none of the facts files",
                                code="BG442"))
    return problems


def comparison_context(loaded: LoadedSpec, files: list[Facts],
                       qualify_first: bool = True) -> dict[str, Any]:
    """The names ``comparison.md.j2`` uses: spec, orgs, rows (with cells), quotes, notes,
    and ``comparison`` (orgs, rows and notes together, for the table macros).

    Source ids are qualified by file id (``nato:treaty``); with ``qualify_first``
    false the first file keeps its plain ids, as in a brief that embeds a comparison.
    """
    from briefgen.context import FactsView, meta_of

    views = [FactsView(f, qualify=qualify_first or i > 0) for i, f in enumerate(files)]
    orgs = [{"meta": meta_of(f), "facts": v} for f, v in zip(files, views, strict=True)]
    rows, notes = [], []
    for row in loaded.spec.rows:
        cells = []
        for f, v in zip(files, views, strict=True):
            key = _key_for(row, f)
            fact = v.get(key) if key else None
            if fact is None:
                notes.append(f"{f.model.short_title or f.model.title}: '{row.label}' has no "
                             f"fact '{key}' in {f.path.name}")
                cells.append({"missing": True, "note": len(notes)})
            else:
                cells.append({"missing": False, "fact": fact})
        if row.note:
            notes.append(f"{row.label}: {row.note}")
        rows.append({"label": row.label, "contrast": row.contrast, "cells": cells,
                     "note": len(notes) if row.note else None})
    quotes = []
    if loaded.spec.quote_fact:
        for org in orgs:
            fact = org["facts"].get(loaded.spec.quote_fact)
            if fact is not None:
                quotes.append({"org": org["meta"]["short_title"], "fact": fact})
    table = {"orgs": orgs, "rows": rows, "notes": notes}
    return {"spec": spec_for(loaded.spec, files), "orgs": orgs, "rows": rows, "quotes": quotes,
            "notes": notes, "comparison": table}


def spec_for(spec: ComparisonSpec, files: list[Facts]) -> ComparisonSpec:
    """``spec`` with ``{organisations}`` in its title and lead filled in for ``files``."""
    names = [spec.names.get(f.id) or f.model.short_title or f.model.title for f in files]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    update = {"title": spec.title.replace(ORGANISATIONS, listed)}
    if spec.lead:
        update["lead"] = spec.lead.replace(ORGANISATIONS, listed)
    return spec.model_copy(update=update)


def embedded_comparison(main: Facts, others: tuple[str, ...], spec: str | Path | None,
                        marked) -> dict[str, Any]:
    """A comparison of ``main`` with other facts files, for a brief template.

    ``others`` are paths (relative to the working folder or to ``main``'s
    folder) or bundled names (``nato``). Their sources are registered with the
    template's ``marked`` text so the brief's source list can print them.
    """
    from briefgen.build import sources_of
    from briefgen.resources import find_facts

    files = [main]
    for other in others:
        path = Path(str(other))
        if not path.exists() and (main.path.parent / path).exists():
            path = main.path.parent / path
        files.append(load_facts(find_facts(path)))
    spec_path = Path(str(spec)) if spec else default_spec_path()
    if not spec_path.exists() and (main.path.parent / spec_path).exists():
        spec_path = main.path.parent / spec_path
    loaded = load_spec(spec_path)
    problems = check_spec(loaded, files)
    if problems:
        raise problems_error(problems, str(loaded.path))
    marked.extra_sources.update(sources_of(*files[1:], qualify=True))
    return comparison_context(loaded, files, qualify_first=False)["comparison"]


def choose_orientation(context: dict[str, Any]) -> str:
    """Landscape for three or more organisations or long cells, else portrait."""
    if len(context["orgs"]) >= LANDSCAPE_FROM_ORGS:
        return "landscape"
    longest = max((len(c["fact"].display_text()) for r in context["rows"] for c in r["cells"]
                   if not c["missing"]), default=0)
    return "landscape" if longest > LANDSCAPE_FROM_CELL_CHARS else "portrait"


def make_comparison(facts_paths: list[Path], spec_path: Path | None = None,
                    formats: tuple[str, ...] = ("pdf", "docx"), output: Path = Path("out"),
                    setup: PageSetup | None = None, orientation: str = "auto",
                    theme: Theme = DEFAULT_THEME, template: str = "comparison",
                    template_dirs: list[Path] | None = None,
                    name: str | None = None) -> BuildResult:
    """Make a comparison sheet: ``<output>/<id1>-vs-<id2>[-vs-…].<fmt>``."""
    from dataclasses import replace

    from briefgen.templating import render_template, resolve_template

    if len(facts_paths) < 2:
        raise InputError("a comparison needs two or more facts files")
    setup = setup or PageSetup()
    loaded = load_spec(spec_path or default_spec_path())
    files, problems = [], []
    for path in facts_paths:
        try:
            files.append(load_facts(path))
        except InputError as exc:
            problems.extend(exc.problems or [Problem(str(path), None, str(exc))])
    if problems:
        raise problems_error(problems, "the facts files")
    ids = [f.id for f in files]
    if len(set(ids)) != len(ids):
        raise InputError(f"the same facts file id appears twice: {', '.join(ids)}")
    problems = check_spec(loaded, files)
    if problems:
        raise problems_error(problems, str(loaded.path))
    context = comparison_context(loaded, files)
    if orientation == "auto":
        orientation = choose_orientation(context)
    setup = replace(setup, orientation=orientation)
    tname, search = resolve_template(template, template_dirs)
    stem = name or "-vs-".join(ids)

    def build(with_quotes: bool) -> BuildResult:
        ctx = dict(context, quotes=context["quotes"] if with_quotes else [])
        marked = render_template(tname, search, ctx)
        doc = document_from_markdown(
            marked, title=context["spec"].title, sources=sources_of(*files, qualify=True),
            language=files[0].model.language,
            as_of=max(f.model.as_of for f in files),
            subject=f"Comparison: {', '.join(ids)}",
            header=" · ".join(f.model.short_title or f.model.title for f in files)
            + " · Comparison", theme=theme,
            keywords=(*(f.model.short_title or f.id for f in files), "comparison"))
        return write_document(doc, stem, formats, output, setup, theme)

    if not context["quotes"] or setup.allow_overflow:
        return build(True)
    try:
        return build(True)
    except PageOverflowError:
        result = build(False)  # the clause texts are what gives way first
        result.warnings.append("the clause texts did not fit beside the table and were left out")
        return result
