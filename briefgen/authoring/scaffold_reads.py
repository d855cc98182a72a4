"""The facts a template reads, in the shape a scaffold is written in.

A thin view of :func:`briefgen.templating.reads.analyse_template` (the same
analysis ``check`` and every build use): for each fact, in the order the
template first reads it, whether it is required, whether it is a list, and the
item fields read. :data:`HINTS` says what belongs in each standard fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HINTS = {
    "name": "the organisation's full name, the sheet's title",
    "abbreviation": "the acronym, e.g. NATO",
    "summary": "two or three sentences: what it is and why it matters",
    "native_name": "the name in its own language(s)",
    "founding_treaty": "the founding treaty and where and when it was signed",
    "treaty_in_force": "when the treaty entered into force",
    "charter": "the charter or statute and its date",
    "headquarters": "the city (and country) of the headquarters",
    "secretary_general": "who leads it now, and since when",
    "defence_clause": "the verbatim text of the defence clause (add quote: true)",
    "defence_clause_obligation": "in plain words: what the clause obliges members to do",
    "defence_clause_scope": "where the clause applies (territory, forces)",
    "members": "one entry per member state",
    "former_members": "states that left, with the date they left",
    "invocations": "each time the clause was called on",
    "declined_requests": "requests that were not met",
    "criticisms": "criticisms and open questions, each with who raised it",
}


@dataclass
class FactRead:
    """One fact a template reads: required or not, a list or not, and the item fields read."""

    key: str
    required: bool = False
    items: bool = False
    fields: list[str] = field(default_factory=list)


def template_fact_reads(name: str, search: list[Path]) -> list[FactRead]:
    """The facts the template ``name`` (on ``search``) reads, in the order it first reads them."""
    from briefgen.templating.reads import analyse_template

    analysis = analyse_template(name, search)
    out: dict[str, FactRead] = {}
    for r in analysis.reads:
        read = out.setdefault(r.key, FactRead(r.key))
        if r.field is None:
            read.required = read.required or not r.optional
        else:
            read.items = True
            if r.field not in read.fields:
                read.fields.append(r.field)
    return list(out.values())
