"""The facts-file schema: what a curated facts file may hold.

Described for people in ``docs/facts-format.md``. Values arrive from YAML as
strings (see :mod:`briefgen.inputs.yamlfile`); pydantic turns them into dates,
numbers and booleans where a field asks for one. A file that passes travels on
as :mod:`briefgen.facts.records` (see :mod:`briefgen.facts.validated`).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from briefgen.inputs.validation import SLUG, URL


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Strict):
    """A document a reader can open: a treaty text, an official page, an article."""

    id: str = Field(pattern=SLUG, description="short id that facts cite (lower-case slug)")
    title: str = Field(min_length=1, description="the document's title, as a reader finds it")
    publisher: str | None = Field(default=None, description="who published it (optional)")
    url: str = Field(pattern=URL, description="an http(s) address a reader can open")
    accessed: dt.date | None = Field(default=None, description="when it was read, YYYY-MM-DD")
    note: str | None = Field(default=None, description="e.g. which language or edition")
    archived: str | None = Field(default=None, pattern=URL,
                                 description="a web archive snapshot of the page, e.g. "
                                 "https://web.archive.org/web/20261122000000/<url>")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$",
                                 description="the language of its title (BCP 47), when it "
                                 "differs from the sheet's, e.g. it; default: guessed from "
                                 "the script")


class Item(BaseModel):
    """One entry of a list fact: a member, an invocation, an exercise…

    ``name`` or ``text`` says what it is; the date fields are typed so that
    timelines can be drawn; further fields (``status``, ``outcome``…) are
    free text and reach templates as written.
    """

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    name: str | None = Field(default=None, description="what the item is (printed first)")
    text: str | None = Field(default=None, description="the item as a sentence, when it has no name")
    date: dt.date | None = Field(default=None, description="when it happened, YYYY-MM-DD")
    joined: dt.date | None = Field(default=None, description="a member's joining date, YYYY-MM-DD")
    left: dt.date | None = Field(default=None, description="a member's leaving date, YYYY-MM-DD")
    status: str | None = Field(default=None, description="e.g. member, observer, suspended")
    note: str | None = Field(default=None, description="a clarification for readers, printed with the item")
    comment: str | None = Field(default=None, description="the author's own remark; never printed")
    sources: list[str] = Field(default_factory=list,
                               description="source ids for this item (default: the fact's)")
    as_of: dt.date | None = Field(default=None, description="when this item was last checked")

    @model_validator(mode="after")
    def _extra_fields_are_text(self) -> Item:
        for key, value in (self.model_extra or {}).items():
            if not isinstance(value, str):
                kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(
                    value, dict) else "a number or date"
                raise ValueError(f"field '{key}' must be plain text, not {kind}")
        return self


class Fact(_Strict):
    """One curated fact: a text ``value`` or a list of ``items``, with its sources."""

    label: str | None = Field(default=None, description="how the fact is named on the page")
    value: str | None = Field(default=None, description="the fact as text (or use items)")
    items: list[Item] | None = Field(default=None, min_length=1,
                                     description="the fact as a list of entries (or use value)")
    sources: list[str] = Field(default_factory=list,
                               description="ids of the sources (listed under the file's sources)")
    as_of: dt.date | None = Field(default=None, description="when this fact was last checked")
    quote: bool = Field(default=False, description="value is verbatim text of the source")
    note: str | None = Field(default=None, description="a clarification for readers, printed under the fact")
    comment: str | None = Field(default=None, description="the author's own remark; never printed")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$",
                                 description="the language of its value (or its items' names "
                                 "and texts) (BCP 47), when it differs from the sheet's, e.g. "
                                 "fr; default: guessed from the script")

    @field_validator("value")
    @classmethod
    def _value_not_blank(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
            raise ValueError("value is empty; write the fact or remove it")
        return v

    @model_validator(mode="after")
    def _value_or_items(self) -> Fact:
        if (self.value is None) == (self.items is None):
            raise ValueError("a fact needs exactly one of 'value' (text) or 'items' (a list)")
        if not self.sources and not (self.items and all(i.sources for i in self.items)):
            raise ValueError("a fact needs 'sources': the id of at least one source")
        if self.quote and self.items is not None:
            raise ValueError("'quote: true' applies to a text value, not to items")
        return self


class FactsFile(_Strict):
    """A whole facts file: one organisation or topic."""

    id: str = Field(pattern=SLUG, description="used in output names: <id>-<template>.pdf")
    title: str = Field(min_length=1, description="the organisation's name on the page")
    short_title: str | None = Field(default=None, description="short name for headers, e.g. NATO")
    subtitle: str | None = Field(default=None, description="a line under the title")
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$",
                          description="document language (BCP 47), e.g. en, ru")
    as_of: dt.date = Field(description="the date the file as a whole is true as of, YYYY-MM-DD")
    author: str | None = Field(default=None, description="the document author in PDF/DOCX metadata")
    translation_of: str | None = Field(default=None,
                                       description="id of the facts file this one translates")
    bibliography: str | None = Field(default=None, description="a CSL-JSON (.json) or BibTeX "
                                     "(.bib) file, relative to this one, whose entries facts "
                                     "may cite by key (docs/sources.md)")
    sources: list[Source] = Field(min_length=1,
                                  description="every document the facts cite, each once")
    facts: dict[str, Fact] = Field(min_length=1,
                                   description="fact key (lower_case_name) -> fact")

    # Fact keys are checked on the raw data (briefgen.facts.loader), so that a
    # key that is not a name is reported at its own line.
