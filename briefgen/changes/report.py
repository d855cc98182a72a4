"""The changes worded for people (text, in each facts file's language) or for scripts (JSON).

Text goes to stdout grouped by organisation; every word around the facts
comes from the catalogue of the facts file's ``language:`` (so a Russian file's
changes read in Russian), every fact string is printed with control and bidi
characters removed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from briefgen.changes.model import Changes, FactChange, FieldChange, ItemChange, OrgChanges, SourceChange
from briefgen.document.markers import clean_text
from briefgen.i18n import N_, format_date, resolve_language, translations

FIELD_NAMES = {
    "title": N_("title"), "short_title": N_("short title"), "subtitle": N_("subtitle"),
    "as_of": N_("as of"), "language": N_("language"), "author": N_("author"),
    "label": N_("label"), "value": N_("value"), "quote": N_("quote"), "note": N_("note"),
    "sources": N_("sources"), "name": N_("name"), "text": N_("text"), "date": N_("date"),
    "joined": N_("joined"), "left": N_("left"), "status": N_("status"),
    "publisher": N_("publisher"), "url": N_("address"), "accessed": N_("accessed"),
    "outcome": N_("outcome"), "by": N_("by"), "period": N_("period"), "periods": N_("periods"),
    "status_since": N_("status since"), "archived": N_("archived copy"),
    "translation_of": N_("translation of"),
}
"""Field names as printed (other extra fields of an item print as written in the file)."""

SOURCE_KINDS = {"added": N_("added"), "removed": N_("removed"), "replaced": N_("replaced"),
                "redated": N_("re-dated"), "edited": N_("edited")}
REORDERED = N_("reordered")
MARKS = {"added": "+", "removed": "−", "changed": "~"}
INDENT = "  "
LONG = 60
"""A text value longer than this prints its old and new wording on lines of their own."""


def to_json(changes: Changes) -> str:
    """The changes as indented JSON (kinds and field names as in the model, dates ISO)."""
    return json.dumps(changes.to_json(), ensure_ascii=False, indent=2)


def to_text(changes: Changes, lang: str | None = None) -> str:
    """The changes as text, one block per organisation, in its facts file's language (or ``lang``)."""
    if lang is not None:
        lang = resolve_language(None, lang)
    return "\n".join(_org(org, lang or org.language) for org in changes.orgs)


class _Words:
    """The catalogue of one language, with the helpers every line uses."""

    def __init__(self, lang: str):
        self.lang = lang
        self._ = translations(lang).gettext

    def quoted(self, text: Any) -> str:
        return self._("“%(text)s”") % {"text": self.value(text)}

    def value(self, value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, bool):
            return self._("yes") if value else self._("no")
        if isinstance(value, dt.date):
            return format_date(value, "sheet", self.lang)
        if isinstance(value, (list, tuple)):
            return ", ".join(self.value(v) for v in value) or "—"
        return " ".join(clean_text(str(value))[0].split())

    def field(self, name: str) -> str:
        return self._(FIELD_NAMES[name]) if name in FIELD_NAMES else clean_text(name)[0]

    def line(self, line: int | None, old: bool = False) -> str:
        if line is None:
            return ""
        return " (" + (self._("old line %(n)s") if old else self._("line %(n)s")) % {"n": line} + ")"


def _org(org: OrgChanges, lang: str) -> str:
    w = _Words(lang)
    _ = w._
    out = [_org_heading(org, w)]
    if org.kind == "same":
        out.append(INDENT + _("No changes in the facts."))
        return "\n".join(out) + "\n"
    if org.kind in ("added", "removed"):
        out.append(INDENT + (_("New organisation: %(count)s facts.") if org.kind == "added"
                             else _("Organisation removed: it had %(count)s facts."))
                   % {"count": len(org.facts)})
        return "\n".join(out) + "\n"
    if org.header:
        out.append(INDENT + _("File header"))
        out += [INDENT * 2 + _field_line(f, w) for f in org.header]
    groups = ((N_("Facts added"), "added"), (N_("Facts removed"), "removed"),
              (N_("Facts changed"), "changed"))
    for title, kind in groups:
        facts = [f for f in org.facts if f.kind == kind]
        if facts:
            out.append(INDENT + _(title))
            for fact in facts:
                out += _fact_lines(fact, w)
    if org.sources:
        out.append(INDENT + _("Sources"))
        out += [_source_line(s, w) for s in org.sources]
    return "\n".join(out) + "\n"


