"""The "What changed" sheet: the changes between two versions of the facts, on one page.

A sheet kind like the others: a template (``changes.md.j2``) over a context
built here from the records of :mod:`briefgen.changes`, through the same tree,
fit and writers. Every new or changed claim prints with its sources (the new
facts file's); a removed claim is listed as removed with its old wording; a
changed text shows its earlier wording when it is short (a long one is
marked as reworded). One sheet per organisation (``<id>-changes``), or one
for the whole course (``course-changes``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefgen.changes.model import Changes, FactChange, ItemChange, OrgChanges, SourceChange
from briefgen.document.model import SourceRef
from briefgen.errors import InputError, PageOverflowError
from briefgen.facts import Facts
from briefgen.i18n import N_, format_date, resolve_language, translations
from briefgen.kinds import get_kind
from briefgen.sheets.pipeline import BuildResult, document_from_markdown, write_document
from briefgen.theme.model import DEFAULT_THEME, PageSetup, Theme

TEMPLATE = "changes"
KIND = N_("What changed")
SHORT = 160
"""A changed text's earlier wording is printed when it is at most this long."""
COURSE_STEM = "course-changes"
SOURCE_COUNTS = {"added": N_("added: %(n)s"), "removed": N_("removed: %(n)s"),
                 "replaced": N_("at a new address: %(n)s"), "redated": N_("checked again: %(n)s")}


@dataclass
class Claim:
    """A claim as the template prints it: text with its citation (``{{ claim }}``)."""

    label: str
    text: str
    source_ids: tuple[str, ...] = ()
    before: str | None = None
    """The earlier wording (short texts only), else None."""
    reworded: bool = False
    entries: list[Claim] = field(default_factory=list)
    kind: str = ""

    def display_text(self) -> str:
        """What ``{{ claim }}`` prints (before its citation)."""
        return self.text


@dataclass
class SourceLine:
    """A source that was added, removed, replaced or re-dated, for the template."""

    kind: str
    title: str
    source_ids: tuple[str, ...]
    claims: str

    def display_text(self) -> str:
        """The source's title."""
        return self.title


def org_context(org: OrgChanges, lang: str, prefix: str = "", compact: int = 0) -> dict[str, Any]:
    """What the template sees of one organisation's changes.

    ``compact`` 1 leaves out earlier wordings (and the facts of an organisation
    that is new or gone as a whole: its own sheet holds them), 2 also cuts every text to its
    first sentence (marked " […]"), 3 names a changed claim with its sources
    but not its text: the steps a long list of changes takes to fit its page,
    each announced with a warning.
    """
    def cite(ids) -> tuple[str, ...]:
        return tuple(prefix + i for i in ids)

    added = [_claim(f, cite) for f in org.facts if f.kind == "added"]
    _ = translations(lang).gettext
    changed = [_changed(f, cite, _) for f in org.facts if f.kind == "changed"]
    removed = [Claim(f.label, _plain_text(f)) for f in org.facts if f.kind == "removed"]
    sources = [_source(s, cite) for s in org.sources if s.kind != "edited"]
    if compact >= 1 and org.kind in ("added", "removed"):  # a whole organisation: its own sheet
        added, removed, sources = [], [], []
    for claim in [*added, *changed, *removed, *(e for c in changed for e in c.entries)]:
        if compact >= 1:
            claim.before, claim.reworded = None, False
        if compact >= 2:
            claim.text = first_sentence(claim.text)
    if compact >= 3:  # a changed claim named with its sources, its new text left to the facts
        for claim in changed:
            claim.text = ""
            for entry in claim.entries:
                entry.text, entry.before = entry.label, None
    counts = None
    if compact >= 1 and sources:  # the sources list prints the new ones; here only how many
        tally = {k: sum(1 for x in sources if x.kind == k) for k in SOURCE_COUNTS}
        counts = "; ".join(_(SOURCE_COUNTS[k]) % {"n": n} for k, n in tally.items() if n)
    return {
        "id": org.id, "title": org.title, "kind": org.kind, "source_counts": counts,
        "fact_count": len(org.facts),
        "since": format_date(org.old_as_of, "long", lang) if org.old_as_of else None,
        "as_of": format_date(org.new_as_of, "long", lang) if org.new_as_of else None,
        "added": added, "changed": changed, "removed": removed, "sources": sources,
    }


