"""Comparison specs: which rows a comparison shows and which fact each row reads.

A spec (YAML) names the rows and, for each, the fact key to look up in every
facts file. Loading validates it with file:line problems; :func:`check_spec`
holds it against the facts files of a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from briefgen.errors import Problem, problems_error
from briefgen.facts import Facts
from briefgen.inputs.todo import unfilled
from briefgen.inputs.validation import validate
from briefgen.inputs.yamlfile import load_yaml

ORGANISATIONS = "{organisations}"
"""Placeholder in a spec's title or lead for the names of the compared organisations."""


class RowNote(BaseModel):
    """A note on a row that speaks of some organisations: printed only when all of them are shown."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    about: list[str] = Field(min_length=1, description="the facts-file ids the note speaks of; "
                             "it prints only on a sheet that shows every one of them")
    text: str = Field(min_length=1, description="the note, printed under the table")


class SpecRow(BaseModel):
    """One dimension: a label and the fact key holding each organisation's value.

    Whether a row is a contrast is decided per sheet: ``contrast: true`` says the
    treaties may differ here, ``agree`` lists groups of facts-file ids that agree in
    substance, and a sheet whose organisations all sit in one group (or whose cells
    read the same) does not mark the row.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    label: str = Field(min_length=1, description="the row's name in the first column")
    fact: str | None = Field(default=None, description="the fact key to show for every file")
    facts: dict[str, str] | None = Field(default=None, description="facts-file id -> fact key, "
                                         "where the files use different keys")
    contrast: bool = Field(default=False, description="the organisations may differ in substance "
                           "here (marked on a sheet unless those shown agree, see 'agree')")
    agree: list[list[str]] = Field(default_factory=list, description="groups of facts-file ids "
                                   "that agree in substance on this row")
    note: str | None = Field(default=None, description="a note printed under the table whenever "
                             "the row is shown")
    notes: list[RowNote] = Field(default_factory=list, description="notes that speak of some "
                                 "organisations, each printed only when all of them are shown")


class ComparisonSpec(BaseModel):
    """What a comparison shows: title, lead, rows, and the clause to quote.

    ``{organisations}`` in the title or lead becomes the compared organisations,
    named as in ``names`` (facts-file id -> name, e.g. ``nato: NATO Article 5``)
    or by their short titles: "CSTO Article 4 and NATO Article 5".
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
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


def key_for(row: SpecRow, facts: Facts) -> str | None:
    """The fact key a row reads in this facts file (a translation reads as its original)."""
    for fid in (facts.id, facts.model.translation_of):
        if row.facts and fid in row.facts:
            return row.facts[fid]
    return row.fact


def check_spec(loaded: LoadedSpec, files: list[Facts]) -> list[Problem]:
    """Rows naming a fact that no facts file has: a spec error, not a blank."""
    problems = []
    for row, line in zip(loaded.spec.rows, loaded.row_lines, strict=True):
        keys = {f.id: key_for(row, f) for f in files}
        if not any(k and k in f.model.facts for f, k in zip(files, keys.values(), strict=True)):
            named = ", ".join(sorted({k for k in keys.values() if k}))
            problems.append(Problem(str(loaded.path), line,
                                    f"row '{row.label}' names fact '{named}', which none of "
                                    f"{', '.join(str(f.path) for f in files)} has; "
                                    + _spelling_hint(named, files), code="BG441"))
    quote = loaded.spec.quote_fact
    if quote and not any(quote in f.model.facts for f in files):
        problems.append(Problem(str(loaded.path), None,
                                f"quote_fact '{quote}' is in none of the facts files",
                                code="BG442"))
    return problems


def _spelling_hint(key: str, files: list[Facts]) -> str:
    from briefgen.facts.slips import near_miss

    close = near_miss(key, {k for f in files for k in f.model.facts})
    return f"did you mean '{close}'?" if close else "check the key's spelling"