def _org_heading(org: OrgChanges, w: _Words) -> str:
    files = " → ".join(w.value(f) for f in (org.old_file, org.new_file) if f)
    dates = " → ".join(w.value(d) for d in (org.old_as_of, org.new_as_of) if d)
    return w._("%(name)s (%(files)s), as of %(dates)s") % {
        "name": w.value(org.title), "files": files, "dates": dates}


def _fact_lines(fact: FactChange, w: _Words) -> list[str]:
    pad = INDENT * 2
    line = fact.new_line if fact.kind != "removed" else fact.old_line
    out = [f"{pad}{MARKS[fact.kind]} {fact.key} {w.quoted(fact.label)}"
           f"{w.line(line, fact.kind == 'removed')}"]
    if fact.kind != "changed":
        if fact.value is not None:
            out.append(pad + INDENT + w.value(fact.value))
        out += [_item_line(i, w) for i in fact.items]
        return out
    for change in fact.fields:
        out += _field_lines(change, w, pad + INDENT)
    if fact.items:
        out.append(pad + INDENT + w._("entries:"))
        out += [_item_line(i, w, pad + INDENT * 2) for i in fact.items]
    return out


def _field_lines(change: FieldChange, w: _Words, pad: str) -> list[str]:
    long = any(isinstance(v, str) and len(v) > LONG for v in (change.old, change.new))
    if not long:
        return [pad + _field_line(change, w)]
    return [f"{pad}{w.field(change.field)}:"] + [
        f"{pad}{INDENT}{mark} {w.value(v)}" for mark, v in (("−", change.old), ("+", change.new))
        if v is not None]


def _field_line(change: FieldChange, w: _Words) -> str:
    if change.field == "sources":
        old, new = list(change.old or []), list(change.new or [])
        parts = [f"+ {s}" for s in new if s not in old] + [f"− {s}" for s in old if s not in new]
        return f"{w.field('sources')}: {', '.join(parts or [w._(REORDERED)])}"

    def shown(v: Any) -> str:
        return w.quoted(v) if isinstance(v, str) else w.value(v)

    return f"{w.field(change.field)}: {shown(change.old)} → {shown(change.new)}"


def _item_line(item: ItemChange, w: _Words, pad: str = INDENT * 3) -> str:
    line = item.new_line if item.kind != "removed" else item.old_line
    head = item.identity if item.identity in item.text else f"{item.identity}: {item.text}"
    if len(head) > LONG:
        head = head[:LONG].rsplit(" ", 1)[0] + " …"
    text = f"{pad}{MARKS[item.kind]} {w.value(head)}{w.line(line, item.kind == 'removed')}"
    if item.fields:
        text += ": " + "; ".join(_field_line(f, w) for f in item.fields)
    return text


def _source_line(source: SourceChange, w: _Words) -> str:
    _ = w._
    mark = MARKS.get(source.kind, "~")
    line = source.old_line if source.kind == "removed" else source.new_line
    text = (f"{INDENT * 2}{mark} {_(SOURCE_KINDS[source.kind])} {source.id} "
            f"{w.quoted(source.title)}{w.line(line, source.kind == 'removed')}")
    if source.fields:
        text += ": " + "; ".join(_field_line(f, w) for f in source.fields)
    if source.claims:
        cited = _("was cited by %(claims)s") if source.kind == "removed" else _(
            "cited by %(claims)s")
        text += "; " + cited % {"claims": ", ".join(_claim(c, w) for c in source.claims)}
    elif source.kind != "removed":
        text += "; " + _("cited by no claim")
    if source.replaced_by:
        text += "; " + _("replaced by %(ids)s") % {"ids": ", ".join(source.replaced_by)}
    return text


def _claim(claim, w: _Words) -> str:
    label = w.value(claim.label)
    return f"{label} ({w.value(claim.item)})" if claim.item else label