def first_sentence(text: str) -> str:
    """The text up to its first full stop (and " […]" when more followed)."""
    import re

    match = re.search(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ\"«“(])", text)
    return text if match is None else text[:match.start()] + " […]"


def _plain_text(fact: FactChange) -> str:
    if fact.value is not None:
        return fact.value
    return ", ".join(i.text for i in fact.items)


def _claim(fact: FactChange, cite) -> Claim:
    return Claim(fact.label, _plain_text(fact), cite(fact.sources))


def _changed(fact: FactChange, cite, _) -> Claim:
    fields = {f.field: f for f in fact.fields}
    claim = Claim(fact.label, fact.value or "", cite(fact.sources) if fact.value else ())
    if "value" in fields:
        old = fields["value"].old or ""
        if len(old) <= SHORT:
            claim.before = old
        else:
            claim.reworded = True
    claim.entries = [_entry(i, cite, _) for i in fact.items]
    return claim


def _entry(item: ItemChange, cite, _) -> Claim:
    from briefgen.changes.report import FIELD_NAMES

    def name(field: str) -> str:
        return _(FIELD_NAMES[field]) if field in FIELD_NAMES else field

    quiet = ("sources", "as_of", "name", "text")  # cited; dated; the entry's own words
    details = "; ".join(f"{name(f.field)}: {_value(f.new)}" for f in item.fields
                        if f.field not in quiet and f.new is not None)
    before = "; ".join([_value(f.old) for f in item.fields
                        if f.field in ("name", "text") and f.old is not None]
                       + [f"{name(f.field)}: {_value(f.old)}" for f in item.fields
                          if f.field not in quiet and f.old is not None])
    text = item.text if item.kind != "changed" or not details else f"{item.text} — {details}"
    ids = cite(item.sources) if item.kind != "removed" else ()
    entry = Claim(item.identity, text, ids, kind=item.kind)
    if item.kind == "changed" and before and len(before) <= SHORT:
        entry.before = before
    return entry


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _source(source: SourceChange, cite) -> SourceLine:
    claims = ", ".join(dict.fromkeys(c.label for c in source.claims))
    ids = cite((source.id,)) if source.kind != "removed" else ()
    return SourceLine(source.kind, source.title, ids, claims)


def make_change_sheets(changes: Changes, formats: tuple[str, ...], output: Path = Path("out"),
                       course: bool = False, lang: str | None = None,
                       setup: PageSetup | None = None, theme: Theme = DEFAULT_THEME,
                       template: str = TEMPLATE, new_files: Sequence[Facts] = (),
                       name: str | None = None, unchanged: bool = False,
                       write: bool = True) -> BuildResult:
    """Write a "What changed" sheet per changed organisation (or one with ``course``).

    ``new_files`` are the new side's facts files, whose sources the sheet's
    citations number; organisations without changes get no sheet unless
    ``unchanged`` (a course's sheet then says there are none). ``name`` is the
    output stem of a single sheet. With ``write=False`` nothing is written: the
    bytes of a single sheet come back in ``data``.
    """
    from briefgen.sheets.pipeline import sources_of

    setup = setup or PageSetup()
    orgs = [o for o in changes.orgs if o.changed or unchanged]
    if not orgs:
        return BuildResult([], warnings=["no changes in the facts: no change sheet written"])
    sources = {f.id: sources_of(f) for f in new_files}
    groups = [orgs] if course else [[o] for o in orgs]
    result = BuildResult([])
    for group in groups:
        built = _fitted_sheet(group, course, formats, Path(output), setup, theme, template, lang,
                              sources, name, write)
        result.paths += built.paths
        result.data.update(built.data)
        result.warnings += built.warnings
        result.pages = max(result.pages, built.pages)
    return result


COMPACT_WARNINGS = ("", "earlier wordings were left out to fit its pages",
                    "earlier wordings were left out and every text cut to its first sentence "
                    "(marked […]) to fit its pages; run briefgen diff for the whole text",
                    "changed claims are named with their sources but not their new text, to fit "
                    "its pages; run briefgen diff for the whole text")


