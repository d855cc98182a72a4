"""The brief sheet: one facts file through a brief template.

``<output>/<facts id>-<template>.pdf`` and ``.docx`` (plus ``-<lang>`` and
``-<paper>`` when not the file's: :func:`briefgen.outputs.sheet_name`). The brief's template
context offers ``compare_with`` (a comparison table of this file with others),
which this module injects: the views and the templating layer know nothing of
comparisons.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from briefgen.document.model import Document
from briefgen.facts import Facts
from briefgen.facts.views import FactsView, meta_of
from briefgen.i18n import sheet_language
from briefgen.i18n.catalogues import catalogues_held
from briefgen.i18n.sheet import BRIEF_KIND
from briefgen.i18n.sheet import text as sheet_text
from briefgen.outputs import sheet_name
from briefgen.sheets.overflow_blame import blame
from briefgen.sheets.pipeline import BuildResult, document_from_markdown, sources_of
from briefgen.sheets.preflight import check_brief
from briefgen.sheets.request import facts_of
from briefgen.templating.environment import resolve_template, template_stem
from briefgen.templating.functions import marked_of
from briefgen.templating.render import render_template
from briefgen.templating.selection import ROOM_KEY, Room, note_fits
from briefgen.theme.model import DEFAULT_THEME, PageSetup, Theme
from briefgen.writers import DEFAULT_FORMATS


def template_context(facts: Facts) -> dict[str, Any]:
    """The names a brief template can use: ``facts``, ``meta`` and ``compare_with``.

    ``{% set c = compare_with("nato", spec="facts/comparisons/x.yaml") %}`` builds
    a comparison of this file with others, which the ``comparison_table`` macro
    of ``_comparison_table.md.j2`` prints: the same table as ``briefgen compare``.
    """

    @jinja2.pass_context
    def compare_with(ctx, *others: str, spec: str | None = None) -> dict[str, Any]:
        from briefgen.sheets.comparison import embedded_comparison

        return embedded_comparison(facts, others, spec, marked_of(ctx))

    return {"facts": FactsView(facts), "meta": meta_of(facts), "compare_with": compare_with}


def brief_document(facts: Facts, template: str = "brief",
                   template_dirs: list[Path] | None = None,
                   theme: Theme = DEFAULT_THEME, lang: str | None = None,
                   room: Room | None = None) -> tuple[Document, str]:
    """Render a brief template over one facts file; returns (document, template stem).

    Labels are in ``lang`` if given, else in the facts file's ``language:``. ``room``
    says how many items each ``fitting`` list may show (default: all).
    """
    name, search = resolve_template(template, template_dirs)
    slips = check_brief(facts, name, search)  # required facts, misspelt keys, unknown blocks
    model = facts.model
    language, said = sheet_language(model.language, lang)
    kind = sheet_text(language, _kind_label(name))
    room = room or Room()
    room.begin()
    context = {**template_context(facts), ROOM_KEY: room, "note_fits": note_fits}
    marked = render_template(name, search, context, lang=language, as_of=model.as_of)
    marked.warnings[:0] = said + slips
    doc = document_from_markdown(
        marked,
        title=model.title,
        sources=sources_of(facts),
        language=language,
        as_of=model.as_of,
        subject=f"{kind}: {model.title}",
        header=f"{model.short_title or model.title} · {kind}",
        theme=theme,
        keywords=(model.short_title or model.id, kind.lower()),
        author=model.author,
    )
    doc.kind = _kind_called(name)
    return doc, template_stem(name)


def _kind_called(template: str) -> str:
    """What a message calls the sheet: its template's kind's word ("timeline"), "" for a
    template of one's own."""
    from briefgen.kinds import template_kind

    kind = template_kind(template)
    return kind.called() if kind is not None else ""


def _kind_label(template: str) -> str:
    """What the sheet is called in its header: its kind's label (a timeline is a "Timeline"),
    a "Briefing sheet" for a template of one's own."""
    from briefgen.kinds import template_kind

    kind = template_kind(template)
    return kind.label if kind is not None and kind.label else BRIEF_KIND


def make_brief(facts_path: Path | str, template: str = "brief",
               formats: tuple[str, ...] = DEFAULT_FORMATS, output: Path = Path("out"),
               setup: PageSetup | None = None, theme: Theme = DEFAULT_THEME,
               template_dirs: list[Path] | None = None, lang: str | None = None) -> BuildResult:
    """Make one brief from a facts file: ``<output>/<facts id>-<template>.<fmt>``.

    ``lang`` (``--lang``) sets the language of the labels, else the file's ``language:``.
    """
    from briefgen.sheets.request import SheetRequest

    return build_brief(SheetRequest(
        (Path(facts_path),), template, tuple(formats), Path(output), setup or PageSetup(), theme,
        tuple(Path(d) for d in template_dirs or ()), lang=lang))


@catalogues_held()  # the sheet's words from one look at its catalogues
def build_brief(request) -> BuildResult:
    """Build the brief a :class:`~briefgen.sheets.request.SheetRequest` asks for (the registry's
    build of the brief and timeline kinds): ``<output>/<name>.<suffix>`` per format.

    Every item is shown at first; when the sheet does not fit even at the smallest
    type, the template's ``fitting`` lists and notes show one fewer at a time (each cut
    is a warning naming what was left out; ``--strict`` fails). Each format takes the
    first version its own page holds (:mod:`briefgen.sheets.cuts`): the PDF what fits,
    the DOCX what also leaves it room, the HTML page everything; when nothing is left
    to cut the overflow names the fact to shorten.
    """
    from briefgen.sheets.cuts import build_formats
    from briefgen.sheets.overflow import explain

    facts = facts_of(request.facts[0])
    ladder = _BriefLadder(facts, request)
    doc = ladder.document()
    name = request.name or sheet_name(f"{facts.id}-{ladder.stem}", doc.language,
                                      facts.model.language or "en", request.setup.size,
                                      request.default_paper)
    return build_formats(ladder, name, request.formats, Path(request.output), request.setup,
                         request.theme, write=request.write,
                         explain=lambda exc, doc: blame(explain(exc, doc, request.setup,
                                                                request.theme), [facts]))


class _BriefLadder:
    """The brief ever shorter: each rung shows one ``fitting`` item or note fewer (:class:`Room`)."""

    def __init__(self, facts: Facts, request) -> None:
        self.facts, self.request, self.room = facts, request, Room()
        self.doc: Document | None = None
        self.stem = ""

    def document(self) -> Document:
        """The brief as the room now allows (rendered once per rung)."""
        if self.doc is None:
            r = self.request
            self.doc, self.stem = brief_document(self.facts, r.template, list(r.template_dirs),
                                                 r.theme, r.lang, self.room)
        return self.doc

    def cut(self) -> bool:
        """One item or note fewer; False when nothing is left to cut."""
        if not self.room.shrink():
            return False
        self.doc = None
        return True