def _fitted_sheet(orgs, course, formats, output, setup, theme, template, lang, sources, name,
                  write=True):
    """The sheet at the first compaction step that fits (or the overflow error of the last)."""
    from briefgen.sheets.strictness import is_strict

    steps = [0] if setup.allow_overflow or is_strict() else [0, 1, 2, 3]
    for step in steps:
        try:
            result = _one_sheet(orgs, course, formats, output, setup, theme, template, lang,
                                sources, step, name, write)
        except PageOverflowError:
            if step == steps[-1]:
                raise
            continue
        if step:
            names = ", ".join(o.title for o in orgs)
            result.warnings.append(f"change sheet of {names}: {COMPACT_WARNINGS[step]}")
        return result
    raise AssertionError("unreachable")


def _one_sheet(orgs: list[OrgChanges], course: bool, formats, output: Path, setup: PageSetup,
               theme: Theme, template: str, lang: str | None,
               sources: dict[str, dict[str, SourceRef]], compact: int = 0,
               name: str | None = None, write: bool = True) -> BuildResult:
    from briefgen.templating.environment import resolve_template
    from briefgen.templating.render import render_template

    language = resolve_language(orgs[0].language, lang)
    refs: dict[str, SourceRef] = {}
    for org in orgs:
        for key, ref in sources.get(org.id, {}).items():
            full = f"{org.id}:{key}" if course else key
            refs[full] = replace(ref, id=full)  # archived copy, language, note kept
    context = {"orgs": [org_context(o, language, f"{o.id}:" if course else "", compact)
                        for o in orgs],
               "course": course}
    tname, search = resolve_template(template, None)
    as_of = max((o.new_as_of for o in orgs if o.new_as_of), default=None)
    marked = render_template(tname, search, context, lang=language, as_of=as_of)
    kind = translations(language).gettext(KIND)
    names = [o.title for o in orgs]
    doc = document_from_markdown(
        marked, title=f"{kind}: {', '.join(names)}", sources=refs, language=language,
        as_of=as_of, subject=f"{kind}: {', '.join(names)}",
        header=f"{' · '.join(names)} · {kind}", theme=theme, keywords=(*names, kind.lower()))
    stem = name or (COURSE_STEM if course else f"{orgs[0].id}-changes")
    doc.kind = get_kind("changes").called()
    if not doc.blocks:
        raise InputError("the change sheet's template printed nothing")
    return write_document(doc, stem, formats, output, setup, theme, write=write)


def build_changes(request) -> BuildResult:
    """Build the change sheet a :class:`~briefgen.sheets.request.SheetRequest` asks for (the
    registry's build of the ``changes`` kind): its facts file against the same file at the
    git revision ``request.since``, written even when nothing changed."""
    from briefgen.changes import compare_sides
    from briefgen.changes.sides import read_side, side_at

    if not request.since:
        raise InputError("a change sheet compares its facts with an earlier version: give the "
                         "git revision (briefgen batch COURSE --since REV, or briefgen diff)")
    new = read_side(str(request.facts[0]))
    changes = compare_sides(side_at(request.since, request.facts[0]), new)
    return make_change_sheets(changes, request.formats, Path(request.output), lang=request.lang,
                              setup=request.setup, theme=request.theme, new_files=new.files,
                              name=request.name, unchanged=True, write=request.write)


def change_line(org: OrgChanges, lang: str) -> str:
    """One line for a pack's contents: "Changed since 1 June 2026: 3 facts, 2 sources"."""
    _ = translations(lang).gettext
    since = format_date(org.old_as_of, "long", lang) if org.old_as_of else "—"
    if not org.changed:
        return _("Unchanged since %(date)s") % {"date": since}
    parts = [_("%(n)s facts") % {"n": len(org.facts)}] if org.facts else []
    if org.sources:
        parts.append(_("%(n)s sources") % {"n": len(org.sources)})
    return _("Changed since %(date)s: %(what)s") % {"date": since,
                                                     "what": ", ".join(parts) or "—"}
